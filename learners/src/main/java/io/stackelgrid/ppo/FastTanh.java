package io.stackelgrid.ppo;

/**
 * tanh through the intrinsic {@link Math#exp} (JDK 17's {@code Math.tanh} is a slow software
 * routine), with a Taylor series near zero where 1 − 2/(e^{2x} + 1) would cancel. Relative error
 * below 5e-14 everywhere.
 */
final class FastTanh {
  private static final double SERIES_LIMIT = 0.05;

  private FastTanh() {}

  static double of(double x) {
    double a = Math.abs(x);
    if (a < SERIES_LIMIT) {
      double x2 = x * x;
      return x * (1 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * (17.0 / 315 - x2 * 62.0 / 2835))));
    }
    if (a > 20) {
      return Math.copySign(1.0, x);
    }
    return 1 - 2 / (Math.exp(2 * x) + 1);
  }
}
