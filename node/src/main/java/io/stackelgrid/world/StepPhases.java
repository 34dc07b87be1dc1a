package io.stackelgrid.world;

import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.Observation;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.metrics.Equity;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.BillLedger;
import io.stackelgrid.tariff.Tariff;
import java.util.ArrayList;
import java.util.List;

/**
 * The phases of one step of a world as plain functions (ARCHITECTURE.md "One simulated step"): an
 * aggregator's plan, the households' move (Γ, by their {@link HouseholdModel}), the bus loads, the
 * step's generator capacities, what the clearing means for solar and slack, and the step record.
 * {@link World#advance} calls them in turn; the step actors call the phase each of them owns, so
 * both paths compute the same numbers with the same code.
 */
public final class StepPhases {
  private StepPhases() {}

  /** Key of the counter-based solar noise ζ of a world with {@code seed}. */
  public static long solarNoiseKey(long seed) {
    return SplitMix64.derive(seed, "solar-noise");
  }

  /**
   * Plan of the aggregator at {@code bus}: its policy evaluated at every SoC bin centre, with the
   * observation its prosumers see (belief for this step and the next, tariff, bus mean SoC).
   *
   * @param scratch observations buffer of at least bins × {@link Observation#SIZE} floats
   */
  public static void plan(Scenario scenario, WorldSettings settings, SocGrid socGrid, int hour, int bus,
      LmpBelief belief, Tariff tariff, double busMeanSoc, FollowerPolicy policy, float[] scratch, ActionPlan out) {
    int bins = socGrid.bins();
    double shape = scenario.shapes().prosumerNetDemand()[hour];
    double now = belief.get(bus, hour);
    double next = belief.get(bus, hour + 1);
    for (int j = 0; j < bins; j++) {
      Observation.fill(scratch, j * Observation.SIZE, hour, socGrid.centre(j), shape, now, next,
          settings.priceScaleUsdPerMwh(), tariff.buyAddOnUsdPerKwh(), tariff.sellAddOnUsdPerKwh(),
          scenario.tariff(), busMeanSoc);
    }
    policy.mean(scratch, bins, out.means());
    out.setStd(policy.std());
    out.setMoves(policy.givesMoves());
  }

  /** Mean SoC of the prosumers at {@code bus} (count-weighted over its cohorts; 0 without prosumers). */
  public static double busMeanSoc(GroupLayout layout, HouseholdModel households, int bus) {
    double sum = 0;
    double n = 0;
    for (int c = 0; c < layout.cohortCount(); c++) {
      int g = layout.cohortGroup(c);
      if (layout.bus(g) == bus) {
        sum += layout.count(g) * households.cohortMeanSoc(c);
        n += layout.count(g);
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** {@link #busMeanSoc} of every bus. */
  public static double[] busMeanSoc(GroupLayout layout, HouseholdModel households) {
    double[] out = new double[layout.busCount()];
    for (int n = 0; n < out.length; n++) {
      out[n] = busMeanSoc(layout, households, n);
    }
    return out;
  }

  /**
   * The households' move of one step (Γ on the mean field, or N households): draws the day's noise
   * at its first step, then applies the plans.
   */
  public static void moveHouseholds(HouseholdModel households, StepTime time, ActionPlan[] plansByBus,
      GroupFlows out) {
    if (time.hour() == 0) {
      households.startDay(time.day());
    }
    households.act(time, plansByBus, out);
  }

  /**
   * What the households' energy puts on the grid, per bus.
   *
   * @param loadMwh net load to clear (base load plus households, grid unit)
   * @param householdKwh H_n, of which prosumerKwh and consumerKwh are the parts
   */
  public record BusLoads(double[] loadMwh, double[] baseLoadMwh, double[] householdKwh, double[] prosumerKwh,
      double[] consumerKwh) {}

  /** The bus loads of a step from its group energies. */
  public static BusLoads loads(Scenario scenario, GroupLayout layout, GroupFlows flows) {
    int buses = layout.busCount();
    double toGrid = scenario.kwhPerStepToGridUnit();
    double[] householdKwh = flows.busNetKwh(layout, new double[buses]);
    double[] prosumerKwh = new double[buses];
    double[] consumerKwh = new double[buses];
    for (int g = 0; g < layout.groupCount(); g++) {
      (layout.prosumer(g) ? prosumerKwh : consumerKwh)[layout.bus(g)] += flows.netKwh[g];
    }
    double[] baseLoad = scenario.grid().busLoads();
    double[] load = new double[buses];
    for (int n = 0; n < buses; n++) {
      load[n] = baseLoad[n] + householdKwh[n] * toGrid;
    }
    return new BusLoads(load, baseLoad, householdKwh, prosumerKwh, consumerKwh);
  }

  /**
   * Generator capacities of {@code step}: availability-profile (solar) units at their profile times
   * ζ, which is counter-based on (seed key, step, unit), so every copy of a world draws the same ζ.
   */
  public static double[] capacities(Scenario scenario, long solarNoiseKey, boolean noise, int step, int hour) {
    Grid grid = scenario.grid();
    double[] zeta = new double[grid.generatorCount()];
    for (int g = 0; g < zeta.length; g++) {
      zeta[g] = !grid.hasAvailabilityProfile(g) ? 1.0 : noise
          ? scenario.solarNoise().quantile(SplitMix64.uniform(solarNoiseKey, step, g))
          : scenario.solarNoise().mode();
    }
    return grid.pMaxAt(hour, zeta);
  }

  /**
   * What a clearing means for solar and slack, per bus.
   *
   * @param curtailedByUnit available minus dispatched energy per generator (0 for units without a profile)
   */
  public record GridOutcome(double[] solarMwh, double[] solarAvailableMwh, double[] curtailedByUnit,
      List<SlackEvent> slackEvents) {}

  /** Solar dispatched and available per bus, curtailment per unit and shed/spill events of a clearing. */
  public static GridOutcome outcome(Scenario scenario, int step, Dispatch d, double[] pMax) {
    Grid grid = scenario.grid();
    int buses = grid.busCount();
    double[] solar = new double[buses];
    double[] available = new double[buses];
    double[] curtailed = new double[grid.generatorCount()];
    for (int g = 0; g < curtailed.length; g++) {
      if (grid.hasAvailabilityProfile(g)) {
        solar[grid.generatorBus(g)] += d.generation()[g];
        available[grid.generatorBus(g)] += pMax[g];
        curtailed[g] = Math.max(0, pMax[g] - d.generation()[g]);
      }
    }
    List<SlackEvent> slack = new ArrayList<>();
    double tol = scenario.dispatch().tolerance();
    for (int n = 0; n < buses; n++) {
      if (d.shed()[n] > tol || d.spill()[n] > tol) {
        slack.add(new SlackEvent(step, grid.busName(n), d.shed()[n], d.spill()[n]));
      }
    }
    return new GridOutcome(solar, available, curtailed, slack);
  }

  /** The record of a cleared step. */
  public static StepRecord record(StepTime time, BusLoads loads, double[] lmpUsdPerMwh, double[] meanSocAfter,
      double[] solarMwh, double[] solarAvailableMwh, double[] shed, double[] spill, double costUsd) {
    return new StepRecord(time.step(), time.day(), time.hour(), time.period(), lmpUsdPerMwh, loads.loadMwh(),
        loads.baseLoadMwh(), loads.householdKwh(), loads.prosumerKwh(), loads.consumerKwh(), meanSocAfter,
        solarMwh, solarAvailableMwh, shed, spill, costUsd);
  }

  /** The record of a closed period from its ledger, with the tariff that was in force. */
  public static PeriodRecord periodRecord(Scenario scenario, GroupLayout layout, BillLedger ledger, int period,
      Tariff tariff) {
    double[] bills = new double[layout.groupCount()];
    for (int g = 0; g < bills.length; g++) {
      bills[g] = ledger.meanBillUsd(g);
    }
    double[] eei = ledger.eeiPct();
    return new PeriodRecord(period, ledger.days(), tariff, bills, eei, Equity.gapPp(layout, eei),
        Equity.incomeSpreadPp(eei), ledger.netRevenueUsd(),
        ledger.revenueRatio(scenario.tariff().revenueRequirementUsdPerDay()));
  }
}
