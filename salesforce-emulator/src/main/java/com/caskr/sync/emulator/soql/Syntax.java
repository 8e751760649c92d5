package com.caskr.sync.emulator.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The parsed form of a query, before it meets an org's schema. */
final class Syntax {

  private Syntax() {}

  /** A name as written, with where it was written for error messages. */
  record Name(String text, int offset) {}

  /**
   * One SELECT. In a child subquery {@code from} is the child relationship name. Absent clauses are
   * null; the select list of a COUNT() query is empty.
   */
  record Select(
      List<SelectItem> items,
      Name from,
      Condition where,
      List<Ordering> orderBy,
      Integer limit,
      Integer offset,
      boolean count) {}

  sealed interface SelectItem permits FieldItem, SubqueryItem {}

  record FieldItem(Name path) implements SelectItem {}

  record SubqueryItem(Select query) implements SelectItem {}

  record Ordering(Name path, boolean descending, boolean nullsFirst) {}

  sealed interface Condition permits All, Any, Not, Comparison, InList, Like {}

  record All(List<Condition> conditions) implements Condition {}

  record Any(List<Condition> conditions) implements Condition {}

  record Not(Condition condition) implements Condition {}

  record Comparison(Name field, Operator operator, Literal value) implements Condition {}

  record InList(Name field, boolean negated, List<Literal> values) implements Condition {}

  record Like(Name field, Text pattern) implements Condition {}

  enum Operator {
    EQUALS,
    NOT_EQUALS,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL
  }

  sealed interface Literal
      permits Text, Number, Bool, DateLiteral, DateTimeLiteral, NullLiteral, RelativeDate {
    int offset();
  }

  record Text(String decoded, String raw, int offset) implements Literal {}

  record Number(BigDecimal value, int offset) implements Literal {}

  record Bool(boolean value, int offset) implements Literal {}

  record DateLiteral(LocalDate value, int offset) implements Literal {}

  record DateTimeLiteral(Instant value, int offset) implements Literal {}

  record NullLiteral(int offset) implements Literal {}

  /** TODAY, YESTERDAY, LAST_N_DAYS:n ...: a range of days resolved when the query runs. */
  record RelativeDate(RelativeDay kind, int n, int offset) implements Literal {}

  enum RelativeDay {
    YESTERDAY,
    TODAY,
    TOMORROW,
    LAST_N_DAYS,
    NEXT_N_DAYS
  }
}
