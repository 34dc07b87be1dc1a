package io.stackelgrid.meanfield;

/**
 * Gauss–Hermite quadrature for expectations over a standard normal Z:
 * E[f(Z)] ≈ Σ_k weight[k]·f(node[k]), exact for polynomials of degree ≤ 2n − 1.
 */
public final class GaussHermite {
  private final double[] nodes;
  private final double[] weights;

  private GaussHermite(double[] nodes, double[] weights) {
    this.nodes = nodes;
    this.weights = weights;
  }

  /** The n-point rule, rescaled from the physicists' weight e^{-t²} to the standard normal. */
  public static GaussHermite of(int n) {
    if (n < 1 || n > 64) {
      throw new IllegalArgumentException("Gauss-Hermite nodes must be in 1..64, got " + n);
    }
    double[] t = new double[n];
    double[] w = new double[n];
    // Newton on the orthonormal Hermite recurrence, starting guesses as in Numerical Recipes' gauher.
    int m = (n + 1) / 2;
    double z = 0;
    double pim4 = Math.pow(Math.PI, -0.25);
    for (int i = 0; i < m; i++) {
      if (i == 0) {
        z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -0.16667);
      } else if (i == 1) {
        z -= 1.14 * Math.pow(n, 0.426) / z;
      } else if (i == 2) {
        z = 1.86 * z - 0.86 * t[0];
      } else if (i == 3) {
        z = 1.91 * z - 0.91 * t[1];
      } else {
        z = 2.0 * z - t[i - 2];
      }
      double pp = 0;
      for (int iter = 0; iter < 100; iter++) {
        double p1 = pim4;
        double p2 = 0;
        for (int j = 1; j <= n; j++) {
          double p3 = p2;
          p2 = p1;
          p1 = z * Math.sqrt(2.0 / j) * p2 - Math.sqrt((j - 1.0) / j) * p3;
        }
        pp = Math.sqrt(2.0 * n) * p2;
        double z1 = z;
        z = z1 - p1 / pp;
        if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) {
          break;
        }
      }
      t[i] = z;
      t[n - 1 - i] = -z;
      w[i] = 2.0 / (pp * pp);
      w[n - 1 - i] = w[i];
    }
    double[] nodes = new double[n];
    double[] weights = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      nodes[k] = Math.sqrt(2.0) * t[n - 1 - k];
      weights[k] = w[n - 1 - k] / Math.sqrt(Math.PI);
      sum += weights[k];
    }
    // Renormalise so the weights sum to 1 to the last bit: Γ must conserve mass exactly.
    for (int k = 0; k < n; k++) {
      weights[k] /= sum;
    }
    if (n % 2 == 1) {
      nodes[n / 2] = 0.0;
    }
    return new GaussHermite(nodes, weights);
  }

  public int size() {
    return nodes.length;
  }

  /** Standard-normal node k, ascending. */
  public double node(int k) {
    return nodes[k];
  }

  /** Probability weight of node k (weights sum to 1). */
  public double weight(int k) {
    return weights[k];
  }
}
