package io.stackelgrid.finitegame;

/**
 * Projection of a distribution onto the ε-grid of the simplex (coordinates multiples of ε = 1/K):
 * largest-remainder rounding, which gives an L1-nearest grid point (Theorem 2.2's ε-net).
 */
final class EpsilonNet {
  private EpsilonNet() {}

  /** The grid point nearest {@code p}; {@code epsilon} must be 1/K for an integer K. */
  static double[] project(double[] p, double epsilon) {
    int units = (int) Math.round(1 / epsilon);
    int[] counts = new int[p.length];
    double[] remainders = new double[p.length];
    int used = 0;
    for (int a = 0; a < p.length; a++) {
      double scaled = p[a] * units;
      counts[a] = (int) Math.floor(scaled);
      remainders[a] = scaled - counts[a];
      used += counts[a];
    }
    for (int left = units - used; left > 0; left--) {
      int best = 0;
      for (int a = 1; a < p.length; a++) {
        if (remainders[a] > remainders[best]) {
          best = a;
        }
      }
      counts[best]++;
      remainders[best] = -1;
    }
    double[] q = new double[p.length];
    for (int a = 0; a < p.length; a++) {
      q[a] = (double) counts[a] / units;
    }
    return q;
  }

  static double[][] project(double[][] policy, double epsilon) {
    double[][] q = new double[policy.length][];
    for (int s = 0; s < policy.length; s++) {
      q[s] = project(policy[s], epsilon);
    }
    return q;
  }

  static double[][][] project(double[][][] policy, double epsilon) {
    double[][][] q = new double[policy.length][][];
    for (int s = 0; s < policy.length; s++) {
      q[s] = project(policy[s], epsilon);
    }
    return q;
  }
}
