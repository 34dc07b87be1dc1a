package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.Observation;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.proto.ActionPlan.Builder;
import io.stackelgrid.proto.BeliefSnapshot;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.InstallPolicy;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.SnapshotRequest;
import io.stackelgrid.proto.StepAck;
import io.stackelgrid.proto.StepRouting;
import io.stackelgrid.proto.StepStart;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.world.StepPhases;

/**
 * The aggregator of one bus (a follower): holds the policy it acts with and its bus's LMP beliefs.
 * Every real step it evaluates its policy at each SoC bin centre ({@link StepStart} →
 * {@link io.stackelgrid.proto.ActionPlan} to the mean-field tracker) and folds the cleared LMP into
 * its beliefs ({@link Cleared}; no answer: the operator tells the aggregators before the barrier,
 * so a step's Cleared is in this mailbox ahead of anything the barrier sends next, and a plan that
 * came too early would fail the step check). A {@link StepAck} to the barrier reports errors.
 *
 * <p>Protocol (Command = the protobuf {@link Message}): {@link InstallPolicy} (or a policy inside
 * {@link StepStart}); {@link StepStart}; {@link Cleared}; {@link SnapshotRequest} →
 * {@link BeliefSnapshot} to {@code reply_to}. Steps arrive in order from 0.
 */
public final class AggregatorActor extends AbstractBehavior<Message> {
  private final int bus;
  private final Scenario scenario;
  private final WorldSettings settings;
  private final SocGrid socGrid;
  private final ActorRef<Message> tracker;
  private final Addresses addresses;
  private final LmpBelief belief;
  private final ActionPlan plan;
  private final float[] observations;
  private LearnedPolicy policy;
  private StepRouting routing;
  private long stepsDone;
  /** Domain time of the last belief update, reported with the next plan. */
  private long beliefNanos;
  private final String name;

  /** @param tracker the world's mean-field tracker, which gathers the plans */
  public static Behavior<Message> create(int bus, Scenario scenario, WorldSettings settings,
      ActorRef<Message> tracker) {
    return Behaviors.setup(ctx -> new AggregatorActor(ctx, bus, scenario, settings, tracker));
  }

  private AggregatorActor(ActorContext<Message> ctx, int bus, Scenario scenario, WorldSettings settings,
      ActorRef<Message> tracker) {
    super(ctx);
    this.bus = bus;
    this.name = "aggregator-" + bus;
    this.scenario = scenario;
    this.settings = settings;
    this.socGrid = new SocGrid(settings.socBins());
    this.tracker = tracker;
    this.addresses = new Addresses(ctx.getSystem());
    // A row per bus keeps the world's indexing; only this bus's row is ever filled.
    this.belief = new LmpBelief(scenario.grid().busCount(), scenario.clock().stepsPerDay(), settings.beliefRate());
    this.plan = new ActionPlan(socGrid.bins());
    this.observations = new float[socGrid.bins() * Observation.SIZE];
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(InstallPolicy.class, this::onInstall)
        .onMessage(StepStart.class, this::onStepStart)
        .onMessage(Cleared.class, this::onCleared)
        .onMessage(SnapshotRequest.class, this::onSnapshot)
        .build();
  }

  private String name() {
    return name;
  }

  private Behavior<Message> onInstall(InstallPolicy m) {
    SchemaVersions.require(m.getSchemaVersion(), "InstallPolicy", "coordinator");
    policy = LearnedPolicy.of(m.getParams());
    return this;
  }

  private Behavior<Message> onStepStart(StepStart m) {
    SchemaVersions.require(m.getSchemaVersion(), "StepStart", "coordinator");
    long t0 = System.nanoTime();
    routing = m.getRouting();
    if (m.hasPolicy()) {
      policy = LearnedPolicy.of(m.getPolicy());
    }
    String error = policy == null ? "step " + m.getStep() + ": " + name() + " has no policy to plan with"
        : m.getStep() != stepsDone ? "step " + m.getStep() + ": " + name() + " expected step " + stepsDone
        : m.getBusMeanSocCount() <= bus ? "step " + m.getStep() + ": no mean SoC for bus " + bus : null;
    if (error != null) {
      ack(m.getStep(), 0, error);
      return this;
    }
    int hour = StepTime.of(scenario.clock(), (int) m.getStep()).hour();
    StepPhases.plan(scenario, settings, socGrid, hour, bus, belief, StepMessages.tariff(m.getTariff()),
        m.getBusMeanSoc(bus), policy, observations, plan);
    Builder out = io.stackelgrid.proto.ActionPlan.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(m.getStep()).setBus(bus).setStd(plan.std()).setMoves(plan.moves())
        .setRouting(routing);
    for (double v : plan.means()) {
      out.addMeans(v);
    }
    tracker.tell(out.setDomainNanos(System.nanoTime() - t0 + beliefNanos).build());
    beliefNanos = 0;
    return this;
  }

  private Behavior<Message> onCleared(Cleared m) {
    SchemaVersions.require(m.getSchemaVersion(), "Cleared", "system operator");
    if (!m.getError().isEmpty()) {
      return this; // the barrier has the operator's error; beliefs stay as they were
    }
    long t0 = System.nanoTime();
    StepTime time = StepTime.of(scenario.clock(), (int) m.getStep());
    belief.update(bus, time.hour(), time.day(), m.getLmpUsdPerMwh(bus));
    stepsDone = m.getStep() + 1;
    beliefNanos = System.nanoTime() - t0;
    return this;
  }

  private void ack(long step, long nanos, String error) {
    if (routing == null) {
      getContext().getLog().error("{}: {} with no barrier to tell", name(), error);
      return;
    }
    addresses.<Message>get(routing.getBarrier()).tell(StepAck.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(step).setActor(name()).setDomainNanos(nanos).setError(error).build());
  }

  private Behavior<Message> onSnapshot(SnapshotRequest m) {
    SchemaVersions.require(m.getSchemaVersion(), "SnapshotRequest", "coordinator");
    BeliefSnapshot.Builder b = BeliefSnapshot.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStepsDone(stepsDone).setBus(bus);
    if (m.getStepsDone() != stepsDone) {
      b.setError(name() + " has played " + stepsDone + " steps, the snapshot asks for " + m.getStepsDone());
    }
    for (double v : belief.row(bus)) {
      b.addBeliefUsdPerMwh(v);
    }
    addresses.<Message>get(m.getReplyTo()).tell(b.build());
    return this;
  }
}
