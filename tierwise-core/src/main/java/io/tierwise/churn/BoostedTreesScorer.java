package io.tierwise.churn;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (XGBoost 1.6, log-loss). Contributions are XGBoost's exact TreeSHAP values
 * ({@code predictContrib}): per feature, in log-odds, summing with the bias to the margin.
 *
 * <p>Holds the native booster; its bytes are what the model file stores. XGBoost prediction is
 * thread-safe from 1.4 on; the native memory is released when the model is garbage-collected.
 */
final class BoostedTreesScorer implements ChurnScorer {
  static final int ROUNDS = 300;

  private final byte[] modelBytes;
  private final Booster booster;

  private BoostedTreesScorer(byte[] modelBytes, Booster booster) {
    this.modelBytes = modelBytes.clone();
    this.booster = booster;
  }

  /**
   * Fits shallow trees with shrinkage and row/column subsampling; one thread and a fixed seed, so
   * the same data and seed give the same trees.
   */
  static BoostedTreesScorer fit(double[][] features, int[] labels, long seed) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("objective", "binary:logistic");
    parameters.put("eval_metric", "logloss");
    parameters.put("eta", 0.03);
    parameters.put("max_depth", 3);
    parameters.put("min_child_weight", 5);
    parameters.put("subsample", 0.8);
    parameters.put("colsample_bytree", 0.8);
    parameters.put("lambda", 1.0);
    parameters.put("nthread", 1);
    parameters.put("seed", (int) (seed ^ (seed >>> 32)));
    parameters.put("verbosity", 0);
    try {
      DMatrix train = matrix(features);
      float[] target = new float[labels.length];
      for (int i = 0; i < labels.length; i++) {
        target[i] = labels[i];
      }
      train.setLabel(target);
      Booster booster = XGBoost.train(train, parameters, ROUNDS, new HashMap<>(), null, null);
      train.dispose();
      return new BoostedTreesScorer(booster.toByteArray(), booster);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    }
  }

  /** Rebuilds the scorer from the bytes of a saved booster. */
  static BoostedTreesScorer fromBytes(byte[] modelBytes) {
    try {
      return new BoostedTreesScorer(modelBytes, XGBoost.loadModel(modelBytes));
    } catch (XGBoostError | java.io.IOException e) {
      throw io.tierwise.TierwiseException.invalidInput(
          "the model file's boosted trees cannot be read: " + e.getMessage(), e);
    }
  }

  byte[] modelBytes() {
    return modelBytes.clone();
  }

  @Override
  public double[] logOdds(double[][] features) {
    if (features.length == 0) {
      return new double[0];
    }
    try {
      DMatrix matrix = matrix(features);
      float[][] margins = booster.predict(matrix, true, 0);
      matrix.dispose();
      double[] result = new double[features.length];
      for (int i = 0; i < result.length; i++) {
        result[i] = margins[i][0];
      }
      return result;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    }
  }

  @Override
  public double[][] contributions(double[][] features) {
    if (features.length == 0) {
      return new double[0][];
    }
    try {
      DMatrix matrix = matrix(features);
      float[][] contributions = booster.predictContrib(matrix, 0);
      matrix.dispose();
      double[][] result = new double[features.length][];
      for (int i = 0; i < result.length; i++) {
        result[i] = new double[contributions[i].length];
        for (int j = 0; j < contributions[i].length; j++) {
          result[i][j] = contributions[i][j];
        }
      }
      return result;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost contributions failed: " + e.getMessage(), e);
    }
  }

  private static DMatrix matrix(double[][] features) throws XGBoostError {
    int columns = features[0].length;
    float[] dense = new float[features.length * columns];
    for (int i = 0; i < features.length; i++) {
      for (int j = 0; j < columns; j++) {
        dense[i * columns + j] = (float) features[i][j];
      }
    }
    // Missing values are imputed by the encoder, so no cell is "missing" to XGBoost.
    return new DMatrix(dense, features.length, columns, Float.NaN);
  }
}
