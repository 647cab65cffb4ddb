package io.tierwise.synth;

import java.nio.charset.StandardCharsets;

/**
 * The fixed vocabulary of the synthetic company: product categories, channels, features, customer
 * attribute values and survey comments, each with popularity weights. Values are ASCII and contain
 * no comma or quote unless written through the quoting path.
 */
final class Catalogue {
  private Catalogue() {}

  static final byte[][] CATEGORIES =
      ascii(
          "software_licences",
          "cloud_services",
          "hardware",
          "training",
          "consulting_days",
          "support_plans",
          "accessories",
          "office_supplies",
          "data_services",
          "security",
          "analytics_addons",
          "marketplace_apps");
  static final double[] CATEGORY_POPULARITY =
      cumulative(new double[] {18, 16, 12, 8, 6, 10, 7, 6, 5, 5, 4, 3});

  static final byte[][] CHANNELS = ascii("online", "sales_rep", "partner", "phone", "store");
  static final double[] CHANNEL_POPULARITY = cumulative(new double[] {45, 20, 15, 10, 10});

  /** The product's features; popularity falls along the list. */
  static final byte[][] FEATURES =
      ascii(
          "dashboard",
          "reports",
          "export",
          "alerts",
          "search",
          "mobile_app",
          "templates",
          "scheduling",
          "integrations",
          "segments",
          "campaigns",
          "api",
          "custom_fields",
          "workflows",
          "data_import",
          "forecasting",
          "sso",
          "audit_log",
          "webhooks",
          "sandbox");

  /** Multiplier of a group's penetration for each feature; mean 1, from 1.6 down to 0.4. */
  static double featureAffinity(int feature) {
    return 1.6 - 1.2 * feature / (FEATURES.length - 1.0);
  }

  static final String[] INDUSTRIES = {
    "retail",
    "manufacturing",
    "finance",
    "healthcare",
    "technology",
    "education",
    "logistics",
    "hospitality",
    "construction",
    "public_sector"
  };
  static final double[] INDUSTRY_POPULARITY =
      cumulative(new double[] {16, 14, 11, 10, 14, 8, 8, 7, 7, 5});

  static final String[] REGIONS = {
    "north", "south", "east", "west", "central", "northeast", "southwest", "overseas"
  };
  static final double[] REGION_POPULARITY =
      cumulative(new double[] {15, 14, 18, 13, 12, 10, 10, 8});

  /** Company sizes, smallest first; strategic scores rise with the index. */
  static final String[] SIZES = {"micro", "small", "medium", "large", "enterprise"};

  static final double[] SIZE_POPULARITY = cumulative(new double[] {35, 30, 20, 10, 5});

  static final String[] GENDERS = {"female", "male", "other"};
  static final double[] GENDER_POPULARITY = cumulative(new double[] {48, 49, 3});

  static final String[] OCCUPATIONS = {
    "owner",
    "manager",
    "engineer",
    "analyst",
    "sales",
    "marketing",
    "procurement",
    "finance",
    "operations",
    "it_admin"
  };
  static final double[] OCCUPATION_POPULARITY =
      cumulative(new double[] {12, 16, 12, 10, 10, 9, 9, 8, 8, 6});

  static final int ACCOUNT_MANAGERS = 120;

  static final String[] POSITIVE_FEEDBACK = {
    "Great service, thank you",
    "Fast delivery and helpful staff",
    "The product does exactly what we need",
    "Very happy with our account manager",
    "Easy to use, would recommend"
  };
  static final String[] NEUTRAL_FEEDBACK = {
    "OK overall",
    "Works, but the reports could be better",
    "Pricing is fair",
    "Support answered eventually",
    "No strong opinion"
  };
  static final String[] NEGATIVE_FEEDBACK = {
    "Too expensive for what we get",
    "Support is slow, we waited days for an answer",
    "The product keeps failing, considering alternatives",
    "Billing errors again",
    "Nobody called us back"
  };

  /** Turns weights into a cumulative distribution ending exactly at 1. */
  static double[] cumulative(double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double[] cumulative = new double[weights.length];
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += weights[i];
      cumulative[i] = running / total;
    }
    cumulative[weights.length - 1] = 1.0;
    return cumulative;
  }

  /** Index of the first cumulative weight above {@code uniform} in [0, 1). */
  static int pick(double[] cumulative, double uniform) {
    int index = 0;
    while (index < cumulative.length - 1 && uniform >= cumulative[index]) {
      index++;
    }
    return index;
  }

  private static byte[][] ascii(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i].getBytes(StandardCharsets.US_ASCII);
    }
    return bytes;
  }
}
