package io.stackelgrid.metrics;

/** Intraday market volatility (MODEL.md §8): (1/(T−1)) Σ |LMP_{t+1} − LMP_t| over a window of T steps. */
public final class Imv {
  private Imv() {}

  /** IMV of {@code lmpUsdPerMwh[from .. to)}; 0 for windows shorter than 2 steps. */
  public static double of(double[] lmpUsdPerMwh, int from, int to) {
    if (from < 0 || to > lmpUsdPerMwh.length || from > to) {
      throw new IllegalArgumentException("window [" + from + ", " + to + ") outside a series of "
          + lmpUsdPerMwh.length + " steps");
    }
    if (to - from < 2) {
      return 0;
    }
    double sum = 0;
    for (int t = from; t + 1 < to; t++) {
      sum += Math.abs(lmpUsdPerMwh[t + 1] - lmpUsdPerMwh[t]);
    }
    return sum / (to - from - 1);
  }

  /** System-wide IMV: the mean over buses of each bus's IMV ({@code lmp[bus][step]}). */
  public static double system(double[][] lmpByBus, int from, int to) {
    double sum = 0;
    for (double[] series : lmpByBus) {
      sum += of(series, from, to);
    }
    return lmpByBus.length == 0 ? 0 : sum / lmpByBus.length;
  }
}
