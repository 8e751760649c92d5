package com.caskr.sync.benchmarks;

import java.util.List;

/**
 * The measured runs of one benchmark (warm-up runs already left out), summarised by the median and
 * the spread.
 *
 * @param name what was measured
 * @param unit the unit of every value, e.g. {@code records/s}
 * @param goal the value the issue asks for, in the same unit
 * @param higherIsBetter whether the goal is a floor (throughput) or a ceiling (duration)
 * @param values one value per measured run
 */
record Measurement(
    String name, String unit, double goal, boolean higherIsBetter, List<Double> values) {

  Measurement {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("A measurement needs at least one run: " + name);
    }
    values = List.copyOf(values);
  }

  double median() {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  boolean meetsGoal() {
    return higherIsBetter ? median() >= goal : median() <= goal;
  }
}
