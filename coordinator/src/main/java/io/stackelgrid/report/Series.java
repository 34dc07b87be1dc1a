package io.stackelgrid.report;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** The numbers the figures draw, taken from the result CSVs: per-period values, day shapes, means over seeds. */
final class Series {
  /** The figures compare the end of a run with its start over this many days, as the paper does. */
  static final int WINDOW_DAYS = 3;

  private Series() {}

  /** Steps per day: the CSVs' hour column is the step of day (0 ... n-1), not a clock hour. */
  static int stepsPerDay(CsvColumns c) {
    int hour = c.column("hour");
    return c.rows().stream().mapToInt(r -> Integer.parseInt(r[hour])).reduce(0, Math::max) + 1;
  }

  /** The first step of the last {@link #WINDOW_DAYS} days of a steps.csv. */
  static int windowStart(CsvColumns c) {
    int step = c.column("step");
    int lastStep = c.rows().stream().mapToInt(r -> Integer.parseInt(r[step])).reduce(0, Math::max);
    return Math.max(0, lastStep - WINDOW_DAYS * stepsPerDay(c) + 1);
  }

  /**
   * Hours of day (x) and the mean over the last {@link #WINDOW_DAYS} days of a column summed over
   * buses (y), by step of day; NaN for a step of day with no row.
   */
  static double[][] dayShape(CsvColumns c, String world, String column) {
    int step = c.column("step");
    int hour = c.column("hour");
    int col = c.column(column);
    int perDay = stepsPerDay(c);
    int from = windowStart(c);
    double[] sum = new double[perDay];
    List<TreeSet<Integer>> stepsSeen = IntStream.range(0, perDay).mapToObj(h -> new TreeSet<Integer>()).toList();
    for (String[] r : c.rows()) {
      int t = Integer.parseInt(r[step]);
      if (t >= from && ResultsFolder.worldOf(c, r).equals(world)) {
        int h = Integer.parseInt(r[hour]);
        sum[h] += CsvColumns.number(r[col]);
        stepsSeen.get(h).add(t); // one row per bus and step: the mean is over steps, the sum over buses
      }
    }
    double[] hours = IntStream.range(0, perDay).mapToDouble(h -> h * 24.0 / perDay).toArray();
    double[] y = IntStream.range(0, perDay)
        .mapToDouble(h -> stepsSeen.get(h).isEmpty() ? Double.NaN : sum[h] / stepsSeen.get(h).size()).toArray();
    return new double[][] {hours, y};
  }

  /** A column of periods.csv by period for one world (null: no world column) and one group (null: the first). */
  static TreeMap<Integer, Double> periodValues(CsvColumns c, String world, String column, String group) {
    int period = c.column("period");
    int g = c.column("group");
    int col = c.column(column);
    TreeMap<Integer, Double> out = new TreeMap<>();
    for (String[] r : c.rows()) {
      if (world != null && !ResultsFolder.worldOf(c, r).equals(world)) {
        continue;
      }
      if (group != null ? !r[g].equals(group) : out.containsKey(Integer.parseInt(r[period]))) {
        continue; // tariff-wide values repeat on every group's row: the first is taken
      }
      out.put(Integer.parseInt(r[period]), CsvColumns.number(r[col]));
    }
    return out;
  }

  static double[] keys(TreeMap<Integer, Double> m) {
    return m.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
  }

  static double[] values(TreeMap<Integer, Double> m) {
    return m.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The element-wise mean of rows, as long as the shortest (a seed cut short still counts). Each term
   * is divided before adding, in seed order: another order moves the last bits, and the PNGs with them.
   */
  static double[] mean(List<double[]> rows) {
    int n = rows.stream().mapToInt(r -> r.length).min().orElse(0);
    double[] out = new double[n];
    for (double[] r : rows) {
      for (int i = 0; i < n; i++) {
        out[i] += r[i] / rows.size();
      }
    }
    return out;
  }

  /** Each value divided by a divisor, in a new array. */
  static double[] divided(double[] values, double divisor) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= divisor;
    }
    return out;
  }
}
