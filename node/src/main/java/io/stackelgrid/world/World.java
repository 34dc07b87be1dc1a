package io.stackelgrid.world;

import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchException;
import io.stackelgrid.grid.Dispatcher;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.HouseholdStep;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.Observation;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.Gamma;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.metrics.Equity;
import io.stackelgrid.metrics.NetDemandShape;
import io.stackelgrid.random.SplitMix64;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.tariff.BillLedger;
import io.stackelgrid.tariff.Tariff;
import java.util.ArrayList;
import java.util.List;

/**
 * One world of MODEL.md §1–§5 under fixed follower policies: each step the aggregators plan from
 * their observations, the households act (mean field or finite N), the DC-OPF clears the bus loads,
 * bills accrue and beliefs update from the LMPs. Not thread-safe (it owns a DcOpf).
 */
public final class World {
  private final Scenario scenario;
  private final WorldSettings settings;
  private final WorldOptions options;
  private final GroupLayout layout;
  private final SocGrid socGrid;
  private final DcOpf opf;
  private Dispatcher dispatcher;
  private final HouseholdModel households;
  private HouseholdStep householdStep;
  private final LmpBelief belief;
  private final FollowerPolicy[] policies;
  private final boolean[] builtInPolicy;
  private final ActionPlan[] plans;
  private final float[] observations;
  private final GroupFlows flows;
  private final long zetaKey;
  private final double[] zeta;
  private final BillLedger runLedger;
  private final NetDemandShape netDemand;
  private final List<SlackEvent> slackEvents = new ArrayList<>();
  private BillLedger periodLedger;
  private Tariff tariff;
  private int step;
  private double generationCostUsd;
  private double curtailedMwh;

  public World(Scenario scenario, WorldSettings settings, WorldOptions options, Tariff tariff) {
    this.scenario = scenario;
    this.settings = settings;
    this.options = options;
    Policies.check(options.policy());
    tariff.validate(scenario, "tariff");
    this.tariff = tariff;
    layout = new GroupLayout(scenario);
    socGrid = new SocGrid(settings.socBins());
    opf = new DcOpf(scenario.grid(), scenario.dispatch());
    dispatcher = opf::solve;
    double uMax = scenario.households().maxAction();
    if (options.meanField()) {
      households = meanFieldPopulation(scenario, settings, options, layout, socGrid);
    } else {
      households = new FinitePopulation(scenario, layout, options.seed(), options.noise(), settings.spread(),
          options.sampleFraction());
    }
    householdStep = households::act;
    int buses = layout.busCount();
    belief = new LmpBelief(buses, scenario.clock().stepsPerDay(), settings.beliefRate());
    policies = new FollowerPolicy[buses];
    builtInPolicy = new boolean[buses];
    plans = new ActionPlan[buses];
    for (int n = 0; n < buses; n++) {
      policies[n] = Policies.create(options.policy(), belief, n, settings, uMax);
      builtInPolicy[n] = true;
      plans[n] = new ActionPlan(socGrid.bins());
    }
    observations = new float[socGrid.bins() * Observation.SIZE];
    flows = new GroupFlows(layout.groupCount());
    zetaKey = SplitMix64.derive(options.seed(), "solar-noise");
    zeta = new double[scenario.grid().generatorCount()];
    runLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    netDemand = new NetDemandShape(layout, scenario.clock().stepsPerDay(),
        scenario.households().consumerEquivalentStorageKwh());
  }

  /** The mean field of a fresh world of {@code options} (step 0: every cohort's SoC uniform). */
  public static MeanFieldPopulation meanFieldPopulation(Scenario scenario, WorldSettings settings,
      WorldOptions options) {
    return meanFieldPopulation(scenario, settings, options, new GroupLayout(scenario),
        new SocGrid(settings.socBins()));
  }

  private static MeanFieldPopulation meanFieldPopulation(Scenario scenario, WorldSettings settings,
      WorldOptions options, GroupLayout layout, SocGrid socGrid) {
    Gamma gamma = new Gamma(socGrid, settings.quadratureNodes(), settings.actionBins(),
        scenario.households().maxAction(), scenario.households().storageEfficiency());
    MeanField field = MeanField.uniform(socGrid, layout.cohortCount(), settings.actionBins());
    double xi = options.noise() ? scenario.householdNoise().mean() : scenario.householdNoise().mode();
    return new MeanFieldPopulation(layout, gamma, field, settings.spread(), xi);
  }

  /** A shadow copy of a mean-field world: same step, μ, beliefs and tariff; fresh ledgers and dispatch. */
  private World(World source) {
    if (!(source.households instanceof MeanFieldPopulation mf)) {
      throw new IllegalStateException("only mean-field worlds can be copied (finite N holds 10^6 states)");
    }
    scenario = source.scenario;
    settings = source.settings;
    options = source.options;
    layout = source.layout;
    socGrid = source.socGrid;
    // Copies always clear locally: a shadow's steps must not touch the real world's operator.
    opf = new DcOpf(scenario.grid(), scenario.dispatch());
    dispatcher = opf::solve;
    households = mf.copy();
    householdStep = households::act;
    belief = source.belief.copy();
    int buses = layout.busCount();
    policies = new FollowerPolicy[buses];
    builtInPolicy = source.builtInPolicy.clone();
    plans = new ActionPlan[buses];
    double uMax = scenario.households().maxAction();
    for (int n = 0; n < buses; n++) {
      // Built-in policies read the beliefs, so they are rebuilt on the copy's beliefs.
      policies[n] = builtInPolicy[n] ? Policies.create(options.policy(), belief, n, settings, uMax) : source.policies[n];
      plans[n] = new ActionPlan(socGrid.bins());
    }
    observations = new float[source.observations.length];
    flows = new GroupFlows(layout.groupCount());
    zetaKey = source.zetaKey;
    zeta = new double[source.zeta.length];
    runLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    netDemand = new NetDemandShape(layout, scenario.clock().stepsPerDay(),
        scenario.households().consumerEquivalentStorageKwh());
    tariff = source.tariff;
    step = source.step;
  }

  /**
   * A shadow copy for the inner loop and the leader's environment: it continues from this world's
   * step with the same draws (ζ is counter-based on the seed and step), but its own μ and beliefs.
   */
  public World copy() {
    return new World(this);
  }

  /** Replaces the policy of the aggregator at {@code bus} (e.g. a learned one). */
  public void setPolicy(int bus, FollowerPolicy policy) {
    policies[bus] = policy;
    builtInPolicy[bus] = false;
  }

  /**
   * Clears this world's steps with {@code d} from now on (null: with the world's own DC-OPF); copies
   * keep clearing locally. Install before the first step so {@code d} sees every step the local
   * solver would have.
   */
  public void setDispatcher(Dispatcher d) {
    dispatcher = d == null ? opf::solve : d;
  }

  /**
   * Moves this world's households with {@code step} from now on (null: with the world's own model);
   * copies keep moving locally. {@code step} must leave {@link #households()} as its own step would.
   */
  public void setHouseholdStep(HouseholdStep step) {
    householdStep = step == null ? households::act : step;
  }

  /** The plan the aggregator at {@code bus} made in the last step. */
  public ActionPlan plan(int bus) {
    return plans[bus];
  }

  public WorldSettings settings() {
    return settings;
  }

  public Scenario scenario() {
    return scenario;
  }

  public GroupLayout layout() {
    return layout;
  }

  public HouseholdModel households() {
    return households;
  }

  public LmpBelief belief() {
    return belief;
  }

  public Tariff tariff() {
    return tariff;
  }

  /** Installs the leader's tariff for the steps to come (checked against the scenario's bounds). */
  public void setTariff(Tariff next) {
    next.validate(scenario, "tariff");
    tariff = next;
  }

  /** Steps cleared so far. */
  public int step() {
    return step;
  }

  public BillLedger runLedger() {
    return runLedger;
  }

  public NetDemandShape netDemand() {
    return netDemand;
  }

  public List<SlackEvent> slackEvents() {
    return List.copyOf(slackEvents);
  }

  public double generationCostUsd() {
    return generationCostUsd;
  }

  public double curtailedMwh() {
    return curtailedMwh;
  }

  /** Mean SoC of the prosumers at a bus (count-weighted over its cohorts; 0 without prosumers). */
  public double busMeanSoc(int bus) {
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

  /** Clears the next step. */
  public StepRecord advance() {
    StepTime time = StepTime.of(scenario.clock(), step);
    int h = time.hour();
    if (h == 0) {
      households.startDay(time.day());
    }
    int buses = layout.busCount();
    double[] meanSocBefore = new double[buses];
    for (int n = 0; n < buses; n++) {
      meanSocBefore[n] = busMeanSoc(n);
    }
    for (int n = 0; n < buses; n++) {
      plan(n, h, meanSocBefore[n]);
    }
    householdStep.act(time, plans, flows);

    Grid grid = scenario.grid();
    double toGrid = scenario.kwhPerStepToGridUnit();
    double[] householdKwh = flows.busNetKwh(layout, new double[buses]);
    double[] prosumerKwh = new double[buses];
    double[] consumerKwh = new double[buses];
    for (int g = 0; g < layout.groupCount(); g++) {
      (layout.prosumer(g) ? prosumerKwh : consumerKwh)[layout.bus(g)] += flows.netKwh[g];
    }
    double[] baseLoad = grid.busLoads();
    double[] load = new double[buses];
    for (int n = 0; n < buses; n++) {
      load[n] = baseLoad[n] + householdKwh[n] * toGrid;
    }
    for (int g = 0; g < zeta.length; g++) {
      zeta[g] = !grid.hasAvailabilityProfile(g) ? 1.0 : options.noise()
          ? scenario.solarNoise().quantile(SplitMix64.uniform(zetaKey, step, g))
          : scenario.solarNoise().mode();
    }
    double[] pMax = grid.pMaxAt(h, zeta);
    Dispatch d;
    try {
      d = dispatcher.clear(step, load, pMax);
    } catch (DispatchException e) {
      // Name what was cleared so the failure can be reproduced with `stackelgrid dispatch`.
      throw new DispatchException(e.getMessage() + " (seed " + options.seed() + ", bus loads "
          + java.util.Arrays.toString(load) + ", capacities " + java.util.Arrays.toString(pMax) + ")");
    }

    double[] solar = new double[buses];
    double[] solarAvailable = new double[buses];
    for (int g = 0; g < zeta.length; g++) {
      if (grid.hasAvailabilityProfile(g)) {
        solar[grid.generatorBus(g)] += d.generation()[g];
        solarAvailable[grid.generatorBus(g)] += pMax[g];
        curtailedMwh += Math.max(0, pMax[g] - d.generation()[g]);
      }
    }
    for (int n = 0; n < buses; n++) {
      if (d.shed()[n] > scenario.dispatch().tolerance() || d.spill()[n] > scenario.dispatch().tolerance()) {
        slackEvents.add(new SlackEvent(step, grid.busName(n), d.shed()[n], d.spill()[n]));
      }
    }
    generationCostUsd += d.cost();
    runLedger.record(flows, d.lmp(), tariff);
    periodLedger.record(flows, d.lmp(), tariff);
    netDemand.record(h, flows);
    for (int n = 0; n < buses; n++) {
      belief.update(n, h, time.day(), d.lmp()[n]);
    }
    double[] meanSocAfter = new double[buses];
    for (int n = 0; n < buses; n++) {
      meanSocAfter[n] = busMeanSoc(n);
    }
    step++;
    return new StepRecord(time.step(), time.day(), h, time.period(), d.lmp().clone(), load, baseLoad,
        householdKwh, prosumerKwh, consumerKwh, meanSocAfter, solar, solarAvailable,
        d.shed().clone(), d.spill().clone(), d.cost());
  }

  /** The aggregator at bus n evaluates its policy at every SoC bin centre. */
  private void plan(int n, int h, double busMeanSoc) {
    int bins = socGrid.bins();
    double shape = scenario.shapes().prosumerNetDemand()[h];
    double now = belief.get(n, h);
    double next = belief.get(n, h + 1);
    for (int j = 0; j < bins; j++) {
      Observation.fill(observations, j * Observation.SIZE, h, socGrid.centre(j), shape, now, next,
          settings.priceScaleUsdPerMwh(), tariff.buyAddOnUsdPerKwh(), tariff.sellAddOnUsdPerKwh(),
          scenario.tariff(), busMeanSoc);
    }
    policies[n].mean(observations, bins, plans[n].means());
    plans[n].setStd(policies[n].std());
  }

  /**
   * Closes the current period's ledger if the last step ended it (or {@code force}), returning its
   * record, else null.
   */
  public PeriodRecord closePeriodIfDone(boolean force) {
    int perPeriod = scenario.clock().stepsPerPeriod();
    if (periodLedger.steps() == 0 || (!force && step % perPeriod != 0)) {
      return null;
    }
    BillLedger l = periodLedger;
    int period = (step - 1) / perPeriod;
    double[] bills = new double[layout.groupCount()];
    for (int g = 0; g < bills.length; g++) {
      bills[g] = l.meanBillUsd(g);
    }
    double[] eei = l.eeiPct();
    PeriodRecord r = new PeriodRecord(period, l.days(), tariff, bills, eei, Equity.gapPp(layout, eei),
        Equity.incomeSpreadPp(eei), l.netRevenueUsd(),
        l.revenueRatio(scenario.tariff().revenueRequirementUsdPerDay()));
    periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    return r;
  }
}
