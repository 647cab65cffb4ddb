package io.tierwise.churn;

/**
 * An attribute column the trainer left out, and why (too many categories, constant, all blank).
 *
 * @param name the column name
 * @param reason a sentence for the report
 */
public record DroppedColumn(String name, String reason) {}
