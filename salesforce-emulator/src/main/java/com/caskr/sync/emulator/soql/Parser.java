package com.caskr.sync.emulator.soql;

import com.caskr.sync.emulator.soql.Syntax.All;
import com.caskr.sync.emulator.soql.Syntax.Any;
import com.caskr.sync.emulator.soql.Syntax.Bool;
import com.caskr.sync.emulator.soql.Syntax.Comparison;
import com.caskr.sync.emulator.soql.Syntax.Condition;
import com.caskr.sync.emulator.soql.Syntax.DateLiteral;
import com.caskr.sync.emulator.soql.Syntax.DateTimeLiteral;
import com.caskr.sync.emulator.soql.Syntax.FieldItem;
import com.caskr.sync.emulator.soql.Syntax.InList;
import com.caskr.sync.emulator.soql.Syntax.Like;
import com.caskr.sync.emulator.soql.Syntax.Literal;
import com.caskr.sync.emulator.soql.Syntax.Name;
import com.caskr.sync.emulator.soql.Syntax.Not;
import com.caskr.sync.emulator.soql.Syntax.NullLiteral;
import com.caskr.sync.emulator.soql.Syntax.Number;
import com.caskr.sync.emulator.soql.Syntax.Operator;
import com.caskr.sync.emulator.soql.Syntax.Ordering;
import com.caskr.sync.emulator.soql.Syntax.RelativeDate;
import com.caskr.sync.emulator.soql.Syntax.RelativeDay;
import com.caskr.sync.emulator.soql.Syntax.Select;
import com.caskr.sync.emulator.soql.Syntax.SelectItem;
import com.caskr.sync.emulator.soql.Syntax.SubqueryItem;
import com.caskr.sync.emulator.soql.Syntax.Text;
import com.caskr.sync.emulator.soql.Token.Kind;
import com.caskr.sync.emulator.soql.Tokenizer.QuotedText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over the tokens of one query, for the SOQL subset described in {@link Soql}.
 */
final class Parser {

  static final int MAX_OFFSET = 2000;

  private static final Set<String> RESERVED =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "IN",
          "LIKE",
          "ORDER",
          "BY",
          "LIMIT",
          "OFFSET",
          "NULL",
          "TRUE",
          "FALSE",
          "ASC",
          "DESC",
          "NULLS",
          "GROUP",
          "HAVING",
          "INCLUDES",
          "EXCLUDES",
          "WITH",
          "USING",
          "FOR");

  private final String soql;
  private final List<Token> tokens;
  private final boolean bulk;
  private int next;

  private Parser(String soql, boolean bulk) {
    this.soql = soql;
    this.tokens = Tokenizer.tokenize(soql);
    this.bulk = bulk;
  }

  static Select parse(String soql, boolean bulk) {
    var parser = new Parser(soql, bulk);
    Select select = parser.select(false);
    parser.expect(Kind.END);
    return select;
  }

  private Select select(boolean subquery) {
    expectWord("SELECT");
    var items = new ArrayList<SelectItem>();
    boolean count = false;
    if (!subquery && peek().isWord("COUNT") && peekAhead(1).is(Kind.LEFT_PAREN)) {
      Token countToken = take();
      take();
      expect(Kind.RIGHT_PAREN);
      if (bulk) {
        throw notInBulk(countToken, "Aggregate queries are not supported in Bulk Query");
      }
      count = true;
    } else {
      do {
        items.add(selectItem(subquery));
      } while (accept(Kind.COMMA));
    }
    expectWord("FROM");
    Name from = name();
    Condition where = null;
    if (acceptWord("WHERE")) {
      where = condition();
    }
    List<Ordering> orderBy = List.of();
    if (acceptWord("ORDER")) {
      expectWord("BY");
      orderBy = orderings();
    }
    Integer limit = null;
    if (acceptWord("LIMIT")) {
      limit = wholeNumber();
    }
    Integer offset = null;
    if (peek().isWord("OFFSET")) {
      Token offsetToken = take();
      if (bulk) {
        throw notInBulk(offsetToken, "OFFSET is not supported in Bulk Query");
      }
      Token value = peek();
      offset = wholeNumber();
      if (offset > MAX_OFFSET) {
        throw SoqlException.at(
            SoqlErrorCode.NUMBER_OUTSIDE_VALID_RANGE,
            soql,
            value.offset(),
            "Maximum SOQL offset allowed is " + MAX_OFFSET);
      }
    }
    return new Select(List.copyOf(items), from, where, orderBy, limit, offset, count);
  }

  private SelectItem selectItem(boolean subquery) {
    Token token = peek();
    if (token.is(Kind.LEFT_PAREN) && !subquery) {
      take();
      if (bulk) {
        throw notInBulk(token, "Aggregate Relationships not supported in Bulk Query");
      }
      Select child = select(true);
      expect(Kind.RIGHT_PAREN);
      return new SubqueryItem(child);
    }
    return new FieldItem(name());
  }

  private List<Ordering> orderings() {
    var orderings = new ArrayList<Ordering>();
    do {
      Name path = name();
      boolean descending = false;
      if (acceptWord("DESC")) {
        descending = true;
      } else {
        acceptWord("ASC");
      }
      // Salesforce sorts nulls first unless told otherwise, whatever the direction.
      boolean nullsFirst = true;
      if (acceptWord("NULLS")) {
        if (acceptWord("LAST")) {
          nullsFirst = false;
        } else {
          expectWord("FIRST");
        }
      }
      orderings.add(new Ordering(path, descending, nullsFirst));
    } while (accept(Kind.COMMA));
    return List.copyOf(orderings);
  }

  // SOQL, unlike SQL, gives AND and OR no precedence: mixing them needs parentheses.
  private Condition condition() {
    Condition first = unary();
    String joiner = peek().isWord("AND") ? "AND" : peek().isWord("OR") ? "OR" : null;
    if (joiner == null) {
      return first;
    }
    var conditions = new ArrayList<Condition>();
    conditions.add(first);
    while (acceptWord(joiner)) {
      conditions.add(unary());
    }
    String other = joiner.equals("AND") ? "OR" : "AND";
    if (peek().isWord(other)) {
      throw unexpected(peek());
    }
    return joiner.equals("AND")
        ? new All(List.copyOf(conditions))
        : new Any(List.copyOf(conditions));
  }

  private Condition unary() {
    if (acceptWord("NOT")) {
      return new Not(unary());
    }
    if (accept(Kind.LEFT_PAREN)) {
      Condition inner = condition();
      expect(Kind.RIGHT_PAREN);
      return inner;
    }
    return predicate();
  }

  private Condition predicate() {
    Name field = name();
    Token token = peek();
    if (token.is(Kind.OPERATOR)) {
      take();
      return new Comparison(field, operator(token.text()), literal());
    }
    if (acceptWord("IN")) {
      return new InList(field, false, literalList());
    }
    if (token.isWord("NOT") && peekAhead(1).isWord("IN")) {
      take();
      take();
      return new InList(field, true, literalList());
    }
    if (acceptWord("LIKE")) {
      Token pattern = peek();
      if (!pattern.is(Kind.STRING)) {
        throw unexpected(pattern);
      }
      take();
      var text = (QuotedText) pattern.value();
      return new Like(field, new Text(text.decoded(), text.raw(), pattern.offset()));
    }
    throw unexpected(token);
  }

  private static Operator operator(String text) {
    return switch (text) {
      case "=" -> Operator.EQUALS;
      case "!=", "<>" -> Operator.NOT_EQUALS;
      case "<" -> Operator.LESS;
      case "<=" -> Operator.LESS_OR_EQUAL;
      case ">" -> Operator.GREATER;
      case ">=" -> Operator.GREATER_OR_EQUAL;
      default -> throw new IllegalStateException("tokenizer produced operator " + text);
    };
  }

  private List<Literal> literalList() {
    expect(Kind.LEFT_PAREN);
    var values = new ArrayList<Literal>();
    do {
      values.add(literal());
    } while (accept(Kind.COMMA));
    expect(Kind.RIGHT_PAREN);
    return List.copyOf(values);
  }

  private Literal literal() {
    Token token = take();
    int at = token.offset();
    switch (token.kind()) {
      case STRING -> {
        var text = (QuotedText) token.value();
        return new Text(text.decoded(), text.raw(), at);
      }
      case NUMBER -> {
        return new Number((BigDecimal) token.value(), at);
      }
      case DATE -> {
        return new DateLiteral((LocalDate) token.value(), at);
      }
      case DATETIME -> {
        return new DateTimeLiteral((Instant) token.value(), at);
      }
      case WORD -> {
        return wordLiteral(token);
      }
      default -> throw unexpected(token);
    }
  }

  private Literal wordLiteral(Token token) {
    String word = token.text().toUpperCase(Locale.ROOT);
    switch (word) {
      case "NULL" -> {
        return new NullLiteral(token.offset());
      }
      case "TRUE", "FALSE" -> {
        return new Bool(word.equals("TRUE"), token.offset());
      }
      case "TODAY", "YESTERDAY", "TOMORROW" -> {
        return new RelativeDate(RelativeDay.valueOf(word), 0, token.offset());
      }
      case "LAST_N_DAYS", "NEXT_N_DAYS" -> {
        expect(Kind.COLON);
        return new RelativeDate(RelativeDay.valueOf(word), wholeNumber(), token.offset());
      }
      default -> throw unexpected(token);
    }
  }

  private int wholeNumber() {
    Token token = take();
    if (!token.is(Kind.NUMBER)) {
      throw unexpected(token);
    }
    var value = (BigDecimal) token.value();
    try {
      int n = value.intValueExact();
      if (n < 0) {
        throw unexpected(token);
      }
      return n;
    } catch (ArithmeticException e) {
      throw unexpected(token);
    }
  }

  private Name name() {
    Token token = take();
    if (!token.is(Kind.WORD)
        || RESERVED.contains(token.text().toUpperCase(Locale.ROOT))
        || token.text().endsWith(".")
        || token.text().contains("..")) {
      throw unexpected(token);
    }
    return new Name(token.text(), token.offset());
  }

  private SoqlException notInBulk(Token token, String reason) {
    return SoqlException.at(SoqlErrorCode.FUNCTIONALITY_NOT_ENABLED, soql, token.offset(), reason);
  }

  private SoqlException unexpected(Token token) {
    return SoqlException.at(
        SoqlErrorCode.MALFORMED_QUERY,
        soql,
        token.offset(),
        "unexpected token: " + token.display());
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekAhead(int distance) {
    return tokens.get(Math.min(next + distance, tokens.size() - 1));
  }

  private Token take() {
    Token token = tokens.get(next);
    if (!token.is(Kind.END)) {
      next++;
    }
    return token;
  }

  private boolean accept(Kind kind) {
    if (peek().is(kind)) {
      take();
      return true;
    }
    return false;
  }

  private boolean acceptWord(String keyword) {
    if (peek().isWord(keyword)) {
      take();
      return true;
    }
    return false;
  }

  private void expect(Kind kind) {
    if (!accept(kind)) {
      throw unexpected(peek());
    }
  }

  private void expectWord(String keyword) {
    if (!acceptWord(keyword)) {
      throw unexpected(peek());
    }
  }
}
