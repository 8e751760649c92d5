package com.caskr.sync.salesforce.bulk;

/**
 * A Bulk 2.0 query job as Salesforce last described it.
 *
 * @param apiVersion the version that created it; its results must be read with the same one
 * @param errorMessage why it failed, or null
 */
public record QueryJob(
    String id,
    String operation,
    String object,
    State state,
    String apiVersion,
    ColumnDelimiter columnDelimiter,
    long numberRecordsProcessed,
    String errorMessage) {

  /** The job states; a job starts at {@code UploadComplete}. */
  public enum State {
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted;

    public boolean terminal() {
      return this == JobComplete || this == Failed || this == Aborted;
    }
  }

  /** The CSV column delimiters Bulk 2.0 offers. */
  public enum ColumnDelimiter {
    COMMA(','),
    BACKQUOTE('`'),
    CARET('^'),
    PIPE('|'),
    SEMICOLON(';'),
    TAB('\t');

    private final char character;

    ColumnDelimiter(char character) {
      this.character = character;
    }

    public char character() {
      return character;
    }
  }
}
