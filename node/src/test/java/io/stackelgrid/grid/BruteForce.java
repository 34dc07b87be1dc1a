package io.stackelgrid.grid;

/**
 * Brute-force solution of a small strictly convex QP with a diagonal Hessian: tries every set of
 * inequality rows and bounds held tight, solves the KKT system of that equality-constrained QP by
 * Gaussian elimination, and keeps the best point feasible for all constraints. Exponential; tests only.
 */
final class BruteForce {
  private BruteForce() {}

  static double[] solve(double[] q, double[] c, double[] lo, double[] hi, double[][] rows, double[] rhs,
      int equalities) {
    int n = q.length;
    int inequalities = rows.length - equalities;
    // Each inequality row: tight or not; each variable: free, at lo, or at hi.
    int rowSets = 1 << inequalities;
    int boundSets = (int) Math.pow(3, n);
    double[] best = null;
    double bestValue = Double.POSITIVE_INFINITY;
    for (int rs = 0; rs < rowSets; rs++) {
      for (int bs = 0; bs < boundSets; bs++) {
        double[] x = candidate(q, c, lo, hi, rows, rhs, equalities, rs, bs);
        if (x == null || !feasible(x, lo, hi, rows, rhs, equalities)) {
          continue;
        }
        double f = 0;
        for (int v = 0; v < n; v++) {
          f += 0.5 * q[v] * x[v] * x[v] + c[v] * x[v];
        }
        if (f < bestValue) {
          bestValue = f;
          best = x;
        }
      }
    }
    return best;
  }

  private static double[] candidate(double[] q, double[] c, double[] lo, double[] hi, double[][] rows,
      double[] rhs, int equalities, int rowSet, int boundSet) {
    int n = q.length;
    java.util.List<double[]> a = new java.util.ArrayList<>();
    java.util.List<Double> b = new java.util.ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      if (i < equalities || ((rowSet >> (i - equalities)) & 1) == 1) {
        a.add(rows[i]);
        b.add(rhs[i]);
      }
    }
    int code = boundSet;
    for (int v = 0; v < n; v++) {
      int state = code % 3;
      code /= 3;
      if (state != 0) {
        double[] e = new double[n];
        e[v] = 1;
        a.add(e);
        b.add(state == 1 ? lo[v] : hi[v]);
      }
    }
    int m = a.size();
    // KKT: [Q Aᵀ; A 0][x; y] = [-c; b]
    int size = n + m;
    double[][] k = new double[size][size + 1];
    for (int v = 0; v < n; v++) {
      k[v][v] = q[v];
      k[v][size] = -c[v];
    }
    for (int i = 0; i < m; i++) {
      for (int v = 0; v < n; v++) {
        k[v][n + i] = a.get(i)[v];
        k[n + i][v] = a.get(i)[v];
      }
      k[n + i][size] = b.get(i);
    }
    for (int col = 0; col < size; col++) {
      int pivot = col;
      for (int r = col + 1; r < size; r++) {
        if (Math.abs(k[r][col]) > Math.abs(k[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(k[pivot][col]) < 1e-12) {
        return null;
      }
      double[] t = k[col];
      k[col] = k[pivot];
      k[pivot] = t;
      for (int r = 0; r < size; r++) {
        if (r != col) {
          double f = k[r][col] / k[col][col];
          for (int j = col; j <= size; j++) {
            k[r][j] -= f * k[col][j];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int v = 0; v < n; v++) {
      x[v] = k[v][size] / k[v][v];
    }
    return x;
  }

  private static boolean feasible(double[] x, double[] lo, double[] hi, double[][] rows, double[] rhs,
      int equalities) {
    double tol = 1e-9;
    for (int v = 0; v < x.length; v++) {
      if (x[v] < lo[v] - tol || x[v] > hi[v] + tol) {
        return false;
      }
    }
    for (int i = 0; i < rows.length; i++) {
      double s = 0;
      for (int v = 0; v < x.length; v++) {
        s += rows[i][v] * x[v];
      }
      if (i < equalities ? Math.abs(s - rhs[i]) > tol : s > rhs[i] + tol) {
        return false;
      }
    }
    return true;
  }
}
