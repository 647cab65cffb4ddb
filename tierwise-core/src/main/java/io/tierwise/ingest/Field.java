package io.tierwise.ingest;

import java.util.Arrays;
import java.util.Optional;

/** A canonical field of one of our sources; its column name is the one in docs/data-format.md. */
public enum Field {
  CUSTOMER_ID_OF_CUSTOMER(SourceKind.CUSTOMERS, "customer_id", Type.ID, true),
  SIGNUP_DATE(SourceKind.CUSTOMERS, "signup_date", Type.DATE, false),

  ORDER_ID(SourceKind.ORDERS, "order_id", Type.TEXT, false),
  CUSTOMER_ID_OF_ORDER(SourceKind.ORDERS, "customer_id", Type.ID, true),
  ORDER_DATE(SourceKind.ORDERS, "order_date", Type.DATE, true),
  AMOUNT(SourceKind.ORDERS, "amount", Type.DECIMAL, true),
  COST(SourceKind.ORDERS, "cost", Type.DECIMAL, false),
  QUANTITY(SourceKind.ORDERS, "quantity", Type.DECIMAL, false),
  UNIT_PRICE(SourceKind.ORDERS, "unit_price", Type.DECIMAL, false),
  CATEGORY(SourceKind.ORDERS, "category", Type.TEXT, false),
  CHANNEL(SourceKind.ORDERS, "channel", Type.TEXT, false),
  CANCELLATION(SourceKind.ORDERS, "cancellation", Type.BOOLEAN, false),
  ORIGINAL_ORDER_ID(SourceKind.ORDERS, "original_order_id", Type.TEXT, false),

  CUSTOMER_ID_OF_EVENT(SourceKind.EVENTS, "customer_id", Type.ID, true),
  EVENT_TIME(SourceKind.EVENTS, "event_time", Type.DATE, true),
  EVENT_TYPE(SourceKind.EVENTS, "event_type", Type.EVENT_TYPE, true),
  FEATURE(SourceKind.EVENTS, "feature", Type.TEXT, false),
  DURATION_MINUTES(SourceKind.EVENTS, "duration_minutes", Type.DECIMAL, false),

  CUSTOMER_ID_OF_SURVEY(SourceKind.SURVEYS, "customer_id", Type.ID, true),
  SURVEY_DATE(SourceKind.SURVEYS, "survey_date", Type.DATE, true),
  CSAT(SourceKind.SURVEYS, "csat", Type.INTEGER, false),
  NPS(SourceKind.SURVEYS, "nps", Type.INTEGER, false),
  FEEDBACK(SourceKind.SURVEYS, "feedback", Type.TEXT, false);

  /** How a field's text is parsed and checked. */
  public enum Type {
    ID,
    TEXT,
    DATE,
    DECIMAL,
    INTEGER,
    BOOLEAN,
    EVENT_TYPE
  }

  private final SourceKind kind;
  private final String column;
  private final Type type;
  private final boolean required;

  Field(SourceKind kind, String column, Type type, boolean required) {
    this.kind = kind;
    this.column = column;
    this.type = type;
    this.required = required;
  }

  public SourceKind kind() {
    return kind;
  }

  /** The column name in our format and the key in a mapping's {@code fields}. */
  public String column() {
    return column;
  }

  public Type type() {
    return type;
  }

  public boolean required() {
    return required;
  }

  public static Optional<Field> of(SourceKind kind, String column) {
    return Arrays.stream(values())
        .filter(field -> field.kind == kind && field.column.equals(column))
        .findFirst();
  }
}
