package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.game.LearnedPolicy;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.StepEngine;

/**
 * One aggregator (a follower): holds the policy it acts with and its LMP beliefs. Every real step
 * it answers {@link PlanStep} with its plan ({@link StepEngine#plan}, its policy at each SoC bin
 * centre) and folds the price cleared at its bus into its beliefs ({@link ObservePrice},
 * {@link StepEngine#observe}). Steps arrive in order from 0.
 */
public final class AggregatorActor extends AbstractBehavior<AggregatorActor.Command> {

  /** What an aggregator receives. */
  public sealed interface Command extends WireMessage permits PlanStep, ObservePrice, BeliefRequest {}

  /**
   * Plan step {@code step} at {@code tariff}, its bus's prosumers at mean SoC {@code busMeanSoc}; act
   * with {@code policyOrNull} from this step on if given.
   */
  public record PlanStep(long step, Tariff tariff, double busMeanSoc, PolicyParams policyOrNull,
      ActorRef<PlanReply> replyTo) implements Command {}

  /** The answer to a {@link PlanStep}. */
  public sealed interface PlanReply extends WireMessage permits Planned, PlanFailed {}

  /** Aggregator {@code aggregator}'s plan for step {@code step}; {@code domainNanos} since its last plan. */
  public record Planned(long step, int aggregator, ActionPlan plan, long domainNanos) implements PlanReply {}

  /** The plan of step {@code step} could not be made: {@code error} names the aggregator. */
  public record PlanFailed(long step, String error) implements PlanReply {}

  /** The price cleared at this aggregator's bus in step {@code step}. */
  public record ObservePrice(long step, double lmpUsdPerMwh) implements Command {}

  /** Send the beliefs to {@code replyTo} if {@code stepsDone} steps have been played. */
  public record BeliefRequest(long stepsDone, ActorRef<BeliefReply> replyTo) implements Command {}

  /** The answer to a {@link BeliefRequest}. */
  public sealed interface BeliefReply extends WireMessage permits BeliefSnapshot, BeliefRefused {}

  /** Aggregator {@code aggregator}'s LMP beliefs by step of day ($/MWh; NaN = none yet). */
  public record BeliefSnapshot(int aggregator, double[] beliefUsdPerMwh) implements BeliefReply {
    public BeliefSnapshot {
      beliefUsdPerMwh = beliefUsdPerMwh.clone();
    }
  }

  /** The beliefs are of another step than asked for. */
  public record BeliefRefused(String why) implements BeliefReply {}

  private final int aggregator;
  private final String name;
  private final StepEngine engine;
  private final LmpBelief belief;
  private final float[] observations;
  private LearnedPolicy policy;
  private long stepsDone;
  private String observeError;
  /** Domain time of the last belief update, reported with the next plan. */
  private long beliefNanos;

  /** Aggregator {@code aggregator} (its index in the scenario's table) of a world on {@code engine}. */
  public static Behavior<Command> create(int aggregator, StepEngine engine) {
    return Behaviors.setup(ctx -> new AggregatorActor(ctx, aggregator, engine));
  }

  private AggregatorActor(ActorContext<Command> ctx, int aggregator, StepEngine engine) {
    super(ctx);
    this.aggregator = aggregator;
    this.name = "aggregator " + engine.layout().aggregator(aggregator).id();
    this.engine = engine;
    // A row per aggregator keeps the world's indexing; only this one's row is ever filled.
    this.belief = new LmpBelief(engine.layout().aggregatorCount(), engine.scenario().clock().stepsPerDay(),
        engine.settings().beliefRate());
    this.observations = engine.planScratch();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PlanStep.class, this::onPlanStep)
        .onMessage(ObservePrice.class, this::onObservePrice)
        .onMessage(BeliefRequest.class, this::onBeliefRequest)
        .build();
  }

  private Behavior<Command> onPlanStep(PlanStep m) {
    long t0 = System.nanoTime();
    if (m.policyOrNull() != null) {
      policy = LearnedPolicy.of(m.policyOrNull());
    }
    String error = observeError != null ? observeError
        : policy == null ? "step " + m.step() + ": " + name + " has no policy to plan with"
        : m.step() != stepsDone ? "step " + m.step() + ": " + name + " expected step " + stepsDone : null;
    if (error != null) {
      m.replyTo().tell(new PlanFailed(m.step(), error));
      return this;
    }
    int hour = engine.time(m.step()).hour();
    ActionPlan plan = engine.plan(aggregator, hour, belief, m.tariff(), m.busMeanSoc(), policy, observations);
    m.replyTo().tell(new Planned(m.step(), aggregator, plan, System.nanoTime() - t0 + beliefNanos));
    beliefNanos = 0;
    return this;
  }

  private Behavior<Command> onObservePrice(ObservePrice m) {
    long t0 = System.nanoTime();
    if (m.step() != stepsDone) {
      observeError = "step " + m.step() + ": " + name + " was told the price of step " + m.step() + " after "
          + stepsDone + " steps";
      return this;
    }
    StepTime time = engine.time(m.step());
    engine.observe(belief, aggregator, time, m.lmpUsdPerMwh());
    stepsDone = m.step() + 1;
    beliefNanos = System.nanoTime() - t0;
    return this;
  }

  private Behavior<Command> onBeliefRequest(BeliefRequest m) {
    m.replyTo().tell(m.stepsDone() != stepsDone
        ? new BeliefRefused(name + " has played " + stepsDone + " steps, the snapshot asks for " + m.stepsDone())
        : new BeliefSnapshot(aggregator, belief.row(aggregator)));
    return this;
  }
}
