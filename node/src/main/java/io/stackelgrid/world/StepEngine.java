package io.stackelgrid.world;

import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchException;
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
import java.util.Arrays;
import java.util.List;

/**
 * The one step of a world (ARCHITECTURE.md "One simulated step"), as functions of its phases:
 * each aggregator's plan, the households' move (Γ or N households), the clearing, the bills, the
 * beliefs, and the step's record. {@link World#advance} calls them in turn; each step actor calls
 * the phase it owns and sends that phase's result on, so there is one implementation of the step.
 * Holds only what the scenario fixes (tables, SoC grid, observation layout); thread-safe.
 */
public final class StepEngine {
  private final Scenario scenario;
  private final WorldSettings settings;
  private final GroupLayout layout;
  private final SocGrid socGrid;
  private final Observation observation;

  public StepEngine(Scenario scenario, WorldSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
    this.layout = new GroupLayout(scenario);
    this.socGrid = new SocGrid(settings.socBins());
    this.observation = new Observation(scenario.clock().stepsPerDay());
  }

  public Scenario scenario() {
    return scenario;
  }

  public WorldSettings settings() {
    return settings;
  }

  public GroupLayout layout() {
    return layout;
  }

  public SocGrid socGrid() {
    return socGrid;
  }

  public Observation observation() {
    return observation;
  }

  /** Where step {@code step} sits in time. */
  public StepTime time(long step) {
    return StepTime.of(scenario.clock(), (int) step);
  }

  /** Key of the counter-based solar noise ζ of a world with {@code seed}. */
  public static long solarNoiseKey(long seed) {
    return SplitMix64.derive(seed, "solar-noise");
  }

  /**
   * Key of ζ in copy {@code copy} of the leader's environment trained at {@code period} (MODEL.md §10):
   * copy 0 draws the world's own ζ, as the single environment always did; copy k ≥ 1 its own weather,
   * the counter hash of (period, copy) under a key of its own purpose derived from the seed, so copies
   * and periods never share draws and a copy's ζ depends only on (seed, period, copy).
   */
  public static long solarNoiseKey(long seed, int period, int copy) {
    return copy == 0 ? solarNoiseKey(seed) : SplitMix64.hash(SplitMix64.derive(seed, "leader-copy-solar-noise"),
        period, copy);
  }

  /** A scratch buffer for {@link #plan}: one observation per SoC bin. */
  public float[] planScratch() {
    return new float[socGrid.bins() * observation.size()];
  }

  /**
   * Phase 1, aggregator {@code a}: its policy evaluated at every SoC bin centre, with what its
   * prosumers observe (its beliefs for this step and the next, the tariff, its bus's mean SoC).
   */
  public ActionPlan plan(int a, int hour, LmpBelief belief, Tariff tariff, double busMeanSoc, FollowerPolicy policy,
      float[] scratch) {
    int bins = socGrid.bins();
    int size = observation.size();
    double shape = layout.aggregatorShape(a, hour);
    double now = belief.get(a, hour);
    double next = belief.get(a, hour + 1);
    for (int j = 0; j < bins; j++) {
      observation.fill(scratch, j * size, hour, socGrid.centre(j), shape, now, next,
          settings.priceScaleUsdPerMwh(), tariff.buyAddOnUsdPerKwh(), tariff.sellAddOnUsdPerKwh(),
          scenario.tariff(), busMeanSoc);
    }
    double[] means = new double[bins];
    policy.mean(scratch, bins, means);
    return new ActionPlan(means, policy.std(), policy.givesMoves());
  }

  /**
   * What the households put on the grid in one step.
   *
   * @param flows each group's energies (a copy no later step writes into)
   * @param loads per bus: the load to clear and its parts
   * @param busMeanSoc mean SoC of each bus's prosumers after the step
   */
  public record Moved(GroupFlows flows, BusLoads loads, double[] busMeanSoc) {}

  /**
   * Phase 2: the households' move (Γ on the mean field, or N households, advanced in place): the
   * day's noise at its first step, then the plans (by aggregator).
   */
  public Moved move(HouseholdModel households, StepTime time, ActionPlan[] plans) {
    if (time.hour() == 0) {
      households.startDay(time.day());
    }
    GroupFlows flows = new GroupFlows(layout.groupCount());
    households.act(time, plans, flows);
    return new Moved(flows, loads(flows), busMeanSoc(households));
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
  public BusLoads loads(GroupFlows flows) {
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
   * The market of one step.
   *
   * @param curtailedMwh available minus dispatched energy of availability-profile units, summed
   * @param costUsd generation cost with shed and spill penalties
   */
  public record Clearing(double[] lmpUsdPerMwh, double[] shedMwh, double[] spillMwh, double[] solarMwh,
      double[] solarAvailableMwh, double curtailedMwh, double costUsd, List<SlackEvent> slackEvents) {}

  /**
   * Phase 3: the DC-OPF of the step's bus loads at its generator capacities (solar profile times ζ,
   * counter-based on the seed's key, step and unit, so every copy of a world draws the same ζ). A
   * failure names seed, bus loads and capacities, so it can be reproduced with {@code dispatch}.
   */
  public Clearing clear(StepTime time, double[] loadMwh, long solarNoiseKey, boolean noise, long seed, DcOpf opf) {
    double[] pMax = capacities(solarNoiseKey, noise, time.step(), time.hour());
    Dispatch d;
    try {
      d = opf.solve(time.step(), loadMwh, pMax);
    } catch (DispatchException e) {
      throw new DispatchException(e.getMessage() + " (seed " + seed + ", bus loads " + Arrays.toString(loadMwh)
          + ", capacities " + Arrays.toString(pMax) + ")");
    }
    Grid grid = scenario.grid();
    int buses = grid.busCount();
    double[] solar = new double[buses];
    double[] available = new double[buses];
    double curtailed = 0;
    for (int g = 0; g < grid.generatorCount(); g++) {
      if (grid.hasAvailabilityProfile(g)) {
        solar[grid.generatorBus(g)] += d.generation()[g];
        available[grid.generatorBus(g)] += pMax[g];
        curtailed += Math.max(0, pMax[g] - d.generation()[g]);
      }
    }
    List<SlackEvent> slack = new ArrayList<>();
    double tol = scenario.dispatch().tolerance();
    for (int n = 0; n < buses; n++) {
      if (d.shed()[n] > tol || d.spill()[n] > tol) {
        slack.add(new SlackEvent(time.step(), grid.busName(n), d.shed()[n], d.spill()[n]));
      }
    }
    // Copies: the solver reuses its arrays.
    return new Clearing(d.lmp().clone(), d.shed().clone(), d.spill().clone(), solar, available, curtailed, d.cost(),
        List.copyOf(slack));
  }

  /** Generator capacities of {@code step}: availability-profile units at their profile times ζ. */
  public double[] capacities(long solarNoiseKey, boolean noise, int step, int hour) {
    Grid grid = scenario.grid();
    double[] zeta = new double[grid.generatorCount()];
    for (int g = 0; g < zeta.length; g++) {
      zeta[g] = !grid.hasAvailabilityProfile(g) ? 1.0 : noise
          ? scenario.solarNoise().quantile(SplitMix64.uniform(solarNoiseKey, step, g))
          : scenario.solarNoise().mode();
    }
    return grid.pMaxAt(hour, zeta);
  }

  /** Phase 4a (the utility): the step's bills at the cleared LMPs and the tariff in force, into {@code ledger}. */
  public void bill(BillLedger ledger, GroupFlows flows, double[] lmpUsdPerMwh, Tariff tariff) {
    ledger.record(flows, lmpUsdPerMwh, tariff);
  }

  /** Phase 4b (aggregator a): its beliefs fold in the LMP cleared at its bus. */
  public void observe(LmpBelief belief, int a, StepTime time, double lmpAtBusUsdPerMwh) {
    belief.update(a, time.hour(), time.day(), lmpAtBusUsdPerMwh);
  }

  /** The LMP at aggregator a's bus. */
  public double priceAt(int a, double[] lmpUsdPerMwh) {
    return lmpUsdPerMwh[layout.aggregatorBus(a)];
  }

  /** The record of a cleared step. */
  public StepRecord record(StepTime time, Moved moved, Clearing c) {
    BusLoads l = moved.loads();
    return new StepRecord(time.step(), time.day(), time.hour(), time.period(), c.lmpUsdPerMwh(), l.loadMwh(),
        l.baseLoadMwh(), l.householdKwh(), l.prosumerKwh(), l.consumerKwh(), moved.busMeanSoc(), c.solarMwh(),
        c.solarAvailableMwh(), c.shedMwh(), c.spillMwh(), c.costUsd());
  }

  /** Mean SoC of each bus's prosumers (count-weighted over its cohorts; 0 without prosumers). */
  public double[] busMeanSoc(HouseholdModel households) {
    int buses = layout.busCount();
    double[] sum = new double[buses];
    double[] count = new double[buses];
    for (int c = 0; c < layout.cohortCount(); c++) {
      int g = layout.cohortGroup(c);
      sum[layout.bus(g)] += layout.count(g) * households.cohortMeanSoc(c);
      count[layout.bus(g)] += layout.count(g);
    }
    for (int n = 0; n < buses; n++) {
      sum[n] = count[n] == 0 ? 0 : sum[n] / count[n];
    }
    return sum;
  }

  /**
   * Population-weighted mean SoC of each prosumer tariff group, in tariff-group order (what the
   * leader observes, MODEL.md §10).
   */
  public double[] tariffGroupMeanSoc(HouseholdModel households) {
    int[] prosumerGroups = layout.tariffGroups().prosumerGroups();
    double[] sum = new double[layout.tariffGroups().size()];
    double[] count = new double[sum.length];
    for (int c = 0; c < layout.cohortCount(); c++) {
      int g = layout.cohortGroup(c);
      int t = layout.tariffGroup(g);
      sum[t] += layout.count(g) * households.cohortMeanSoc(c);
      count[t] += layout.count(g);
    }
    double[] out = new double[prosumerGroups.length];
    for (int i = 0; i < out.length; i++) {
      int t = prosumerGroups[i];
      out[i] = count[t] == 0 ? 0 : sum[t] / count[t];
    }
    return out;
  }

  /** The record of a closed period from its ledger, with the tariff that was in force. */
  public PeriodRecord periodRecord(BillLedger ledger, int period, Tariff tariff) {
    double[] bills = new double[layout.groupCount()];
    for (int g = 0; g < bills.length; g++) {
      bills[g] = ledger.meanBillUsd(g);
    }
    double[] eei = ledger.eeiPct();
    double[] tariffEei = Equity.byTariffGroup(layout, eei);
    return new PeriodRecord(period, ledger.days(), tariff, bills, eei, tariffEei, Equity.gapPp(layout, eei),
        Equity.incomeSpreadPp(tariffEei), ledger.netRevenueUsd(),
        ledger.revenueRatio(scenario.tariff().revenueRequirementUsdPerDay()));
  }
}
