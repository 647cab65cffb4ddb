package io.tierwise.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class ChurnEvaluatorTest {

  @Test
  void aucCountsCorrectlyOrderedPairs() {
    // Pairs (positive, negative): (0.35, 0.1) ok, (0.35, 0.4) wrong, (0.8, 0.1) ok, (0.8, 0.4) ok.
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    int[] labels = {0, 0, 1, 1};
    assertThat(ChurnEvaluator.auc(scores, labels)).isCloseTo(0.75, offset(1e-12));
  }

  @Test
  void aucCountsATiedPairAsOneHalf() {
    // Pairs: (0.5, 0.5) half, (0.5, 0.2) ok, (0.9, 0.5) ok, (0.9, 0.2) ok -> 3.5 / 4.
    double[] scores = {0.5, 0.5, 0.2, 0.9};
    int[] labels = {1, 0, 0, 1};
    assertThat(ChurnEvaluator.auc(scores, labels)).isCloseTo(0.875, offset(1e-12));
  }

  @Test
  void averagePrecisionIsTheStepAreaUnderPrecisionRecall() {
    // Ranked: 0.8 (+) P=1 R=.5; 0.4 (-); 0.35 (+) P=2/3 R=1 -> 0.5 * 1 + 0.5 * 2/3.
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    int[] labels = {0, 0, 1, 1};
    assertThat(ChurnEvaluator.averagePrecision(scores, labels))
        .isCloseTo(0.5 + 1.0 / 3, offset(1e-12));
  }

  @Test
  void aucIsUndefinedWithOneClass() {
    assertThat(ChurnEvaluator.auc(new double[] {0.1, 0.2}, new int[] {1, 1})).isNaN();
  }

  @Test
  void evaluationCountsTheConfusionMatrixAtTheThresholdAndRanksDeciles() {
    double[] probabilities = new double[20];
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      probabilities[i] = i / 20.0;
      labels[i] = i >= 15 ? 1 : 0;
    }
    ChurnEvaluation evaluation = ChurnEvaluator.evaluate(probabilities, labels, 0.7);

    assertThat(evaluation.confusion()).isEqualTo(new ConfusionMatrix(5, 1, 14, 0));
    assertThat(evaluation.auc()).isEqualTo(1.0);
    assertThat(evaluation.deciles()).hasSize(10);
    DecileRow top = evaluation.deciles().get(0);
    assertThat(top.customers()).isEqualTo(2);
    assertThat(top.positives()).isEqualTo(2);
    assertThat(top.lift()).isCloseTo(4.0, offset(1e-12));
    assertThat(evaluation.deciles().get(2).cumulativeCapture()).isCloseTo(1.0, offset(1e-12));
  }

  @Test
  void bestF1ThresholdFlagsExactlyTheChurnersWhenTheyAreSeparable() {
    double[] scores = {0.1, 0.2, 0.3, 0.7, 0.9};
    int[] labels = {0, 0, 0, 1, 1};
    assertThat(ChurnEvaluator.bestF1Threshold(scores, labels)).isEqualTo(0.7);
  }

  @Test
  void ascendingIsTheStableSortByScore() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(0, 400);
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        scores[i] =
            switch (random.nextInt(6)) {
              case 0 -> random.nextInt(5) / 4.0; // many ties
              case 1 -> -0.0;
              case 2 -> 0.0;
              case 3 -> Double.NaN;
              default -> random.nextDouble(-1, 1);
            };
      }
      Integer[] expected = java.util.stream.IntStream.range(0, n).boxed().toArray(Integer[]::new);
      java.util.Arrays.sort(expected, java.util.Comparator.comparingDouble(i -> scores[i]));
      assertThat(ChurnEvaluator.ascending(scores))
          .containsExactly(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
    }
  }
}
