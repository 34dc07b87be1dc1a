package io.stackelgrid.metrics;

/** The gap between two series of bus aggregates (finite N against the mean field, MODEL.md §8). */
public final class AggregateGap {
  private AggregateGap() {}

  /** Root mean square of a − b over all entries, divided by the root mean square of b. */
  public static double relativeRms(double[][] a, double[][] b) {
    double diff = 0;
    double ref = 0;
    for (int i = 0; i < a.length; i++) {
      for (int t = 0; t < a[i].length; t++) {
        double d = a[i][t] - b[i][t];
        diff += d * d;
        ref += b[i][t] * b[i][t];
      }
    }
    return ref == 0 ? Math.sqrt(diff) : Math.sqrt(diff / ref);
  }

  /** Largest |a − b| / |b| over all entries with b ≠ 0. */
  public static double maxRelative(double[][] a, double[][] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      for (int t = 0; t < a[i].length; t++) {
        if (b[i][t] != 0) {
          m = Math.max(m, Math.abs(a[i][t] - b[i][t]) / Math.abs(b[i][t]));
        }
      }
    }
    return m;
  }
}
