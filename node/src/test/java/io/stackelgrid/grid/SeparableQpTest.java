package io.stackelgrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The dual active-set solver against brute force: every subset of constraints held as equalities
 * gives a candidate (an equality-constrained QP solved directly); the best feasible candidate is the
 * optimum of a strictly convex QP.
 */
class SeparableQpTest {

  @RepeatedTest(40)
  void matchesBruteForceOnRandomSmallQps(RepetitionInfo info) {
    SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
    int n = 2 + random.nextInt(3);
    int inequalities = random.nextInt(3);
    double[] q = new double[n];
    double[] c = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int v = 0; v < n; v++) {
      q[v] = 0.1 + random.nextDouble();
      c[v] = random.nextDouble() * 4 - 2;
      lo[v] = -random.nextDouble() * 2;
      hi[v] = random.nextDouble() * 2;
    }
    double[][] rows = new double[1 + inequalities][n];
    double[] rhs = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int v = 0; v < n; v++) {
        rows[i][v] = random.nextDouble() * 2 - 1;
      }
    }
    // Right-hand sides from a point inside the box, so the problem is feasible.
    double[] inside = new double[n];
    for (int v = 0; v < n; v++) {
      inside[v] = lo[v] + (hi[v] - lo[v]) * random.nextDouble();
    }
    for (int i = 0; i < rows.length; i++) {
      rhs[i] = dot(rows[i], inside) + (i == 0 ? 0 : random.nextDouble() * 0.5);
    }
    SeparableQp qp = new SeparableQp(q, c, lo, hi, rows, rhs, 1);
    assertEquals(SeparableQp.Status.OPTIMAL, qp.solve());
    double[] best = BruteForce.solve(q, c, lo, hi, rows, rhs, 1);
    assertTrue(best != null);
    assertEquals(objective(q, c, best), objective(q, c, qp.x()), 1e-9);
    for (int v = 0; v < n; v++) {
      assertEquals(best[v], qp.x()[v], 1e-7, "x" + v);
    }
  }

  @Test
  void equalityMultiplierIsTheDerivativeOfTheOptimum() {
    double[] q = {0.4, 0.4, 2e-6};
    double[] c = {5, 4, 0};
    double[] lo = {0, 0, 0};
    double[] hi = {2000, 1500, 3};
    double[][] rows = {{1, 1, 1}};
    double demand = 20;
    SeparableQp qp = new SeparableQp(q, c, lo, hi, rows, new double[] {demand}, 1);
    assertEquals(SeparableQp.Status.OPTIMAL, qp.solve());
    double h = 1e-4;
    double up = optimum(q, c, lo, hi, rows, demand + h);
    double down = optimum(q, c, lo, hi, rows, demand - h);
    assertEquals((up - down) / (2 * h), qp.rowMultipliers()[0], 1e-6);
    // Solar (third unit) at its cap of 3, the rest at equal marginal cost: λ = (0.4·17 + 9)/2.
    assertEquals((0.4 * 17 + 9) / 2, qp.rowMultipliers()[0], 1e-5);
  }

  @Test
  void infeasibleProblemIsReported() {
    double[][] rows = {{1, 1}};
    SeparableQp qp = new SeparableQp(new double[] {1, 1}, new double[] {0, 0}, new double[] {0, 0},
        new double[] {1, 1}, rows, new double[] {5}, 1);
    assertEquals(SeparableQp.Status.INFEASIBLE, qp.solve());
  }

  private static double optimum(double[] q, double[] c, double[] lo, double[] hi, double[][] rows, double rhs) {
    SeparableQp qp = new SeparableQp(q, c, lo, hi, rows, new double[] {rhs}, 1);
    assertEquals(SeparableQp.Status.OPTIMAL, qp.solve());
    return objective(q, c, qp.x());
  }

  private static double objective(double[] q, double[] c, double[] x) {
    double f = 0;
    for (int v = 0; v < x.length; v++) {
      f += 0.5 * q[v] * x[v] * x[v] + c[v] * x[v];
    }
    return f;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
