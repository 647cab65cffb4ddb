package io.tierwise.synth;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** The five CSV files of one generated data set, opened with their headers written. */
final class DataFiles implements Closeable {
  static final String[] CUSTOMER_COLUMNS = {
    "customer_id",
    "signup_date",
    "industry",
    "region",
    "size",
    "age",
    "gender",
    "occupation",
    "account_manager",
    "strategic_score",
    "expert_score"
  };
  static final String[] ORDER_COLUMNS = {
    "order_id", "customer_id", "order_date", "amount", "cost", "quantity", "category", "channel"
  };
  static final String[] EVENT_COLUMNS = {
    "customer_id", "event_time", "event_type", "feature", "duration_minutes"
  };
  static final String[] SURVEY_COLUMNS = {"customer_id", "survey_date", "csat", "nps", "feedback"};
  static final String[] TRUTH_COLUMNS = {
    "customer_id",
    "behaviour_group",
    "needs_type",
    "lambda",
    "p",
    "nu",
    "margin_rate",
    "satisfaction",
    "latent_features",
    "first_purchase_date",
    "repeat_purchases",
    "alive_at_end",
    "dropout_date"
  };

  final CsvFileWriter customers;
  final CsvFileWriter orders;
  final CsvFileWriter events;
  final CsvFileWriter surveys;
  final CsvFileWriter truth;

  private DataFiles(
      CsvFileWriter customers,
      CsvFileWriter orders,
      CsvFileWriter events,
      CsvFileWriter surveys,
      CsvFileWriter truth) {
    this.customers = customers;
    this.orders = orders;
    this.events = events;
    this.surveys = surveys;
    this.truth = truth;
  }

  /** The file name of a source, e.g. {@code orders.csv} or {@code orders.csv.gz}. */
  static String fileName(String source, boolean gzip) {
    return source + (gzip ? ".csv.gz" : ".csv");
  }

  static DataFiles open(Path directory, boolean gzip) throws IOException {
    CsvFileWriter customers = null;
    CsvFileWriter orders = null;
    CsvFileWriter events = null;
    CsvFileWriter surveys = null;
    try {
      customers = open(directory, "customers", gzip, CUSTOMER_COLUMNS);
      orders = open(directory, "orders", gzip, ORDER_COLUMNS);
      events = open(directory, "events", gzip, EVENT_COLUMNS);
      surveys = open(directory, "surveys", gzip, SURVEY_COLUMNS);
      CsvFileWriter truth = open(directory, "truth-customers", gzip, TRUTH_COLUMNS);
      return new DataFiles(customers, orders, events, surveys, truth);
    } catch (IOException | RuntimeException e) {
      for (CsvFileWriter opened : new CsvFileWriter[] {customers, orders, events, surveys}) {
        if (opened != null) {
          try {
            opened.close();
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
      }
      throw e;
    }
  }

  private static CsvFileWriter open(Path directory, String source, boolean gzip, String[] columns)
      throws IOException {
    CsvFileWriter writer = CsvFileWriter.open(directory.resolve(fileName(source, gzip)), gzip);
    writer.header(columns);
    return writer;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (CsvFileWriter writer : new CsvFileWriter[] {customers, orders, events, surveys, truth}) {
      try {
        writer.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
