package io.stackelgrid.world;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.metrics.Equity;
import io.stackelgrid.metrics.Imv;
import java.util.ArrayList;
import java.util.List;

/** Runs a world for a number of days under a fixed tariff and collects steps, periods and run metrics. */
public final class Simulation {
  /** Called after every cleared step (progress, streaming writers). */
  public interface Listener {
    void onStep(StepRecord record, int totalSteps);
  }

  private Simulation() {}

  /** Plays {@code days} days of {@code world} from its current step. */
  public static SimulationResult run(World world, int days, Listener listener) {
    if (days <= 0) {
      throw new StackelgridException("days must be a positive number, got " + days);
    }
    int perDay = world.scenario().clock().stepsPerDay();
    long total = (long) days * perDay;
    if (total > Integer.MAX_VALUE) {
      throw new StackelgridException("days = " + days + " is too many steps");
    }
    List<StepRecord> steps = new ArrayList<>((int) total);
    List<PeriodRecord> periods = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      StepRecord r = world.advance();
      steps.add(r);
      PeriodRecord p = world.closePeriodIfDone(i == total - 1);
      if (p != null) {
        periods.add(p);
      }
      if (listener != null) {
        listener.onStep(r, (int) total);
      }
    }
    return summarise(world, steps, periods, days);
  }

  private static SimulationResult summarise(World world, List<StepRecord> steps, List<PeriodRecord> periods, int days) {
    int buses = world.layout().busCount();
    int perDay = world.scenario().clock().stepsPerDay();
    double[][] lmp = new double[buses][steps.size()];
    for (int t = 0; t < steps.size(); t++) {
      for (int n = 0; n < buses; n++) {
        lmp[n][t] = steps.get(t).lmpUsdPerMwh()[n];
      }
    }
    int window = Math.min(3, days) * perDay;
    int from = steps.size() - window;
    double[] imv = new double[buses];
    for (int n = 0; n < buses; n++) {
      imv[n] = Imv.of(lmp[n], from, steps.size());
    }
    double[] eei = world.runLedger().eeiPct();
    double requirement = world.scenario().tariff().revenueRequirementUsdPerDay();
    return new SimulationResult(steps, periods, imv, Imv.system(lmp, from, steps.size()), window / perDay,
        eei, Equity.gapPp(world.layout(), eei), Equity.incomeSpreadPp(Equity.byTariffGroup(world.layout(), eei)),
        world.runLedger().netRevenueUsd(), world.runLedger().revenueRatio(requirement),
        world.generationCostUsd(), world.curtailedMwh(), world.slackEvents(),
        world.netDemand().prosumer(), world.netDemand().consumer());
  }
}
