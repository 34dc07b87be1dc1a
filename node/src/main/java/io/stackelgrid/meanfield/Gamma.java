package io.stackelgrid.meanfield;

import io.stackelgrid.household.ActionMap;
import java.util.Arrays;

/**
 * Γ of MODEL.md §5 for one prosumer cohort and one step: each SoC bin's mass is spread over the
 * policy's Gaussian (Gauss–Hermite nodes), each action mapped to a move as in §3, and each part moved to
 * x' = x + u, split between the two bins around x'. Also returns what one prosumer of the cohort
 * draws from the grid in expectation, so bus energy and bills need no second pass.
 */
public final class Gamma {
  /** Index in the flows array: expected storage grid energy g per prosumer (kWh). */
  public static final int STORAGE_KWH = 0;
  /** Expected imported energy max(E, 0) per prosumer (kWh). */
  public static final int IMPORT_KWH = 1;
  /** Expected exported energy max(−E, 0) per prosumer (kWh). */
  public static final int EXPORT_KWH = 2;
  /** Expected action u per prosumer. */
  public static final int ACTION = 3;
  /** Length of the flows array. */
  public static final int FLOWS = 4;

  private final SocGrid grid;
  private final double[] nodes;
  private final double[] weights;
  private final int actionBins;
  private final double maxAction;
  private final double efficiency;
  private final ActionMap actionMap;
  private final double[] lo;
  private final double[] hi;

  /**
   * @param quadratureNodes Gauss–Hermite nodes for the action spread (1 = every bin moves by the mean)
   * @param actionBins tent bins of the action histogram on [−maxAction, maxAction]
   * @param actionMap how a policy action becomes a move (plans of moves are always clipped)
   */
  public Gamma(SocGrid grid, int quadratureNodes, int actionBins, double maxAction, double efficiency,
      ActionMap actionMap) {
    this.grid = grid;
    GaussHermite gh = GaussHermite.of(quadratureNodes);
    nodes = new double[gh.size()];
    weights = new double[gh.size()];
    for (int k = 0; k < nodes.length; k++) {
      nodes[k] = gh.node(k);
      weights[k] = gh.weight(k);
    }
    if (actionBins < 2) {
      throw new IllegalArgumentException("action histogram needs at least 2 bins, got " + actionBins);
    }
    this.actionBins = actionBins;
    this.maxAction = maxAction;
    this.efficiency = efficiency;
    this.actionMap = actionMap;
    int b = grid.bins();
    lo = new double[b];
    hi = new double[b];
    for (int j = 0; j < b; j++) {
      double x = grid.centre(j);
      lo[j] = Math.max(-x, -maxAction);
      hi[j] = Math.min(1 - x, maxAction);
    }
  }

  public SocGrid grid() {
    return grid;
  }

  public int actionBins() {
    return actionBins;
  }

  /**
   * One step of one cohort.
   *
   * @param soc masses per SoC bin now (not modified)
   * @param socOut masses after the step (overwritten; may not alias soc)
   * @param actionOut histogram of the actions taken (overwritten), or null
   * @param planMean the policy's mean action at each bin centre
   * @param moves whether planMean holds moves u (clipped) rather than policy actions (mapped)
   * @param std the policy's standard deviation (0 or spread = false: every bin moves by its mean)
   * @param capacityKwh storage capacity C of one prosumer
   * @param demandKwh the prosumer's own net demand e this step (expected over ξ)
   * @param flows per-prosumer expectations, indexed by {@link #STORAGE_KWH} etc. (overwritten)
   */
  public void step(double[] soc, double[] socOut, double[] actionOut, double[] planMean, boolean moves,
      double std, boolean spread, double capacityKwh, double demandKwh, double[] flows) {
    int b = soc.length;
    Arrays.fill(socOut, 0.0);
    if (actionOut != null) {
      Arrays.fill(actionOut, 0.0);
    }
    boolean feasible = actionMap == ActionMap.FEASIBLE && !moves;
    double chargeKwh = capacityKwh / efficiency;
    double dischargeKwh = capacityKwh * efficiency;
    boolean gaussian = spread && std > 0;
    int nk = gaussian ? nodes.length : 1;
    double last = b - 1;
    double storage = 0;
    double imports = 0;
    double exports = 0;
    double action = 0;
    double actionScale = (actionBins - 1) / (2 * maxAction);
    for (int j = 0; j < b; j++) {
      double m = soc[j];
      if (m == 0) {
        continue;
      }
      double x = grid.centre(j);
      for (int k = 0; k < nk; k++) {
        double u = gaussian ? planMean[j] + std * nodes[k] : planMean[j];
        double w = gaussian ? m * weights[k] : m;
        if (feasible) {
          u = ActionMap.feasible(u, lo[j], hi[j]);
        } else if (u < lo[j]) {
          u = lo[j];
        } else if (u > hi[j]) {
          u = hi[j];
        }
        // Split the part between the bins around x' (mass and mean preserved).
        double pos = (x + u) * last;
        int i = (int) pos;
        if (i >= b - 1) {
          i = b - 2;
        }
        double f = pos - i;
        double up = w * f;
        socOut[i + 1] += up;
        socOut[i] += w - up;
        double g = u >= 0 ? u * chargeKwh : u * dischargeKwh;
        double e = demandKwh + g;
        storage += w * g;
        action += w * u;
        if (e >= 0) {
          imports += w * e;
        } else {
          exports -= w * e;
        }
        if (actionOut != null) {
          double apos = (u + maxAction) * actionScale;
          int ai = (int) apos;
          if (ai >= actionBins - 1) {
            ai = actionBins - 2;
          }
          double af = apos - ai;
          actionOut[ai + 1] += w * af;
          actionOut[ai] += w * (1 - af);
        }
      }
    }
    flows[STORAGE_KWH] = storage;
    flows[IMPORT_KWH] = imports;
    flows[EXPORT_KWH] = exports;
    flows[ACTION] = action;
  }
}
