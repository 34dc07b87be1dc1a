package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.FinitePopulation;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.MeanField;
import io.stackelgrid.meanfield.MeanFieldPopulation;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.proto.CohortField;
import io.stackelgrid.proto.MeanFieldSnapshot;
import io.stackelgrid.proto.NetDemand;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.SnapshotRequest;
import io.stackelgrid.proto.StepAck;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.world.StepPhases;
import io.stackelgrid.world.World;
import io.stackelgrid.world.WorldOptions;

/**
 * The mean-field tracker of one world: owns μ_F (from a fresh world's uniform SoC), or in finite-N
 * mode the world's N real households (their SoC and daily ξ, MODEL.md §5). Every real step
 * it gathers the aggregators' {@link io.stackelgrid.proto.ActionPlan}s, moves μ_F by Γ, and sends the
 * step's {@link NetDemand} (bus loads, group energies, bus mean SoC) to the system operator.
 *
 * <p>Protocol (Command = the protobuf {@link Message}): one {@link io.stackelgrid.proto.ActionPlan}
 * per bus → {@link NetDemand} to the operator, or a {@link StepAck} with the error to the barrier;
 * {@link SnapshotRequest} → {@link MeanFieldSnapshot} to {@code reply_to}. Steps arrive in order from
 * 0, since μ_F carries over.
 */
public final class MeanFieldTrackerActor extends AbstractBehavior<Message> {
  private final Scenario scenario;
  private final GroupLayout layout;
  private final HouseholdModel population;
  private final SocGrid socGrid;
  private final int actionBins;
  private final ActorRef<Message> operator;
  private final Addresses addresses;
  private final ActionPlan[] plans;
  private final long[] planNanos;
  private final boolean[] planned;
  private final GroupFlows flows;
  private int received;
  private long stepsDone;

  /** @param operator the world's system operator, which clears the net demand */
  public static Behavior<Message> create(Scenario scenario, WorldSettings settings, WorldOptions options,
      ActorRef<Message> operator) {
    return Behaviors.setup(ctx -> new MeanFieldTrackerActor(ctx, scenario, settings, options, operator));
  }

  private MeanFieldTrackerActor(ActorContext<Message> ctx, Scenario scenario, WorldSettings settings,
      WorldOptions options, ActorRef<Message> operator) {
    super(ctx);
    this.scenario = scenario;
    this.layout = new GroupLayout(scenario);
    // The mean field, or N real households sampled from the scenario's groups (finite-N mode).
    this.population = options.meanField() ? World.meanFieldPopulation(scenario, settings, options)
        : new FinitePopulation(scenario, layout, options.seed(), options.noise(), settings.spread(),
            options.sampleFraction());
    this.socGrid = new SocGrid(settings.socBins());
    this.actionBins = settings.actionBins();
    this.operator = operator;
    this.addresses = new Addresses(ctx.getSystem());
    int buses = layout.busCount();
    plans = new ActionPlan[buses];
    for (int n = 0; n < buses; n++) {
      plans[n] = new ActionPlan(settings.socBins());
    }
    planNanos = new long[buses];
    planned = new boolean[buses];
    flows = new GroupFlows(layout.groupCount());
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(io.stackelgrid.proto.ActionPlan.class, this::onPlan)
        .onMessage(SnapshotRequest.class, this::onSnapshot)
        .build();
  }

  private Behavior<Message> onPlan(io.stackelgrid.proto.ActionPlan m) {
    SchemaVersions.require(m.getSchemaVersion(), "ActionPlan", "aggregator");
    String error = check(m);
    if (error != null) {
      // Answered, not thrown: the waiting coordinator stops the run with this error instead of timing out.
      addresses.<Message>get(m.getRouting().getBarrier()).tell(StepAck.newBuilder()
          .setSchemaVersion(SchemaVersions.CURRENT).setStep(m.getStep()).setActor("tracker").setError(error).build());
      return this;
    }
    double[] means = plans[m.getBus()].means();
    for (int j = 0; j < means.length; j++) {
      means[j] = m.getMeans(j);
    }
    plans[m.getBus()].setStd(m.getStd());
    plans[m.getBus()].setMoves(m.getMoves());
    planNanos[m.getBus()] = m.getDomainNanos();
    planned[m.getBus()] = true;
    if (++received == plans.length) {
      received = 0;
      java.util.Arrays.fill(planned, false);
      move(m);
    }
    return this;
  }

  /** All plans are in: Γ, the bus loads, and the net demand to the operator. */
  private void move(io.stackelgrid.proto.ActionPlan last) {
    long t0 = System.nanoTime();
    StepTime time = StepTime.of(scenario.clock(), (int) last.getStep());
    StepPhases.moveHouseholds(population, time, plans, flows);
    StepPhases.BusLoads loads = StepPhases.loads(scenario, layout, flows);
    double[] meanSoc = StepPhases.busMeanSoc(layout, population);
    stepsDone++;
    NetDemand.Builder d = NetDemand.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(time.step())
        .setRouting(last.getRouting());
    for (int n = 0; n < plans.length; n++) {
      d.addBusLoad(loads.loadMwh()[n]).addBaseLoad(loads.baseLoadMwh()[n])
          .addHouseholdNetKwh(loads.householdKwh()[n]).addBusMeanSoc(meanSoc[n]).addPlanNanos(planNanos[n]);
    }
    StepMessages.addFlows(d, flows);
    operator.tell(d.setDomainNanos(System.nanoTime() - t0).build());
  }

  /** Why a plan cannot be used (out of order, wrong bus or bins), or null. */
  private String check(io.stackelgrid.proto.ActionPlan m) {
    if (m.getStep() != stepsDone) {
      return "step " + m.getStep() + ": the mean-field tracker expected step " + stepsDone
          + " (steps must arrive in order from 0)";
    }
    if (m.getBus() >= plans.length || m.getMeansCount() != plans[m.getBus()].means().length) {
      return "step " + m.getStep() + ": a plan for bus " + m.getBus() + " with " + m.getMeansCount()
          + " SoC bins (the world has " + plans.length + " buses and " + plans[0].means().length + " bins)";
    }
    if (planned[m.getBus()]) {
      return "step " + m.getStep() + ": a second plan for bus " + m.getBus();
    }
    return null;
  }

  private Behavior<Message> onSnapshot(SnapshotRequest m) {
    SchemaVersions.require(m.getSchemaVersion(), "SnapshotRequest", "coordinator");
    MeanFieldSnapshot.Builder b = MeanFieldSnapshot.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStepsDone(stepsDone);
    if (m.getStepsDone() != stepsDone || received != 0) {
      b.setError("the mean-field tracker has played " + stepsDone + " steps (" + received
          + " plans of the next in), the snapshot asks for " + m.getStepsDone());
    }
    for (double v : StepPhases.busMeanSoc(layout, population)) {
      b.addBusMeanSoc(v);
    }
    if (population instanceof MeanFieldPopulation mf) {
      MeanField field = mf.field();
      for (int c = 0; c < field.cohorts(); c++) {
        b.addCohorts(cohort(field.soc(c), field.action(c)));
      }
    } else {
      FinitePopulation finite = (FinitePopulation) population;
      double[] soc = new double[socGrid.bins()];
      for (int c = 0; c < layout.cohortCount(); c++) {
        finite.socHistogram(c, socGrid, soc);
        b.addCohorts(cohort(soc, new double[actionBins]));
      }
    }
    addresses.<Message>get(m.getReplyTo()).tell(b.build());
    return this;
  }

  private static CohortField cohort(double[] soc, double[] action) {
    CohortField.Builder cf = CohortField.newBuilder();
    for (double v : soc) {
      cf.addSoc(v);
    }
    for (double v : action) {
      cf.addAction(v);
    }
    return cf.build();
  }
}
