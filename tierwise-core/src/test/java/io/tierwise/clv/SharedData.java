package io.tierwise.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the shared public datasets ({@code shared/data}) by walking up from the working directory,
 * so tests work from any clone location; tests skip when it is absent.
 */
final class SharedData {
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

  private SharedData() {}

  static Optional<Path> find(String relative) {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** One customer's purchase rows (day, value), sorted by day. */
  record Purchases(int[] days, double[] values) {}

  /**
   * Reads a transaction file into per-customer purchases, keyed by customer id.
   *
   * @param idColumn column of the customer id
   * @param dateColumn column of the YYYYMMDD date
   * @param valueColumn column of the order value
   * @param separator regular expression between fields
   */
  static Map<Integer, Purchases> readTransactions(
      Path file, int idColumn, int dateColumn, int valueColumn, String separator) {
    Map<Integer, List<double[]>> rows = new TreeMap<>();
    try (var lines = Files.lines(file)) {
      lines
          .skip(1)
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .forEach(
              line -> {
                String[] fields = line.split(separator);
                int id = Integer.parseInt(fields[idColumn]);
                long day = LocalDate.parse(fields[dateColumn], BASIC).toEpochDay();
                rows.computeIfAbsent(id, key -> new ArrayList<>())
                    .add(new double[] {day, Double.parseDouble(fields[valueColumn])});
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Integer, Purchases> result = new TreeMap<>();
    rows.forEach(
        (id, list) -> {
          list.sort((left, right) -> Double.compare(left[0], right[0]));
          int[] days = list.stream().mapToInt(row -> (int) row[0]).toArray();
          double[] values = list.stream().mapToDouble(row -> row[1]).toArray();
          result.put(id, new Purchases(days, values));
        });
    return result;
  }
}
