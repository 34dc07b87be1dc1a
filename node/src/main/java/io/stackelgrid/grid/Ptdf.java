package io.stackelgrid.grid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Power transfer distribution factors of a grid: flow_l = Σ_n ptdf[l][n]·injection_n + offset_l,
 * with injections balanced by the reference bus. The offsets carry the phase shifters, following
 * MATPOWER's DC model (series susceptance 1/(x·tap), shift angles as injections).
 */
public final class Ptdf {
  private final double[][] factors;
  private final double[] offset;

  private Ptdf(double[][] factors, double[] offset) {
    this.factors = factors;
    this.offset = offset;
  }

  /** Computes the factors; fails naming the buses not connected to the reference bus. */
  public static Ptdf of(Grid grid) {
    requireConnected(grid);
    int nBus = grid.busCount();
    int nLine = grid.lineCount();
    int ref = grid.referenceBus();
    int[] reduced = new int[nBus];
    int k = 0;
    for (int n = 0; n < nBus; n++) {
      reduced[n] = n == ref ? -1 : k++;
    }
    int m = nBus - 1;
    double[][] b = new double[m][m];
    for (int l = 0; l < nLine; l++) {
      double y = grid.lineSusceptancePu(l);
      int f = reduced[grid.lineFrom(l)];
      int t = reduced[grid.lineTo(l)];
      if (f >= 0) {
        b[f][f] += y;
      }
      if (t >= 0) {
        b[t][t] += y;
      }
      if (f >= 0 && t >= 0) {
        b[f][t] -= y;
        b[t][f] -= y;
      }
    }
    double[][] x = invert(b, grid);
    double[][] factors = new double[nLine][nBus];
    for (int l = 0; l < nLine; l++) {
      double y = grid.lineSusceptancePu(l);
      int f = reduced[grid.lineFrom(l)];
      int t = reduced[grid.lineTo(l)];
      for (int n = 0; n < nBus; n++) {
        int r = reduced[n];
        if (r < 0) {
          continue;
        }
        double xf = f >= 0 ? x[f][r] : 0.0;
        double xt = t >= 0 ? x[t][r] : 0.0;
        factors[l][n] = y * (xf - xt);
      }
    }
    // Phase shifters: branch injection Pfinj = -b·shift, bus injections Cft'·Pfinj.
    double[] busShiftInjection = new double[nBus];
    double[] lineShiftInjection = new double[nLine];
    for (int l = 0; l < nLine; l++) {
      double pf = -grid.lineSusceptancePu(l) * Math.toRadians(grid.lineShiftDeg(l));
      lineShiftInjection[l] = pf;
      busShiftInjection[grid.lineFrom(l)] += pf;
      busShiftInjection[grid.lineTo(l)] -= pf;
    }
    double[] offset = new double[nLine];
    for (int l = 0; l < nLine; l++) {
      double s = lineShiftInjection[l];
      for (int n = 0; n < nBus; n++) {
        s -= factors[l][n] * busShiftInjection[n];
      }
      offset[l] = s * grid.baseMva();
    }
    return new Ptdf(factors, offset);
  }

  /** Factor of bus n's injection in line l's flow (from to to). */
  public double factor(int line, int bus) {
    return factors[line][bus];
  }

  /** Row of line l (not copied: do not modify). */
  double[] row(int line) {
    return factors[line];
  }

  /** Flow of line l with zero injections everywhere (phase shifters only), in grid units. */
  public double offset(int line) {
    return offset[line];
  }

  /** Flows for the given net injections per bus (which must sum to zero). */
  public double[] flows(double[] injection) {
    double[] out = new double[factors.length];
    for (int l = 0; l < factors.length; l++) {
      double s = offset[l];
      double[] row = factors[l];
      for (int n = 0; n < row.length; n++) {
        s += row[n] * injection[n];
      }
      out[l] = s;
    }
    return out;
  }

  private static void requireConnected(Grid grid) {
    int nBus = grid.busCount();
    List<List<Integer>> adjacent = new ArrayList<>();
    for (int n = 0; n < nBus; n++) {
      adjacent.add(new ArrayList<>());
    }
    for (int l = 0; l < grid.lineCount(); l++) {
      adjacent.get(grid.lineFrom(l)).add(grid.lineTo(l));
      adjacent.get(grid.lineTo(l)).add(grid.lineFrom(l));
    }
    boolean[] seen = new boolean[nBus];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(grid.referenceBus());
    seen[grid.referenceBus()] = true;
    while (!queue.isEmpty()) {
      for (int next : adjacent.get(queue.poll())) {
        if (!seen[next]) {
          seen[next] = true;
          queue.add(next);
        }
      }
    }
    List<String> cut = new ArrayList<>();
    for (int n = 0; n < nBus; n++) {
      if (!seen[n]) {
        cut.add(grid.busName(n));
      }
    }
    if (!cut.isEmpty()) {
      String shown = cut.size() <= 8 ? String.join(", ", cut)
          : String.join(", ", cut.subList(0, 8)) + " and " + (cut.size() - 8) + " more";
      throw new GridDataException(grid.source() + ": disconnected network: bus(es) " + shown
          + " not connected to reference bus " + grid.busName(grid.referenceBus()));
    }
  }

  /**
   * Inverse of the reduced susceptance matrix by LU factorisation with partial pivoting (a series
   * capacitor's negative reactance can make it indefinite, so Cholesky is not enough).
   */
  private static double[][] invert(double[][] a, Grid grid) {
    int m = a.length;
    double[][] lu = new double[m][];
    for (int i = 0; i < m; i++) {
      lu[i] = a[i].clone();
    }
    int[] perm = new int[m];
    for (int i = 0; i < m; i++) {
      perm[i] = i;
    }
    double scale = 0;
    for (double[] row : a) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int k = 0; k < m; k++) {
      int pivot = k;
      for (int i = k + 1; i < m; i++) {
        if (Math.abs(lu[i][k]) > Math.abs(lu[pivot][k])) {
          pivot = i;
        }
      }
      if (!(Math.abs(lu[pivot][k]) > 1e-12 * Math.max(1.0, scale))) {
        throw new GridDataException(grid.source() + ": the susceptance matrix is singular (check reactances)");
      }
      if (pivot != k) {
        double[] t = lu[k];
        lu[k] = lu[pivot];
        lu[pivot] = t;
        int p = perm[k];
        perm[k] = perm[pivot];
        perm[pivot] = p;
      }
      double[] rk = lu[k];
      double d = rk[k];
      for (int i = k + 1; i < m; i++) {
        double[] ri = lu[i];
        double f = ri[k] / d;
        if (f == 0) {
          continue;
        }
        ri[k] = f;
        for (int j = k + 1; j < m; j++) {
          ri[j] -= f * rk[j];
        }
      }
    }
    // Solve for X with rows of the identity permuted; X is stored column by column then transposed.
    double[][] inv = new double[m][m];
    double[] y = new double[m];
    for (int c = 0; c < m; c++) {
      for (int i = 0; i < m; i++) {
        double s = perm[i] == c ? 1.0 : 0.0;
        double[] ri = lu[i];
        for (int k = 0; k < i; k++) {
          s -= ri[k] * y[k];
        }
        y[i] = s;
      }
      for (int i = m - 1; i >= 0; i--) {
        double s = y[i];
        double[] ri = lu[i];
        for (int k = i + 1; k < m; k++) {
          s -= ri[k] * y[k];
        }
        y[i] = s / ri[i];
      }
      for (int i = 0; i < m; i++) {
        inv[i][c] = y[i];
      }
    }
    return inv;
  }
}
