package io.stackelgrid.world;

import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.Gamma;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
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
 * bills accrue and beliefs update from the LMPs: {@link StepEngine}'s phases in turn, the same
 * functions the step actors call. Policies, plans and beliefs are by aggregator (the scenario's
 * table). Not thread-safe (it owns a DcOpf).
 */
public final class World {
  private final Scenario scenario;
  private final WorldSettings settings;
  private final WorldOptions options;
  private final StepEngine engine;
  private final GroupLayout layout;
  private final DcOpf opf;
  private final HouseholdModel households;
  private final LmpBelief belief;
  private final FollowerPolicy[] policies;
  private final boolean[] builtInPolicy;
  private final ActionPlan[] plans;
  private final float[] observations;
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
    this(new StepEngine(scenario, settings), options, tariff);
  }

  /** A fresh world (step 0) on {@code engine}'s scenario. */
  public World(StepEngine engine, WorldOptions options, Tariff tariff) {
    this.engine = engine;
    this.scenario = engine.scenario();
    this.settings = engine.settings();
    this.options = options;
    Policies.check(options.policy());
    tariff.validate(scenario, "tariff");
    this.tariff = tariff;
    layout = engine.layout();
    opf = new DcOpf(scenario.grid(), scenario.dispatch());
    double uMax = scenario.households().maxAction();
    if (options.meanField()) {
      households = meanFieldPopulation(engine, options);
    } else {
      households = new FinitePopulation(scenario, layout, options.seed(), options.noise(), settings.spread(),
          options.sampleFraction());
    }
    int aggregators = layout.aggregatorCount();
    belief = new LmpBelief(aggregators, scenario.clock().stepsPerDay(), settings.beliefRate());
    policies = new FollowerPolicy[aggregators];
    builtInPolicy = new boolean[aggregators];
    plans = new ActionPlan[aggregators];
    for (int a = 0; a < aggregators; a++) {
      policies[a] = Policies.create(options.policy(), belief, a, settings, uMax);
      builtInPolicy[a] = true;
    }
    observations = engine.planScratch();
    zetaKey = StepEngine.solarNoiseKey(options.seed());
    runLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    netDemand = new NetDemandShape(layout, scenario.clock().stepsPerDay(),
        scenario.households().consumerEquivalentStorageKwh());
  }

  /** The mean field of a fresh world on {@code engine} (step 0: every cohort's SoC uniform). */
  public static MeanFieldPopulation meanFieldPopulation(StepEngine engine, WorldOptions options) {
    Scenario scenario = engine.scenario();
    WorldSettings settings = engine.settings();
    Gamma gamma = new Gamma(engine.socGrid(), settings.quadratureNodes(), settings.actionBins(),
        scenario.households().maxAction(), scenario.households().storageEfficiency(),
        scenario.households().actionMap());
    MeanField field = MeanField.uniform(engine.socGrid(), engine.layout().cohortCount(), settings.actionBins());
    double xi = options.noise() ? scenario.householdNoise().mean() : scenario.householdNoise().mode();
    return new MeanFieldPopulation(engine.layout(), gamma, field, settings.spread(), xi);
  }

  /**
   * A shadow copy of a mean-field world: same step, μ, beliefs and tariff; fresh ledgers and dispatch;
   * ζ drawn under {@code zetaKey}. Reads {@code source} only, so copies may be made on several threads.
   */
  private World(World source, long zetaKey) {
    if (!(source.households instanceof MeanFieldPopulation mf)) {
      throw new IllegalStateException("only mean-field worlds can be copied (finite N holds 10^6 states)");
    }
    scenario = source.scenario;
    settings = source.settings;
    options = source.options;
    engine = source.engine;
    layout = source.layout;
    // Copies always clear locally: a shadow's steps must not touch the real world's operator.
    opf = new DcOpf(scenario.grid(), scenario.dispatch());
    households = mf.copy();
    belief = source.belief.copy();
    int aggregators = layout.aggregatorCount();
    policies = new FollowerPolicy[aggregators];
    builtInPolicy = source.builtInPolicy.clone();
    plans = new ActionPlan[aggregators];
    double uMax = scenario.households().maxAction();
    for (int a = 0; a < aggregators; a++) {
      // Built-in policies read the beliefs, so they are rebuilt on the copy's beliefs.
      policies[a] = builtInPolicy[a] ? Policies.create(options.policy(), belief, a, settings, uMax) : source.policies[a];
    }
    observations = engine.planScratch();
    this.zetaKey = zetaKey;
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
    return new World(this, zetaKey);
  }

  /**
   * A shadow copy like {@link #copy()} whose ζ is drawn under another key (a copy of the leader's
   * environment, {@link StepEngine#solarNoiseKey(long, int, int)}): same state, other weather.
   */
  public World copy(long solarNoiseKey) {
    return new World(this, solarNoiseKey);
  }

  /** Replaces the policy of aggregator {@code a} (e.g. a learned one). */
  public void setPolicy(int a, FollowerPolicy policy) {
    policies[a] = policy;
    builtInPolicy[a] = false;
  }

  /** The policy aggregator {@code a} acts with. */
  public FollowerPolicy policy(int a) {
    return policies[a];
  }

  /** The plan aggregator {@code a} made in the last step (null before the first). */
  public ActionPlan plan(int a) {
    return plans[a];
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

  public StepEngine engine() {
    return engine;
  }

  public GroupLayout layout() {
    return layout;
  }

  public HouseholdModel households() {
    return households;
  }

  /** The aggregators' LMP beliefs (a row per aggregator). */
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

  /** Mean SoC of each bus's prosumers now (0 at a bus without). */
  public double[] busMeanSoc() {
    return engine.busMeanSoc(households);
  }

  /** Clears the next step: {@link StepEngine}'s phases in turn. */
  public StepRecord advance() {
    StepTime time = StepTime.of(scenario.clock(), step);
    double[] socBefore = engine.busMeanSoc(households);
    for (int a = 0; a < plans.length; a++) {
      plans[a] = engine.plan(a, time.hour(), belief, tariff, socBefore[layout.aggregatorBus(a)], policies[a],
          observations);
    }
    StepEngine.Moved moved = engine.move(households, time, plans);
    StepEngine.Clearing c = engine.clear(time, moved.loads().loadMwh(), zetaKey, options.noise(), options.seed(), opf);
    curtailedMwh += c.curtailedMwh();
    slackEvents.addAll(c.slackEvents());
    generationCostUsd += c.costUsd();
    engine.bill(runLedger, moved.flows(), c.lmpUsdPerMwh(), tariff);
    engine.bill(periodLedger, moved.flows(), c.lmpUsdPerMwh(), tariff);
    netDemand.record(time.hour(), moved.flows());
    for (int a = 0; a < plans.length; a++) {
      engine.observe(belief, a, time, engine.priceAt(a, c.lmpUsdPerMwh()));
    }
    step++;
    return engine.record(time, moved, c);
  }

  /**
   * Becomes the world its actors hold after {@code stepsDone} steps: μ_F (the tracker's) and the LMP
   * beliefs (one row per aggregator, by step of day: the aggregators'). A world whose steps are played
   * elsewhere is set whole by such a snapshot, never kept up step by step.
   */
  public void restore(int stepsDone, double[][] socByCohort, double[][] actionByCohort, double[][] beliefUsdPerMwh) {
    if (!(households instanceof MeanFieldPopulation mf)) {
      throw new IllegalStateException("only a mean-field world mirrors its tracker (seed " + options.seed() + ")");
    }
    MeanField field = mf.field();
    if (socByCohort.length != field.cohorts() || actionByCohort.length != field.cohorts()
        || beliefUsdPerMwh.length != layout.aggregatorCount()) {
      throw new IllegalArgumentException("step " + step + ": a snapshot of " + socByCohort.length + " cohorts and "
          + beliefUsdPerMwh.length + " aggregators for a world of " + field.cohorts() + " and "
          + layout.aggregatorCount());
    }
    for (int c = 0; c < field.cohorts(); c++) {
      copyInto(socByCohort[c], field.soc(c), "SoC masses", c);
      copyInto(actionByCohort[c], field.action(c), "action histogram", c);
    }
    for (int a = 0; a < beliefUsdPerMwh.length; a++) {
      belief.setRow(a, beliefUsdPerMwh[a]);
    }
    step = stepsDone;
  }

  private void copyInto(double[] from, double[] to, String what, int cohort) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("step " + step + ": the snapshot's " + what + " of group "
          + layout.group(layout.cohortGroup(cohort)).name() + " has " + from.length + " bins, the world's " + to.length);
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
    PeriodRecord r = engine.periodRecord(periodLedger, (step - 1) / perPeriod, tariff);
    periodLedger = new BillLedger(layout, scenario.clock().stepsPerDay());
    return r;
  }
}
