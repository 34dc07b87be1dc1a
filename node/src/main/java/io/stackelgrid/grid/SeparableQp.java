package io.stackelgrid.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strictly convex QP with a diagonal Hessian — min Σ ½·q_v·x_v² + c_v·x_v subject to equality
 * rows E·x = e, inequality rows G·x ≤ g and bounds lo ≤ x ≤ hi — solved by the dual active-set
 * method of Goldfarb and Idnani (1983). It starts from the unconstrained minimum and adds the most
 * violated constraint at a time, so it needs no feasible start and never stalls: every full step
 * raises the dual objective. Bounds fix variables, so each step solves only a system the size of
 * the active rows. This is the DC-OPF's shape (one balance row, a few binding lines, many bounds).
 */
final class SeparableQp {
  /** Outcome of a solve. */
  enum Status { OPTIMAL, INFEASIBLE, FAILED }

  private final int n;
  private final double[] q;
  private final double[] c;
  private final double[] lo;
  private final double[] hi;
  private final double[][] rows;
  private final double[] rhs;
  private final int equalities;

  private final double[] x;
  private final double[] rowMultiplier;
  private final int[] boundState; // 0 free, +1 at lower bound, -1 at upper bound
  private final double[] boundMultiplier;
  private final List<Integer> activeRows = new ArrayList<>();
  private final List<Double> activeRowU = new ArrayList<>();
  /** Equality rows added as -E·x ≥ -e (they were violated from above). */
  private final List<Integer> negatedEqualities = new ArrayList<>();

  /**
   * @param rows equality rows first ({@code equalities} of them), then inequality rows (≤)
   */
  SeparableQp(double[] q, double[] c, double[] lo, double[] hi, double[][] rows, double[] rhs, int equalities) {
    this.n = q.length;
    this.q = q;
    this.c = c;
    this.lo = lo;
    this.hi = hi;
    this.rows = rows;
    this.rhs = rhs;
    this.equalities = equalities;
    x = new double[n];
    rowMultiplier = new double[rows.length];
    boundState = new int[n];
    boundMultiplier = new double[n];
  }

  double[] x() {
    return x;
  }

  /**
   * Multiplier of each row: for an equality row the change of the optimum per unit of its
   * right-hand side; for a ≤ row its KKT multiplier y ≥ 0 (the optimum falls by y per unit of g).
   */
  double[] rowMultipliers() {
    return rowMultiplier;
  }

  Status solve() {
    for (int v = 0; v < n; v++) {
      x[v] = -c[v] / q[v];
    }
    double scale = 1.0;
    for (int v = 0; v < n; v++) {
      scale = Math.max(scale, Math.max(Math.abs(lo[v]), Math.abs(hi[v])));
    }
    double tol = 1e-10 * scale;
    int maxIterations = 20 * (n + rows.length) + 100;
    double[] normal = new double[n];
    double[] z = new double[n];
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      // Choose the constraint to add: an inactive equality, else the most violated inequality.
      int pick = -1;
      for (int i = 0; i < equalities && pick < 0; i++) {
        if (!activeRows.contains(i)) {
          pick = i;
        }
      }
      boolean equality = pick >= 0;
      if (!equality) {
        double worst = -tol;
        for (int i = equalities; i < rows.length; i++) {
          if (activeRows.contains(i)) {
            continue;
          }
          double s = rhs[i] - dot(rows[i], x);
          if (s < worst) {
            worst = s;
            pick = i;
          }
        }
        for (int v = 0; v < n; v++) {
          if (boundState[v] != 0) {
            continue;
          }
          if (x[v] - lo[v] < worst) {
            worst = x[v] - lo[v];
            pick = rows.length + v;
          }
          if (hi[v] - x[v] < worst) {
            worst = hi[v] - x[v];
            pick = rows.length + n + v;
          }
        }
        if (pick < 0) {
          return finish();
        }
      }
      // The constraint in the form n·x ≥ b, with s = n·x - b (negative: violated). An equality is
      // oriented so that it is violated from below; a ≤ row G·x ≤ g is -G·x ≥ -g.
      Arrays.fill(normal, 0);
      double slack;
      boolean negatedEquality = false;
      if (pick < rows.length) {
        double sign = -1;
        if (equality) {
          sign = rhs[pick] - dot(rows[pick], x) >= 0 ? 1 : -1;
          negatedEquality = sign < 0;
        }
        for (int v = 0; v < n; v++) {
          normal[v] = sign * rows[pick][v];
        }
        slack = dot(normal, x) - sign * rhs[pick];
      } else if (pick < rows.length + n) {
        int v = pick - rows.length;
        normal[v] = 1;
        slack = x[v] - lo[v];
      } else {
        int v = pick - rows.length - n;
        normal[v] = -1;
        slack = hi[v] - x[v];
      }
      double uPlus = 0;
      while (true) {
        double[] r = step(normal, z);
        if (r == null) {
          return Status.FAILED;
        }
        double zn = dot(z, normal);
        double nn = 0;
        for (int v = 0; v < n; v++) {
          nn += normal[v] * normal[v] / q[v];
        }
        double full = zn > 1e-13 * nn ? -slack / zn : Double.POSITIVE_INFINITY;
        // Partial step: the first active inequality whose multiplier would turn negative.
        double partial = Double.POSITIVE_INFINITY;
        int drop = -1;
        for (int k = 0; k < activeRows.size(); k++) {
          int row = activeRows.get(k);
          if (row < equalities) {
            continue;
          }
          double rk = r[k];
          if (rk > 1e-12 && activeRowU.get(k) / rk < partial) {
            partial = activeRowU.get(k) / rk;
            drop = row;
          }
        }
        for (int v = 0; v < n; v++) {
          double rv = r[activeRows.size() + v];
          if (boundState[v] != 0 && rv > 1e-12 && boundMultiplier[v] / rv < partial) {
            partial = boundMultiplier[v] / rv;
            drop = rows.length + v;
          }
        }
        if (equality) {
          partial = Double.POSITIVE_INFINITY; // equalities are added before any inequality
          drop = -1;
        }
        double t = Math.min(full, partial);
        if (Double.isInfinite(t)) {
          return Status.INFEASIBLE;
        }
        for (int k = 0; k < activeRows.size(); k++) {
          activeRowU.set(k, activeRowU.get(k) - t * r[k]);
        }
        for (int v = 0; v < n; v++) {
          if (boundState[v] != 0) {
            boundMultiplier[v] -= t * r[activeRows.size() + v];
          }
        }
        uPlus += t;
        if (Double.isFinite(full)) {
          for (int v = 0; v < n; v++) {
            x[v] += t * z[v];
          }
          slack += t * zn;
        }
        if (t == full) {
          if (negatedEquality) {
            negatedEqualities.add(pick);
          }
          add(pick, uPlus);
          break;
        }
        remove(drop);
      }
    }
    return Status.FAILED;
  }

  private void add(int constraint, double u) {
    if (constraint < rows.length) {
      activeRows.add(constraint);
      activeRowU.add(u);
    } else if (constraint < rows.length + n) {
      int v = constraint - rows.length;
      boundState[v] = 1;
      boundMultiplier[v] = u;
      x[v] = lo[v];
    } else {
      int v = constraint - rows.length - n;
      boundState[v] = -1;
      boundMultiplier[v] = u;
      x[v] = hi[v];
    }
  }

  private void remove(int constraint) {
    if (constraint < rows.length) {
      int k = activeRows.indexOf(constraint);
      activeRows.remove(k);
      activeRowU.remove(k);
    } else {
      int v = constraint - rows.length;
      boundState[v] = 0;
      boundMultiplier[v] = 0;
    }
  }

  /**
   * Solves G·z + N·r = normal with N'·z = 0 over the active set; fills z and returns r (the active
   * rows' entries first, then one per variable, nonzero for bound-fixed ones), or null if the
   * active rows became linearly dependent.
   */
  private double[] step(double[] normal, double[] z) {
    int m = activeRows.size();
    double[][] a = new double[m][m];
    double[] y = new double[m];
    double[][] rowNormals = new double[m][];
    for (int i = 0; i < m; i++) {
      rowNormals[i] = activeNormal(i);
    }
    for (int i = 0; i < m; i++) {
      double[] ni = rowNormals[i];
      for (int v = 0; v < n; v++) {
        if (boundState[v] == 0 && ni[v] != 0) {
          y[i] += ni[v] * normal[v] / q[v];
          for (int j = 0; j <= i; j++) {
            a[i][j] += ni[v] * rowNormals[j][v] / q[v];
          }
        }
      }
      for (int j = 0; j < i; j++) {
        a[j][i] = a[i][j];
      }
    }
    double[] rRows = m == 0 ? new double[0] : SmallCholesky.solve(a, y, 1e-13);
    if (rRows == null) {
      return null;
    }
    double[] r = new double[m + n];
    System.arraycopy(rRows, 0, r, 0, m);
    for (int v = 0; v < n; v++) {
      double rest = normal[v];
      for (int i = 0; i < m; i++) {
        rest -= rowNormals[i][v] * rRows[i];
      }
      if (boundState[v] == 0) {
        z[v] = rest / q[v];
      } else {
        z[v] = 0;
        r[m + v] = boundState[v] * rest;
      }
    }
    return r;
  }

  /** Normal of active row k in n·x ≥ b form (inequality rows are stored as ≤, so negated). */
  private double[] activeNormal(int k) {
    int row = activeRows.get(k);
    double[] out = rows[row].clone();
    if (row >= equalities || isNegatedEquality(k)) {
      for (int v = 0; v < n; v++) {
        out[v] = -out[v];
      }
    }
    return out;
  }

  private boolean isNegatedEquality(int k) {
    return negatedEqualities.contains(activeRows.get(k));
  }

  private Status finish() {
    // Multipliers as prices of the rows' right-hand sides: ≤ rows get u ≥ 0; an equality row's
    // sign follows the orientation it was added with.
    for (int k = 0; k < activeRows.size(); k++) {
      int row = activeRows.get(k);
      double u = activeRowU.get(k);
      rowMultiplier[row] = row >= equalities ? u : (isNegatedEquality(k) ? -u : u);
    }
    return Status.OPTIMAL;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
