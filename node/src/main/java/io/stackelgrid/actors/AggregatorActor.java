package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.actors.MeanFieldTrackerActor.Planned;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.StepProtocol.StepStart;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.Observation;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.meanfield.SocGrid;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.WorldSettings;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.StepPhases;

/**
 * The aggregator of one bus (a follower): holds the policy it acts with and its bus's LMP beliefs.
 * Every real step it evaluates its policy at each SoC bin centre ({@link StepStart} →
 * {@link Planned} to the mean-field tracker) and folds the cleared LMP into its beliefs
 * ({@link Cleared}; no answer: the operator tells the aggregators before the barrier, so a step's
 * Cleared is in this mailbox ahead of anything the barrier sends next, and a plan that came too
 * early would fail the step check). Errors go to the barrier as {@link StepFailed}. Steps arrive in
 * order from 0.
 */
public final class AggregatorActor extends AbstractBehavior<AggregatorActor.Command> {

  /** What an aggregator receives. */
  public sealed interface Command extends WireMessage permits StepStart, Cleared, BeliefRequest {}

  /** Send this bus's beliefs to {@code replyTo} if {@code stepsDone} steps have been played. */
  public record BeliefRequest(long stepsDone, ActorRef<StepBarrierActor.Command> replyTo) implements Command {}

  /** An aggregator's LMP beliefs for its bus, by step of day ($/MWh; NaN = none yet). */
  public record BeliefSnapshot(int bus, double[] beliefUsdPerMwh) implements StepBarrierActor.Command {}

  private final int bus;
  private final String name;
  private final Scenario scenario;
  private final WorldSettings settings;
  private final SocGrid socGrid;
  private final ActorRef<MeanFieldTrackerActor.Command> tracker;
  private final LmpBelief belief;
  private final ActionPlan plan;
  private final float[] observations;
  private LearnedPolicy policy;
  private long stepsDone;
  /** Domain time of the last belief update, reported with the next plan. */
  private long beliefNanos;

  /** @param tracker the world's mean-field tracker, which gathers the plans */
  public static Behavior<Command> create(int bus, Scenario scenario, WorldSettings settings,
      ActorRef<MeanFieldTrackerActor.Command> tracker) {
    return Behaviors.setup(ctx -> new AggregatorActor(ctx, bus, scenario, settings, tracker));
  }

  private AggregatorActor(ActorContext<Command> ctx, int bus, Scenario scenario, WorldSettings settings,
      ActorRef<MeanFieldTrackerActor.Command> tracker) {
    super(ctx);
    this.bus = bus;
    this.name = "aggregator-" + bus;
    this.scenario = scenario;
    this.settings = settings;
    this.socGrid = new SocGrid(settings.socBins());
    this.tracker = tracker;
    // A row per bus keeps the world's indexing; only this bus's row is ever filled.
    this.belief = new LmpBelief(scenario.grid().busCount(), scenario.clock().stepsPerDay(), settings.beliefRate());
    this.plan = new ActionPlan(socGrid.bins());
    this.observations = new float[socGrid.bins() * Observation.SIZE];
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StepStart.class, this::onStepStart)
        .onMessage(Cleared.class, this::onCleared)
        .onMessage(BeliefRequest.class, this::onBeliefRequest)
        .build();
  }

  private Behavior<Command> onStepStart(StepStart m) {
    long t0 = System.nanoTime();
    if (m.policyOrNull() != null) {
      policy = LearnedPolicy.of(m.policyOrNull());
    }
    String error = policy == null ? "step " + m.step() + ": " + name + " has no policy to plan with"
        : m.step() != stepsDone ? "step " + m.step() + ": " + name + " expected step " + stepsDone
        : m.busMeanSoc().length <= bus ? "step " + m.step() + ": no mean SoC for bus " + bus : null;
    if (error != null) {
      m.routing().barrier().tell(new StepFailed(m.step(), name, error));
      return this;
    }
    int hour = StepTime.of(scenario.clock(), (int) m.step()).hour();
    StepPhases.plan(scenario, settings, socGrid, hour, bus, belief, m.tariff(), m.busMeanSoc()[bus], policy,
        observations, plan);
    tracker.tell(new Planned(m.step(), bus, plan.means().clone(), plan.std(), plan.moves(),
        System.nanoTime() - t0 + beliefNanos, m.routing()));
    beliefNanos = 0;
    return this;
  }

  private Behavior<Command> onCleared(Cleared m) {
    long t0 = System.nanoTime();
    StepTime time = StepTime.of(scenario.clock(), (int) m.step());
    belief.update(bus, time.hour(), time.day(), m.lmpUsdPerMwh()[bus]);
    stepsDone = m.step() + 1;
    beliefNanos = System.nanoTime() - t0;
    return this;
  }

  private Behavior<Command> onBeliefRequest(BeliefRequest m) {
    m.replyTo().tell(m.stepsDone() != stepsDone
        ? new StepBarrierActor.SnapshotRefused(name + " has played " + stepsDone + " steps, the snapshot asks for "
            + m.stepsDone())
        : new BeliefSnapshot(bus, belief.row(bus)));
    return this;
  }
}
