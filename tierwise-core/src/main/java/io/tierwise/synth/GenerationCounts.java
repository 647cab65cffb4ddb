package io.tierwise.synth;

/** Running totals of what was written; mutable, owned by one generator run. */
final class GenerationCounts {
  long customers;
  long orders;
  long events;
  long surveys;
  long churned;
  long revenueCents;
  final long[] groups = new long[BehaviourGroup.values().length];
  final long[] needs = new long[NeedsType.values().length];

  void customer(BehaviourGroup group, NeedsType needsType, boolean hasChurned) {
    customers++;
    groups[group.ordinal()]++;
    needs[needsType.ordinal()]++;
    if (hasChurned) {
      churned++;
    }
  }

  void order(long amountCents) {
    orders++;
    revenueCents += amountCents;
  }

  void event() {
    events++;
  }

  void survey() {
    surveys++;
  }
}
