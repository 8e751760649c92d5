package com.caskr.sync.emulator.soql;

/** One lexical unit of a query; {@code offset} is where it starts, for error messages. */
record Token(Kind kind, String text, Object value, int offset) {

  enum Kind {
    WORD,
    STRING,
    NUMBER,
    DATE,
    DATETIME,
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,
    COLON,
    END
  }

  boolean isWord(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  boolean is(Kind expected) {
    return kind == expected;
  }

  /** How Salesforce names a token in "unexpected token" messages. */
  String display() {
    return kind == Kind.END ? "<EOF>" : "'" + text + "'";
  }
}
