package io.tierwise.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
  private static final List<String> COLUMNS = List.of("id", "tenure", "plan", "total", "label");
  private static final LabelledTable TRAINING =
      LabelledTable.of(
          COLUMNS,
          List.of(
              List.of("a", "1", "monthly", "10", "Yes"),
              List.of("b", "5", "yearly", " ", "No"),
              List.of("c", "9", "monthly", "30", "No"),
              List.of("d", "3", "monthly", "20", "Yes")));

  private static FeatureEncoder fitted() {
    return FeatureEncoder.fit(TRAINING, new int[] {0, 1, 2, 3}, Set.of("id", "label"), 50);
  }

  @Test
  void infersNumericAndCategoricalColumnsAndOneHotEncodesByFrequency() {
    FeatureEncoder encoder = fitted();

    assertThat(encoder.columns())
        .extracting(ColumnSchema::name, ColumnSchema::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tenure", ColumnSchema.Type.NUMERIC),
            org.assertj.core.groups.Tuple.tuple("plan", ColumnSchema.Type.CATEGORICAL),
            org.assertj.core.groups.Tuple.tuple("total", ColumnSchema.Type.NUMERIC));
    assertThat(encoder.featureNames())
        .containsExactly("tenure", "plan=monthly", "plan=yearly", "total", "total=missing");
  }

  @Test
  void imputesABlankNumericCellWithTheTrainingMedianAndSetsTheMissingIndicator() {
    FeatureEncoder encoder = fitted();
    int[] positions = encoder.locate(TRAINING);

    assertThat(encoder.columns().get(2).median()).isEqualTo(20.0);
    assertThat(encoder.encode(TRAINING, 1, positions)).containsExactly(5, 0, 1, 20, 1);
    assertThat(encoder.encode(TRAINING, 0, positions)).containsExactly(1, 1, 0, 10, 0);
  }

  @Test
  void encodesAnUnseenCategoryAndAMalformedNumberWithoutFailing() {
    LabelledTable scoring =
        LabelledTable.of(
            List.of("total", "plan", "tenure", "id"),
            List.of(List.of("n/a", "weekly", "7", "x"), List.of("15", "yearly", "2", "y")));
    FeatureEncoder encoder = fitted();
    int[] positions = encoder.locate(scoring);

    assertThat(encoder.encode(scoring, 0, positions)).containsExactly(7, 0, 0, 20, 1);
  }

  @Test
  void refusesATableMissingAModelColumnNamingIt() {
    LabelledTable scoring = LabelledTable.of(List.of("id", "tenure"), List.of(List.of("x", "1")));

    assertThatThrownBy(() -> fitted().locate(scoring))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("missing column(s) plan, total");
  }

  @Test
  void refusesAColumnThatChangedType() {
    LabelledTable scoring =
        LabelledTable.of(
            List.of("id", "tenure", "plan", "total"),
            List.of(List.of("x", "one", "12", "5"), List.of("y", "two", "24", "6")));

    assertThatThrownBy(() -> fitted().locate(scoring))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("column 'tenure' was numeric in training but 2 of its 2 values")
        .hasMessageContaining("column 'plan' was categorical in training");
  }

  @Test
  void leavesOutATextColumnWithMoreCategoriesThanTheCap() {
    List<List<String>> rows =
        IntStream.range(0, 10)
            .mapToObj(i -> List.of("id" + i, "name" + i, Integer.toString(i)))
            .toList();
    LabelledTable table = LabelledTable.of(List.of("id", "name", "tenure"), rows);

    FeatureEncoder encoder =
        FeatureEncoder.fit(table, IntStream.range(0, 10).toArray(), Set.of("id"), 5);

    assertThat(encoder.dropped()).extracting(DroppedColumn::name).containsExactly("name");
    assertThat(encoder.featureNames()).containsExactly("tenure");
  }
}
