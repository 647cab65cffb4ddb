package io.tierwise.ingest;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One customer's attributes read in place from the ledger's columns, as an unmodifiable map: a
 * history is made for every customer several times in a run (indicators, churn training), and most
 * uses look up one or two attributes, so no map is built per customer. Iterating builds the entries
 * on demand, in the columns' order. Equal to any map with the same entries.
 */
final class LedgerAttributes extends AbstractMap<String, String> {
  private final Map<String, int[]> columns; // per attribute, 1 + value index by customer; 0: none
  private final List<String> values;
  private final int customer;
  private Set<Entry<String, String>> entries; // made on first iteration

  LedgerAttributes(Map<String, int[]> columns, List<String> values, int customer) {
    this.columns = columns;
    this.values = values;
    this.customer = customer;
  }

  @Override
  public String get(Object name) {
    int[] column = columns.get(name);
    int value = column == null ? 0 : column[customer];
    return value == 0 ? null : values.get(value - 1);
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    if (entries == null) {
      Map<String, String> present = new LinkedHashMap<>();
      columns.forEach(
          (name, column) -> {
            if (column[customer] != 0) {
              present.put(name, values.get(column[customer] - 1));
            }
          });
      entries = Collections.unmodifiableMap(present).entrySet();
    }
    return entries;
  }
}
