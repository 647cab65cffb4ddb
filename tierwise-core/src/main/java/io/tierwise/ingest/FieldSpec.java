package io.tierwise.ingest;

import java.util.Objects;
import java.util.Optional;

/** Where a canonical field's value comes from in a user's source. */
public sealed interface FieldSpec {

  /**
   * The value of one column.
   *
   * @param column the column name in the user's file
   * @param format a {@link java.time.format.DateTimeFormatter} pattern for dates, if not ISO
   * @param integerId for ids written as numbers with a fraction ({@code 17850.0}): strip {@code .0}
   */
  record FromColumn(String column, Optional<String> format, boolean integerId)
      implements FieldSpec {
    public FromColumn {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(format, "format");
    }

    public static FromColumn of(String column) {
      return new FromColumn(column, Optional.empty(), false);
    }
  }

  /**
   * A value computed from the row by a CEL expression over the columns (as text), e.g. {@code
   * double(Quantity) * double(UnitPrice)}.
   */
  record FromExpression(String expression, Optional<String> format) implements FieldSpec {
    public FromExpression {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(format, "format");
    }
  }

  /** The same value on every row, e.g. an event type for a file that holds only logins. */
  record Constant(String value) implements FieldSpec {
    public Constant {
      Objects.requireNonNull(value, "value");
    }
  }
}
