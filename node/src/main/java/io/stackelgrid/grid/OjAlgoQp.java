package io.stackelgrid.grid;

import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;
import org.ojalgo.structure.Access1D;

/**
 * The DC-OPF's QP on ojAlgo's general convex (active-set) solver: the second method beside
 * {@link SeparableQp}. Bounds enter only where asked, since each bound row costs the solver a lot.
 */
final class OjAlgoQp {
  private static final Optimisation.Options OPTIONS = new Optimisation.Options();

  static {
    OPTIONS.convex().algorithm(ConvexSolver.Algorithm.ACTIVE_SET);
    // A stalled solve must end as a failure, never hang a world.
    OPTIONS.iterations_abort = 20_000;
    OPTIONS.time_abort = 10_000;
  }

  private OjAlgoQp() {}

  /** Solution and row multipliers in {@link SeparableQp}'s conventions. */
  record Result(double[] x, double[] rowMultipliers) {}

  /**
   * Minimises Σ ½·q·x² + c·x subject to row 0 as an equality and the other rows as ≤, plus the
   * bounds flagged in {@code useHi}/{@code useLo}; null if ojAlgo reports no optimum.
   */
  static Result solve(double[] q, double[] c, double[] lo, double[] hi, boolean[] useLo, boolean[] useHi,
      double[][] rows, double[] rhs) {
    int nv = q.length;
    int nLines = rows.length - 1;
    int nBounds = 0;
    for (int v = 0; v < nv; v++) {
      nBounds += (useHi[v] ? 1 : 0) + (useLo[v] ? 1 : 0);
    }
    R064Store qStore = R064Store.FACTORY.make(nv, nv);
    R064Store cStore = R064Store.FACTORY.make(nv, 1);
    R064Store ae = R064Store.FACTORY.make(1, nv);
    R064Store be = R064Store.FACTORY.make(1, 1);
    R064Store ai = R064Store.FACTORY.make(nLines + nBounds, nv);
    R064Store bi = R064Store.FACTORY.make(nLines + nBounds, 1);
    for (int v = 0; v < nv; v++) {
      qStore.set(v, v, q[v]);
      cStore.set(v, 0, -c[v]); // ojAlgo minimises ½x'Qx − C'x
      ae.set(0, v, rows[0][v]);
    }
    be.set(0, 0, rhs[0]);
    int r = 0;
    for (int i = 1; i < rows.length; i++, r++) {
      for (int v = 0; v < nv; v++) {
        ai.set(r, v, rows[i][v]);
      }
      bi.set(r, 0, rhs[i]);
    }
    for (int v = 0; v < nv; v++) {
      if (useHi[v]) {
        ai.set(r, v, 1.0);
        bi.set(r++, 0, hi[v]);
      }
      if (useLo[v]) {
        ai.set(r, v, -1.0);
        bi.set(r++, 0, -lo[v]);
      }
    }
    Optimisation.Result result = ConvexSolver.newBuilder().objective(qStore, cStore).equalities(ae, be)
        .inequalities(ai, bi).build(OPTIONS).solve();
    if (!result.getState().isOptimal() || result.getDualSolution().isEmpty()) {
      return null;
    }
    double[] x = new double[nv];
    for (int v = 0; v < nv; v++) {
      x[v] = result.doubleValue(v);
    }
    // Duals [yE; yI] with Qx − C + AE'yE + AI'yI = 0: the optimum moves by −yE per unit of BE.
    Access1D<?> dual = result.getDualSolution().get().get();
    double[] multipliers = new double[rows.length];
    multipliers[0] = -dual.doubleValue(0);
    for (int i = 1; i < rows.length; i++) {
      multipliers[i] = dual.doubleValue(i);
    }
    return new Result(x, multipliers);
  }
}
