package io.tierwise.ingest;

import java.util.List;
import java.util.function.Consumer;

/**
 * The customers ingest produced: one {@link CustomerHistory} per customer, by dense index in
 * first-seen order. Read-only once built; safe to read from several threads.
 */
public final class CustomerBase {
  private final CustomerLedger ledger;

  CustomerBase(CustomerLedger ledger) {
    this.ledger = ledger;
  }

  public int size() {
    return ledger.size();
  }

  public String customerId(int index) {
    return ledger.id(index);
  }

  /** The UTF-8 bytes of customer {@code index}'s id, without making a String when it is ASCII. */
  public byte[] customerIdUtf8(int index) {
    return ledger.idUtf8(index);
  }

  /**
   * Copies the UTF-8 bytes of customer {@code index}'s id into {@code into} and returns their
   * count, or -1 (nothing copied) when the id is not ASCII or does not fit: then call {@link
   * #customerIdUtf8(int)}. For passes over millions of customers.
   */
  public int customerIdUtf8(int index, byte[] into) {
    return ledger.idAsciiInto(index, into);
  }

  /** A fresh history of customer {@code index}. */
  public CustomerHistory history(int index) {
    return ledger.history(index);
  }

  /** Only the purchases of customer {@code index}: cheaper than a whole history. */
  public CustomerHistory.Purchases purchases(int index) {
    return ledger.purchasesOf(index);
  }

  /**
   * Only the purchases of customer {@code index}, copied into a reused buffer: for a pass over a
   * large customer base that needs no object per customer.
   */
  public PurchaseDays purchasesInto(int index, PurchaseDays into) {
    ledger.purchasesInto(index, into);
    return into;
  }

  /**
   * The history of customer {@code index}, after which its purchases and events are released to
   * free memory: for the last pass over a large customer base. Later calls see no purchases or
   * events for that customer. Safe from several threads for distinct customers.
   */
  public CustomerHistory take(int index) {
    CustomerHistory history = ledger.history(index);
    ledger.release(index);
    return history;
  }

  /**
   * An order of all customer indexes in which {@link #take} frees memory as it goes, rather than at
   * the end: a last pass that takes customers in this order holds less at its peak.
   */
  public int[] releaseOrder() {
    return ledger.releaseOrder();
  }

  public void forEach(Consumer<CustomerHistory> action) {
    for (int i = 0; i < size(); i++) {
      action.accept(history(i));
    }
  }

  /** Distinct product features seen in events, the denominator of feature penetration. */
  public int featureCount() {
    return ledger.featureCount();
  }

  /**
   * Attribute {@code name} of every customer, read in place. Values never change once the base is
   * built ({@link #take} releases purchases and events, not attributes).
   */
  public AttributeColumn attributeColumn(String name) {
    return ledger.attributeColumn(name);
  }

  public List<String> attributeNames() {
    return List.copyOf(ledger.attributeNames());
  }
}
