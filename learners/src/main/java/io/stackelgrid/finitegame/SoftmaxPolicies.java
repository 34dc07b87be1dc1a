package io.stackelgrid.finitegame;

import java.util.Arrays;

/** Soft-max arithmetic and the policy distance of MODEL.md §7 (L1 over actions, max over states). */
final class SoftmaxPolicies {
  private SoftmaxPolicies() {}

  /** (1/α) log Σ exp(α q), computed stably. */
  static double softValue(double[] q, double alpha) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : q) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : q) {
      sum += Math.exp(alpha * (v - max));
    }
    return max + Math.log(sum) / alpha;
  }

  /** softmax(α q). */
  static double[] boltzmann(double[] q, double alpha) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : q) {
      max = Math.max(max, v);
    }
    double[] p = new double[q.length];
    double sum = 0;
    for (int a = 0; a < q.length; a++) {
      p[a] = Math.exp(alpha * (q[a] - max));
      sum += p[a];
    }
    for (int a = 0; a < q.length; a++) {
      p[a] /= sum;
    }
    return p;
  }

  /** max over states of the L1 distance between action distributions. */
  static double distance(double[][] p, double[][] q) {
    double worst = 0;
    for (int s = 0; s < p.length; s++) {
      worst = Math.max(worst, l1(p[s], q[s]));
    }
    return worst;
  }

  static double l1(double[] p, double[] q) {
    double d = 0;
    for (int a = 0; a < p.length; a++) {
      d += Math.abs(p[a] - q[a]);
    }
    return d;
  }

  /** Follower policies [s][aL][aF] compared per (s, aL). */
  static double distance(double[][][] p, double[][][] q) {
    double worst = 0;
    for (int s = 0; s < p.length; s++) {
      worst = Math.max(worst, distance(p[s], q[s]));
    }
    return worst;
  }

  static double[][] uniform(int states, int actions) {
    double[][] p = new double[states][actions];
    for (double[] row : p) {
      Arrays.fill(row, 1.0 / actions);
    }
    return p;
  }
}
