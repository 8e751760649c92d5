package com.caskr.sync.emulator.outbound;

import com.caskr.sync.emulator.org.ChangeRecord;
import com.caskr.sync.emulator.org.ChangeType;
import java.math.BigDecimal;

/** When a committed change of a record sends an outbound message (the workflow rule's criteria). */
public sealed interface Condition {

  /** Whether this change of a record of the definition's object fires the message. */
  boolean matches(ChangeRecord change);

  /** "Created": fires once, when the record is inserted. */
  record Created() implements Condition {
    @Override
    public boolean matches(ChangeRecord change) {
      return change.changeType() == ChangeType.CREATE;
    }
  }

  /** "Created, and every time it's edited". */
  record AnyChange() implements Condition {
    @Override
    public boolean matches(ChangeRecord change) {
      return change.changeType() == ChangeType.CREATE || change.changeType() == ChangeType.UPDATE;
    }
  }

  /**
   * The field takes the value: on create when it has it, on update only when it changed to it (the
   * previous value differed), so staying at the value does not fire again.
   */
  record FieldEnters(String field, String value) implements Condition {

    public FieldEnters {
      if (field == null || field.isBlank() || value == null) {
        throw new IllegalArgumentException("fieldEnters needs a field and a value");
      }
    }

    @Override
    public boolean matches(ChangeRecord change) {
      return switch (change.changeType()) {
        case CREATE -> equalsValue(change.values().get(field));
        case UPDATE ->
            change.changedFields().contains(field) && equalsValue(change.values().get(field));
        default -> false;
      };
    }

    private boolean equalsValue(Object actual) {
      if (actual instanceof BigDecimal number) {
        try {
          return number.compareTo(new BigDecimal(value)) == 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return actual != null && actual.toString().equals(value);
    }
  }
}
