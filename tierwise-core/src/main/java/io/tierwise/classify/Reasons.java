package io.tierwise.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where classification reports why it decided. Batch runs use {@link #NONE}, which costs nothing;
 * {@code explain} uses {@link #collecting()}. The same code path decides in both cases, so an
 * explanation always matches the label written.
 */
public final class Reasons {
  /** Discards reasons without building them. */
  public static final Reasons NONE = new Reasons(false);

  private final boolean collecting;
  private final List<Reason> reasons = new ArrayList<>();

  private Reasons(boolean collecting) {
    this.collecting = collecting;
  }

  /** A fresh collector for one customer; not thread-safe. */
  public static Reasons collecting() {
    return new Reasons(true);
  }

  /**
   * Records a reason. The rule text and the numbers are only built when collecting, so batch runs
   * ({@link #NONE}) pay nothing for them.
   */
  public void add(String model, Supplier<String> rule, Supplier<String> numbers) {
    if (collecting) {
      reasons.add(new Reason(model, rule.get(), numbers.get()));
    }
  }

  public List<Reason> all() {
    return List.copyOf(reasons);
  }

  /** The reasons of one model, in the order they were given. */
  public List<Reason> of(String model) {
    return reasons.stream().filter(reason -> reason.model().equals(model)).toList();
  }
}
