package io.stackelgrid.household;

import java.util.Arrays;

/**
 * What followers believe prices to be, per bus and step of day (MODEL.md §6): the first LMP seen,
 * then b ← b − rate·(b − LMP)/√(d + 1) on day d. Unknown entries are NaN.
 */
public final class LmpBelief {
  private final double[][] beliefUsdPerMwh;
  private final double rate;

  public LmpBelief(int buses, int stepsPerDay, double rate) {
    beliefUsdPerMwh = new double[buses][stepsPerDay];
    for (double[] row : beliefUsdPerMwh) {
      Arrays.fill(row, Double.NaN);
    }
    this.rate = rate;
  }

  private LmpBelief(double[][] values, double rate) {
    this.beliefUsdPerMwh = values;
    this.rate = rate;
  }

  /** Folds in the LMP seen at {@code bus} in step of day {@code hour} of day {@code day}. */
  public void update(int bus, int hour, int day, double lmpUsdPerMwh) {
    double b = beliefUsdPerMwh[bus][hour];
    beliefUsdPerMwh[bus][hour] = Double.isNaN(b) ? lmpUsdPerMwh : b - rate * (b - lmpUsdPerMwh) / Math.sqrt(day + 1.0);
  }

  /** The belief for {@code bus} at step of day {@code hour} (wraps around the day), NaN if unknown. */
  public double get(int bus, int hour) {
    double[] row = beliefUsdPerMwh[bus];
    return row[Math.floorMod(hour, row.length)];
  }

  /** Whether every step of the day has a belief at {@code bus}. */
  public boolean complete(int bus) {
    for (double v : beliefUsdPerMwh[bus]) {
      if (Double.isNaN(v)) {
        return false;
      }
    }
    return true;
  }

  public int stepsPerDay() {
    return beliefUsdPerMwh[0].length;
  }

  /** A copy of the beliefs at {@code bus}, by step of day. */
  public double[] row(int bus) {
    return beliefUsdPerMwh[bus].clone();
  }

  /** Replaces the beliefs at {@code bus} (e.g. with those its aggregator holds). */
  public void setRow(int bus, double[] valuesUsdPerMwh) {
    if (valuesUsdPerMwh.length != beliefUsdPerMwh[bus].length) {
      throw new IllegalArgumentException("beliefs of bus " + bus + ": " + valuesUsdPerMwh.length
          + " steps of day, expected " + beliefUsdPerMwh[bus].length);
    }
    System.arraycopy(valuesUsdPerMwh, 0, beliefUsdPerMwh[bus], 0, valuesUsdPerMwh.length);
  }

  public LmpBelief copy() {
    double[][] v = new double[beliefUsdPerMwh.length][];
    for (int n = 0; n < v.length; n++) {
      v[n] = beliefUsdPerMwh[n].clone();
    }
    return new LmpBelief(v, rate);
  }
}
