package io.stackelgrid.findings;

/** Mean and sample standard deviation over seeds (NaN values poison both, as they should). */
final class Stats {
  private Stats() {}

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /** The values that are defined (finite), in order: what a mean over the seeds where a value exists takes. */
  static double[] defined(double[] v) {
    return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
  }

  /** Sample standard deviation; 0 for one value. */
  static double std(double[] v) {
    if (v.length < 2) {
      return v.length == 1 && Double.isFinite(v[0]) ? 0 : Double.NaN;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }
}
