package com.caskr.sync.emulator.soql;

/**
 * A query Salesforce would refuse, carrying the {@code errorCode} and {@code message} of the REST
 * error body ({@code [{"message": ..., "errorCode": ...}]}, HTTP 400).
 */
public final class SoqlException extends RuntimeException {

  private final SoqlErrorCode errorCode;

  SoqlException(SoqlErrorCode errorCode, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
  }

  public SoqlErrorCode errorCode() {
    return errorCode;
  }

  public String message() {
    return getMessage();
  }

  /**
   * Salesforce points at the offending spot of the query: the line, a caret under the column, then
   * {@code ERROR at Row:r:Column:c} and the reason.
   */
  static SoqlException at(SoqlErrorCode code, String soql, int offset, String reason) {
    int lineStart = soql.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    if (offset == 0) {
      lineStart = 0;
    }
    int lineEnd = soql.indexOf('\n', offset);
    String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
    int row = 1;
    for (int i = 0; i < lineStart; i++) {
      if (soql.charAt(i) == '\n') {
        row++;
      }
    }
    int column = offset - lineStart + 1;
    String message =
        "\n"
            + line
            + "\n"
            + " ".repeat(column - 1)
            + "^\nERROR at Row:"
            + row
            + ":Column:"
            + column
            + "\n"
            + reason;
    return new SoqlException(code, message);
  }
}
