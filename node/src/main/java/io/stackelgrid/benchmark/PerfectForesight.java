package io.stackelgrid.benchmark;

import io.stackelgrid.common.StackelgridException;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The perfect-foresight storage schedule of one prosumer (the bound a learned follower is compared
 * with): given its retail buy and sell prices and own net demand for every step, the actions that
 * minimise the energy part of its bill, as an LP. Per step: charge c and discharge d in SoC units
 * (u = c − d), imports and exports in kWh; c·C/η − d·C·η + e = imports − exports.
 * The LP equals the model exactly when buy ≥ sell ≥ 0 in every step (the cost of u is then convex
 * and nothing is gained by wasting energy); otherwise it is a lower bound on the model's cost.
 */
public final class PerfectForesight {
  /** The optimal schedule: action u per step, SoC after each step, and its bill's energy part. */
  public record Schedule(double[] action, double[] soc, double costUsd) {}

  private PerfectForesight() {}

  /**
   * @param buyUsdPerKwh retail buy price per step
   * @param sellUsdPerKwh retail sell price per step
   * @param demandKwh the prosumer's own net demand per step (≥ 0)
   * @param initialSoc SoC before the first step
   */
  public static Schedule solve(double[] buyUsdPerKwh, double[] sellUsdPerKwh, double[] demandKwh,
      double capacityKwh, double efficiency, double maxAction, double initialSoc) {
    int steps = buyUsdPerKwh.length;
    if (sellUsdPerKwh.length != steps || demandKwh.length != steps) {
      throw new StackelgridException("perfect foresight: " + steps + " buy prices, "
          + sellUsdPerKwh.length + " sell prices and " + demandKwh.length + " demands must match");
    }
    if (initialSoc < 0 || initialSoc > 1) {
      throw new StackelgridException("perfect foresight: initial SoC " + initialSoc + " outside [0, 1]");
    }
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] charge = new Variable[steps];
    Variable[] discharge = new Variable[steps];
    Variable[] imports = new Variable[steps];
    Variable[] exports = new Variable[steps];
    for (int t = 0; t < steps; t++) {
      if (!(demandKwh[t] >= 0)) {
        throw new StackelgridException("perfect foresight: demand at step " + t + " is " + demandKwh[t]);
      }
      charge[t] = model.addVariable("charge" + t).lower(0).upper(maxAction);
      discharge[t] = model.addVariable("discharge" + t).lower(0).upper(maxAction);
      // Bounds keep the LP bounded even when sell > buy (buying to sell is then the only gain).
      imports[t] = model.addVariable("import" + t).lower(0)
          .upper(demandKwh[t] + maxAction * capacityKwh / efficiency).weight(buyUsdPerKwh[t]);
      exports[t] = model.addVariable("export" + t).lower(0)
          .upper(maxAction * capacityKwh * efficiency).weight(-sellUsdPerKwh[t]);
      Expression balance = model.addExpression("balance" + t).level(demandKwh[t]);
      balance.set(imports[t], 1).set(exports[t], -1)
          .set(charge[t], -capacityKwh / efficiency).set(discharge[t], capacityKwh * efficiency);
      Expression soc = model.addExpression("soc" + t).lower(-initialSoc).upper(1 - initialSoc);
      for (int s = 0; s <= t; s++) {
        soc.set(charge[s], 1).set(discharge[s], -1);
      }
    }
    Optimisation.Result result = model.minimise();
    if (!result.getState().isOptimal()) {
      throw new StackelgridException("perfect foresight LP over " + steps + " steps ended " + result.getState());
    }
    double[] action = new double[steps];
    double[] socPath = new double[steps];
    double x = initialSoc;
    double cost = 0;
    for (int t = 0; t < steps; t++) {
      // Variables were added four per step in the order charge, discharge, import, export.
      action[t] = result.doubleValue(4 * t) - result.doubleValue(4 * t + 1);
      x += action[t];
      socPath[t] = x;
      cost += buyUsdPerKwh[t] * result.doubleValue(4 * t + 2) - sellUsdPerKwh[t] * result.doubleValue(4 * t + 3);
    }
    return new Schedule(action, socPath, cost);
  }
}
