package io.tierwise.classify;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.policy.RfmSegments;
import io.tierwise.policy.TieringPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fitted RFM scoring. Each dimension has {@code bins - 1} ascending cut points c₁ ≤ … ≤ c₍bins−1₎,
 * either fixed by the policy or the population's lower quantiles (cₖ = the value at rank ⌈k·n/bins⌉
 * of the n purchasing customers, ascending). Frequency and monetary score {@code 1 + #{k : x >
 * cₖ}}; recency scores {@code bins − #{k : x > cₖ}} (recent is better). Equal values therefore
 * always get equal scores — ties are never split at random — and when a tie group spans a quantile,
 * cut points coincide and some scores cannot occur. That is reported, never hidden: {@link
 * Dimension#effectiveBins} counts the scores that can occur and {@link #warnings()} says which
 * dimension lost bins and why.
 *
 * @param bins scores per dimension
 * @param recency recency cut points
 * @param frequency frequency cut points
 * @param monetary monetary cut points
 * @param segments the policy's named segments
 */
public record RfmModel(
    int bins, Dimension recency, Dimension frequency, Dimension monetary, RfmSegments segments) {

  /**
   * Cut points of one dimension.
   *
   * @param indicator the indicator scored
   * @param cutPoints ascending cut points, {@code bins - 1} of them
   * @param fixed true when the policy fixed them
   * @param effectiveBins distinct scores that can occur
   * @param largestTieShare the largest share of customers holding one value
   * @param largestTieValue that value
   */
  public record Dimension(
      Indicator indicator,
      double[] cutPoints,
      boolean fixed,
      int effectiveBins,
      double largestTieShare,
      double largestTieValue) {
    public Dimension {
      cutPoints = cutPoints.clone();
    }

    @Override
    public double[] cutPoints() {
      return cutPoints.clone();
    }

    int above(double value) {
      int count = 0;
      for (double cut : cutPoints) {
        if (value > cut) {
          count++;
        }
      }
      return count;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Dimension that
          && indicator == that.indicator
          && Arrays.equals(cutPoints, that.cutPoints);
    }

    @Override
    public int hashCode() {
      return indicator.hashCode() * 31 + Arrays.hashCode(cutPoints);
    }
  }

  /** Fits cut points on the customers who bought (recency known). */
  public static RfmModel fit(IndicatorTable table, TieringPolicy.Rfm policy) {
    int bins = policy.bins();
    double[] recency = table.column(Indicator.RECENCY_DAYS);
    double[] frequency = table.column(Indicator.FREQUENCY);
    double[] monetary = table.column(Indicator.MONETARY);
    int buyers = 0;
    for (int row = 0; row < recency.length; row++) {
      if (!Double.isNaN(recency[row])) {
        recency[buyers] = recency[row];
        frequency[buyers] = frequency[row];
        monetary[buyers] = monetary[row];
        buyers++;
      }
    }
    return new RfmModel(
        bins,
        dimension(
            Indicator.RECENCY_DAYS, Arrays.copyOf(recency, buyers), bins, policy.recencyCuts()),
        dimension(
            Indicator.FREQUENCY, Arrays.copyOf(frequency, buyers), bins, policy.frequencyCuts()),
        dimension(Indicator.MONETARY, Arrays.copyOf(monetary, buyers), bins, policy.monetaryCuts()),
        policy.segments());
  }

  static Dimension dimension(Indicator indicator, double[] values, int bins, List<Double> fixed) {
    Arrays.parallelSort(values);
    double[] cuts = new double[bins - 1];
    if (!fixed.isEmpty()) {
      for (int k = 0; k < cuts.length; k++) {
        cuts[k] = fixed.get(k);
      }
    } else if (values.length > 0) {
      for (int k = 1; k < bins; k++) {
        int rank = (int) Math.ceil(k * (double) values.length / bins);
        cuts[k - 1] = values[Math.max(0, rank - 1)];
      }
    }
    double tieShare = 0;
    double tieValue = Double.NaN;
    int index = 0;
    while (index < values.length) {
      int start = index;
      while (index < values.length && values[index] == values[start]) {
        index++;
      }
      double share = (index - start) / (double) values.length;
      if (share > tieShare) {
        tieShare = share;
        tieValue = values[start];
      }
    }
    int effective = values.length == 0 ? 0 : occurringScores(values, cuts);
    return new Dimension(indicator, cuts, !fixed.isEmpty(), effective, tieShare, tieValue);
  }

  /** How many distinct "number of cut points below" counts the sorted values produce. */
  private static int occurringScores(double[] sorted, double[] cuts) {
    boolean[] seen = new boolean[cuts.length + 1];
    for (int k = 0; k <= cuts.length; k++) {
      // values in (cuts[k-1], cuts[k]] give count k; check whether any exists
      double low = k == 0 ? Double.NEGATIVE_INFINITY : cuts[k - 1];
      double high = k == cuts.length ? Double.POSITIVE_INFINITY : cuts[k];
      int first = firstAbove(sorted, low);
      seen[k] = first < sorted.length && sorted[first] <= high && (k == 0 || low < high);
    }
    int count = 0;
    for (boolean occurs : seen) {
      count += occurs ? 1 : 0;
    }
    return count;
  }

  private static int firstAbove(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] > value) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  public int recencyScore(double recencyDays) {
    return bins - recency.above(recencyDays);
  }

  public int frequencyScore(double value) {
    return 1 + frequency.above(value);
  }

  public int monetaryScore(double value) {
    return 1 + monetary.above(value);
  }

  /** Dimensions that lost bins to ties, in words, for summary.json. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    for (Dimension dimension : List.of(recency, frequency, monetary)) {
      if (dimension.effectiveBins() < bins && dimension.effectiveBins() > 0) {
        warnings.add(
            dimension.indicator().key()
                + ": "
                + bins
                + " bins requested, "
                + dimension.effectiveBins()
                + " can occur; "
                + Numbers.plain(dimension.largestTieShare() * 100)
                + " % of buying customers share the value "
                + Numbers.plain(dimension.largestTieValue())
                + ", so cut points "
                + Arrays.toString(dimension.cutPoints())
                + " coincide and ties are kept in one score instead of being split");
      }
    }
    return warnings;
  }

  /** Explains the three scores of a customer. */
  void explainScores(
      double r, double f, double m, int rScore, int fScore, int mScore, Reasons reasons) {
    reasons.add(
        "rfm_scores",
        () ->
            "quantile cut points, ties kept together: f and m score 1 + (cut points below the value),"
                + " r scores bins - (cut points below recency_days)",
        () ->
            "recency_days="
                + Numbers.plain(r)
                + " vs cuts "
                + Arrays.toString(recency.cutPoints())
                + " -> r="
                + rScore
                + "; frequency="
                + Numbers.plain(f)
                + " vs cuts "
                + Arrays.toString(frequency.cutPoints())
                + " -> f="
                + fScore
                + "; monetary="
                + Numbers.plain(m)
                + " vs cuts "
                + Arrays.toString(monetary.cutPoints())
                + " -> m="
                + mScore);
  }
}
