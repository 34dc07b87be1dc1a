package io.stackelgrid.grid;

/** Solves small symmetric positive definite systems (the size of the binding lines) by Cholesky. */
final class SmallCholesky {
  private SmallCholesky() {}

  /**
   * The solution of a·y = b, or null when a pivot falls below {@code relativePivot} times the
   * largest diagonal entry (singular or nearly so).
   */
  static double[] solve(double[][] a, double[] b, double relativePivot) {
    int k = b.length;
    double[][] l = new double[k][k];
    double scale = 0;
    for (int i = 0; i < k; i++) {
      scale = Math.max(scale, Math.abs(a[i][i]));
    }
    double floor = relativePivot * Math.max(1e-300, scale);
    for (int j = 0; j < k; j++) {
      double d = a[j][j];
      for (int m = 0; m < j; m++) {
        d -= l[j][m] * l[j][m];
      }
      if (!(d > floor)) {
        return null;
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < k; i++) {
        double v = a[i][j];
        for (int m = 0; m < j; m++) {
          v -= l[i][m] * l[j][m];
        }
        l[i][j] = v / l[j][j];
      }
    }
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      double v = b[i];
      for (int m = 0; m < i; m++) {
        v -= l[i][m] * y[m];
      }
      y[i] = v / l[i][i];
    }
    for (int i = k - 1; i >= 0; i--) {
      double v = y[i];
      for (int m = i + 1; m < k; m++) {
        v -= l[m][i] * y[m];
      }
      y[i] = v / l[i][i];
    }
    return y;
  }
}
