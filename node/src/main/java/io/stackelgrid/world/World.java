package io.stackelgrid.world;

import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.Dispatch;
import io.stackelgrid.grid.DispatchException;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.Observation;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.Gamma;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.metrics.NetDemandShape;
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
  private final HouseholdModel households;
  private final LmpBelief belief;
  private final FollowerPolicy[] policies;
  private final boolean[] builtInPolicy;
  private final ActionPlan[] plans;
  private final float[] observations;
  private final GroupFlows flows;
  private final long zetaKey;
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
    double uMax = scenario.households().maxAction();
    if (options.meanField()) {
      households = meanFieldPopulation(scenario, settings, options, layout, socGrid);
    } else {
      households = new FinitePopulation(scenario, layout, options.seed(), options.noise(), settings.spread(),
          options.sampleFraction());
    }
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
    zetaKey = StepPhases.solarNoiseKey(options.seed());
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
        scenario.households().maxAction(), scenario.households().storageEfficiency(),
        scenario.households().actionMap());
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
    households = mf.copy();
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

  /** The policy the aggregator at {@code bus} acts with. */
  public FollowerPolicy policy(int bus) {
    return policies[bus];
  }

  /** The plan the aggregator at {@code bus} made in the last step. */
  public ActionPlan plan(int bus) {
    return plans[bus];
  }

  public WorldOptions options() {
    return options;
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
    return StepPhases.busMeanSoc(layout, households, bus);
  }

  /** Clears the next step: the phases of {@link StepPhases} in turn. */
  public StepRecord advance() {
    StepTime time = StepTime.of(scenario.clock(), step);
    int h = time.hour();
    int buses = layout.busCount();
    double[] meanSocBefore = StepPhases.busMeanSoc(layout, households);
    for (int n = 0; n < buses; n++) {
      StepPhases.plan(scenario, settings, socGrid, h, n, belief, tariff, meanSocBefore[n], policies[n],
          observations, plans[n]);
    }
    StepPhases.moveHouseholds(households, time, plans, flows);
    StepPhases.BusLoads loads = StepPhases.loads(scenario, layout, flows);
    double[] pMax = StepPhases.capacities(scenario, zetaKey, options.noise(), step, h);
    Dispatch d = clear(step, loads.loadMwh(), pMax, options.seed(), opf);
    StepPhases.GridOutcome out = StepPhases.outcome(scenario, step, d, pMax);
    for (double c : out.curtailedByUnit()) {
      curtailedMwh += c;
    }
    slackEvents.addAll(out.slackEvents());
    generationCostUsd += d.cost();
    runLedger.record(flows, d.lmp(), tariff);
    periodLedger.record(flows, d.lmp(), tariff);
    netDemand.record(h, flows);
    for (int n = 0; n < buses; n++) {
      belief.update(n, h, time.day(), d.lmp()[n]);
    }
    double[] meanSocAfter = StepPhases.busMeanSoc(layout, households);
    step++;
    return StepPhases.record(time, loads, d.lmp().clone(), meanSocAfter, out.solarMwh(), out.solarAvailableMwh(),
        d.shed().clone(), d.spill().clone(), d.cost());
  }

  /**
   * One DC-OPF clearing; a failure names seed, bus loads and capacities, so it can be reproduced
   * with {@code stackelgrid dispatch}.
   */
  public static Dispatch clear(int step, double[] load, double[] pMax, long seed, DcOpf opf) {
    try {
      return opf.solve(step, load, pMax);
    } catch (DispatchException e) {
      throw new DispatchException(e.getMessage() + " (seed " + seed + ", bus loads "
          + java.util.Arrays.toString(load) + ", capacities " + java.util.Arrays.toString(pMax) + ")");
    }
  }

  /**
   * Becomes the world its actors hold after {@code stepsDone} steps: μ_F (the tracker's) and the LMP
   * beliefs (one row per bus, by step of day: the aggregators'). A world whose steps are played
   * elsewhere is set whole by such a snapshot, never kept up step by step.
   */
  public void restore(int stepsDone, double[][] socByCohort, double[][] actionByCohort, double[][] beliefUsdPerMwh) {
    if (!(households instanceof MeanFieldPopulation mf)) {
      throw new IllegalStateException("only a mean-field world mirrors its tracker (seed " + options.seed() + ")");
    }
    MeanField field = mf.field();
    if (socByCohort.length != field.cohorts() || actionByCohort.length != field.cohorts()
        || beliefUsdPerMwh.length != layout.busCount()) {
      throw new IllegalArgumentException("step " + step + ": a snapshot of " + socByCohort.length + " cohorts and "
          + beliefUsdPerMwh.length + " buses for a world of " + field.cohorts() + " and " + layout.busCount());
    }
    for (int c = 0; c < field.cohorts(); c++) {
      copyInto(socByCohort[c], field.soc(c), "SoC masses", c);
      copyInto(actionByCohort[c], field.action(c), "action histogram", c);
    }
    for (int n = 0; n < beliefUsdPerMwh.length; n++) {
      belief.setRow(n, beliefUsdPerMwh[n]);
    }
    step = stepsDone;
  }

  private void copyInto(double[] from, double[] to, String what, int cohort) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("step " + step + ": the snapshot's " + what + " of cohort " + cohort
          + " has " + from.length + " bins, the world's " + to.length);
    }
    System.arraycopy(from, 0, to, 0, to.length);
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
    PeriodRecord r = StepPhases.periodRecord(scenario, layout, periodLedger, (step - 1) / perPeriod, tariff);
    periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    return r;
  }
}
