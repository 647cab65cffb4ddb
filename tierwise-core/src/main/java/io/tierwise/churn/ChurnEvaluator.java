package io.tierwise.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ranking and calibration metrics for binary churn predictions. Stateless. */
public final class ChurnEvaluator {
  private ChurnEvaluator() {}

  /** Evaluates calibrated probabilities against 0/1 labels at a given alert threshold. */
  public static ChurnEvaluation evaluate(double[] probabilities, int[] labels, double threshold) {
    requireSameLength(probabilities, labels);
    int n = labels.length;
    int positives = Arrays.stream(labels).sum();
    int tp = 0;
    int fp = 0;
    double brier = 0;
    double sumPredicted = 0;
    for (int i = 0; i < n; i++) {
      boolean flagged = probabilities[i] >= threshold;
      tp += flagged && labels[i] == 1 ? 1 : 0;
      fp += flagged && labels[i] == 0 ? 1 : 0;
      brier += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
      sumPredicted += probabilities[i];
    }
    ConfusionMatrix confusion = new ConfusionMatrix(tp, fp, n - positives - fp, positives - tp);
    double observedRate = n == 0 ? 0.0 : (double) positives / n;
    return new ChurnEvaluation(
        n,
        positives,
        auc(probabilities, labels),
        averagePrecision(probabilities, labels),
        n == 0 ? 0.0 : brier / n,
        threshold,
        confusion,
        n == 0 ? 0.0 : sumPredicted / n,
        observedRate,
        deciles(probabilities, labels, positives, observedRate));
  }

  /**
   * Area under the ROC curve by the rank-sum (Mann-Whitney) formula; tied scores get their mean
   * rank, so a tie between a churner and a non-churner counts one half. NaN with one class only.
   */
  public static double auc(double[] scores, int[] labels) {
    requireSameLength(scores, labels);
    int[] order = ascending(scores);
    long positives = Arrays.stream(labels).filter(label -> label == 1).count();
    long negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double positiveRankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double meanRank = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        positiveRankSum += labels[order[k]] == 1 ? meanRank : 0.0;
      }
      i = j + 1;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
  }

  /**
   * Average precision, {@code sum over thresholds of (R_k - R_{k-1}) * P_k}, with tied scores
   * forming one threshold (the definition scikit-learn uses). NaN without any positive.
   */
  public static double averagePrecision(double[] scores, int[] labels) {
    requireSameLength(scores, labels);
    int positives = Arrays.stream(labels).sum();
    if (positives == 0) {
      return Double.NaN;
    }
    double[] sum = {0, 0}; // average precision so far, recall at the previous threshold
    thresholdsFromTop(
        scores,
        labels,
        (score, truePositives, flagged) -> {
          double recall = (double) truePositives / positives;
          sum[0] += (recall - sum[1]) * ((double) truePositives / flagged);
          sum[1] = recall;
        });
    return sum[0];
  }

  /**
   * The threshold that maximises F1 when flagging every customer whose score is at least it; the
   * candidates are the distinct scores. Used on the validation split, never on the test split.
   */
  static double bestF1Threshold(double[] scores, int[] labels) {
    int positives = Arrays.stream(labels).sum();
    double[] best = {-1, 0.5}; // best F1 so far, its threshold
    thresholdsFromTop(
        scores,
        labels,
        (score, truePositives, flagged) -> {
          double f1 = 2.0 * truePositives / (flagged + positives);
          if (f1 > best[0]) {
            best[0] = f1;
            best[1] = score;
          }
        });
    return best[1];
  }

  /** What flagging every row scored at least {@code score} catches. */
  private interface Threshold {
    void at(double score, int truePositives, int flagged);
  }

  /**
   * Visits each distinct score from the highest down, tied scores forming one threshold, with the
   * true positives and rows flagged at or above it.
   */
  private static void thresholdsFromTop(double[] scores, int[] labels, Threshold visit) {
    int[] order = ascending(scores);
    int truePositives = 0;
    int flagged = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
        j--;
      }
      for (int k = j; k <= i; k++) {
        truePositives += labels[order[k]];
        flagged++;
      }
      visit.at(scores[order[j]], truePositives, flagged);
      i = j - 1;
    }
  }

  private static List<DecileRow> deciles(
      double[] probabilities, int[] labels, int positives, double observedRate) {
    int n = labels.length;
    int[] order = ascending(probabilities);
    List<DecileRow> rows = new ArrayList<>();
    int captured = 0;
    for (int decile = 0; decile < 10 && n > 0; decile++) {
      int from = decile * n / 10;
      int to = (decile + 1) * n / 10;
      int churners = 0;
      double predicted = 0;
      for (int rank = from; rank < to; rank++) {
        int row = order[n - 1 - rank];
        churners += labels[row];
        predicted += probabilities[row];
      }
      int size = to - from;
      captured += churners;
      double rate = size == 0 ? 0.0 : (double) churners / size;
      rows.add(
          new DecileRow(
              decile + 1,
              size,
              churners,
              size == 0 ? 0.0 : predicted / size,
              rate,
              observedRate == 0 ? 0.0 : rate / observedRate,
              positives == 0 ? 0.0 : (double) captured / positives));
    }
    return rows;
  }

  /**
   * Row indices by ascending score ({@link Double#compare} order); equal scores keep their row
   * order (deterministic). Sorted as primitives: each row becomes its score's rank among the
   * distinct scores, above its index, in one long; boxed indices with a comparator took five times
   * as long.
   */
  static int[] ascending(double[] scores) {
    double[] distinct = scores.clone();
    Arrays.sort(distinct);
    int count = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (count == 0 || Double.compare(distinct[i], distinct[count - 1]) != 0) {
        distinct[count++] = distinct[i];
      }
    }
    long[] keys = new long[scores.length];
    for (int row = 0; row < scores.length; row++) {
      long rank = Arrays.binarySearch(distinct, 0, count, scores[row]);
      keys[row] = rank << 32 | row;
    }
    Arrays.sort(keys);
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  private static void requireSameLength(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + labels.length + " labels");
    }
  }
}
