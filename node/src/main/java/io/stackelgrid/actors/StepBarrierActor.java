package io.stackelgrid.actors;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.actors.AggregatorActor.BeliefReply;
import io.stackelgrid.actors.AggregatorActor.BeliefRequest;
import io.stackelgrid.actors.AggregatorActor.BeliefSnapshot;
import io.stackelgrid.actors.AggregatorActor.ObservePrice;
import io.stackelgrid.actors.AggregatorActor.PlanFailed;
import io.stackelgrid.actors.AggregatorActor.PlanReply;
import io.stackelgrid.actors.AggregatorActor.PlanStep;
import io.stackelgrid.actors.AggregatorActor.Planned;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldReply;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveFailed;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveHouseholds;
import io.stackelgrid.actors.MeanFieldTrackerActor.MoveReply;
import io.stackelgrid.actors.MeanFieldTrackerActor.Moved;
import io.stackelgrid.actors.SystemOperatorActor.ClearFailed;
import io.stackelgrid.actors.SystemOperatorActor.ClearLoads;
import io.stackelgrid.actors.SystemOperatorActor.Cleared;
import io.stackelgrid.actors.SystemOperatorActor.LoadsReply;
import io.stackelgrid.actors.UtilityActor.BillFailed;
import io.stackelgrid.actors.UtilityActor.BillReply;
import io.stackelgrid.actors.UtilityActor.BillStep;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.StepTime;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.SlackEvent;
import io.stackelgrid.world.StepEngine;
import io.stackelgrid.world.StepRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The step barrier of one world (ARCHITECTURE.md "One simulated step"): on {@link PlayStep} it plays
 * {@link StepEngine}'s phases through the actors that own them, one after another: every aggregator
 * plans, the tracker moves the households, the operator clears the loads, the utility bills and every
 * aggregator observes its price; then the next step, and one answer for the batch ({@link StepsPlayed},
 * or {@link StepsFailed} at the first error any actor answers). On {@link TakeSnapshot} it gathers the
 * tracker's μ_F and the aggregators' beliefs. The world's actors are fixed when it is spawned; each
 * answers with its own reply type, adapted here. One request at a time.
 */
public final class StepBarrierActor extends AbstractBehavior<StepBarrierActor.Command> {

  /** What the barrier receives: requests from the coordinator's side, and its actors' adapted answers. */
  public sealed interface Command extends WireMessage permits PlayStep, TakeSnapshot, FromAggregator, FromTracker,
      FromOperator, FromUtility, FieldPart, BeliefPart {}

  /**
   * Play {@code steps} steps from {@code step} at {@code tariff}; aggregators (by index) in
   * {@code newPolicies} act with that policy from the first; the last step closes the period if
   * {@code lastClosesPeriod}.
   *
   * @param busMeanSoc each bus's prosumers' mean SoC before the first step
   */
  public record PlayStep(long step, Tariff tariff, double[] busMeanSoc, boolean lastClosesPeriod,
      Map<Integer, PolicyParams> newPolicies, int steps, ActorRef<StepsReply> replyTo) implements Command {
    public PlayStep {
      busMeanSoc = busMeanSoc.clone();
      newPolicies = Map.copyOf(newPolicies);
    }
  }

  /** The answer to a {@link PlayStep}. */
  public sealed interface StepsReply extends WireMessage permits StepsPlayed, StepsFailed {}

  /** Every step asked for, in order. */
  public record StepsPlayed(List<StepPlayed> played) implements StepsReply {}

  /** The steps played before the one that failed, and the first error answered. */
  public record StepsFailed(List<StepPlayed> played, String error) implements StepsReply {}

  /**
   * One step through the barrier: its record, the utility's period record if one closed, what the
   * clearing shed, spilt and curtailed, and where its time went.
   */
  public record StepPlayed(StepRecord record, PeriodRecord periodOrNull, List<SlackEvent> slackEvents,
      double curtailedMwh, List<ActorTiming> timings) {}

  /** Time {@code actor} spent in domain code during one step. */
  public record ActorTiming(String actor, long domainNanos) {}

  /** Gather the world's state after {@code stepsDone} steps; answer {@code replyTo}. */
  public record TakeSnapshot(long stepsDone, ActorRef<SnapshotReply> replyTo) implements Command {}

  /** The answer to a {@link TakeSnapshot}. */
  public sealed interface SnapshotReply extends WireMessage permits WorldSnapshot, SnapshotRefused {}

  /** The tracker's μ_F and the aggregators' beliefs, by aggregator. */
  public record WorldSnapshot(FieldSnapshot field, List<BeliefSnapshot> beliefs) implements SnapshotReply {}

  /** An actor refused the snapshot (it has played another number of steps). */
  public record SnapshotRefused(String why) implements SnapshotReply {}

  private record FromAggregator(PlanReply reply) implements Command, NoSerializationVerificationNeeded {}

  private record FromTracker(MoveReply reply) implements Command, NoSerializationVerificationNeeded {}

  private record FromOperator(LoadsReply reply) implements Command, NoSerializationVerificationNeeded {}

  private record FromUtility(BillReply reply) implements Command, NoSerializationVerificationNeeded {}

  private record FieldPart(FieldReply reply) implements Command, NoSerializationVerificationNeeded {}

  private record BeliefPart(BeliefReply reply) implements Command, NoSerializationVerificationNeeded {}

  private final StepEngine engine;
  private final List<ActorRef<AggregatorActor.Command>> aggregators;
  private final ActorRef<MeanFieldTrackerActor.Command> tracker;
  private final ActorRef<SystemOperatorActor.Command> operator;
  private final ActorRef<UtilityActor.Command> utility;
  private final ActorRef<PlanReply> planReplies;
  private final ActorRef<MoveReply> moveReplies;
  private final ActorRef<LoadsReply> clearReplies;
  private final ActorRef<BillReply> billReplies;
  private final ActorRef<FieldReply> fieldReplies;
  private final ActorRef<BeliefReply> beliefReplies;
  private final String[] planTimings;
  private PlayStep request;
  private int remaining;
  private List<StepPlayed> played;
  private long step = -1;
  private StepTime time;
  private ActionPlan[] plans;
  private long[] planNanos;
  private int plansIn;
  private Moved moved;
  private Cleared cleared;
  private boolean answered = true;
  private TakeSnapshot snapshotRequest;
  private FieldSnapshot field;
  private BeliefSnapshot[] beliefs;
  private int snapshotParts;
  private String refused;

  /** A world's barrier over its actors (aggregators in the scenario's table order). */
  public static Behavior<Command> create(StepEngine engine, List<ActorRef<AggregatorActor.Command>> aggregators,
      ActorRef<MeanFieldTrackerActor.Command> tracker, ActorRef<SystemOperatorActor.Command> operator,
      ActorRef<UtilityActor.Command> utility) {
    return Behaviors.setup(ctx -> new StepBarrierActor(ctx, engine, aggregators, tracker, operator, utility));
  }

  private StepBarrierActor(ActorContext<Command> ctx, StepEngine engine, List<ActorRef<AggregatorActor.Command>> aggregators,
      ActorRef<MeanFieldTrackerActor.Command> tracker, ActorRef<SystemOperatorActor.Command> operator,
      ActorRef<UtilityActor.Command> utility) {
    super(ctx);
    this.engine = engine;
    this.aggregators = List.copyOf(aggregators);
    this.tracker = tracker;
    this.operator = operator;
    this.utility = utility;
    this.planReplies = ctx.messageAdapter(PlanReply.class, FromAggregator::new);
    this.moveReplies = ctx.messageAdapter(MoveReply.class, FromTracker::new);
    this.clearReplies = ctx.messageAdapter(LoadsReply.class, FromOperator::new);
    this.billReplies = ctx.messageAdapter(BillReply.class, FromUtility::new);
    this.fieldReplies = ctx.messageAdapter(FieldReply.class, FieldPart::new);
    this.beliefReplies = ctx.messageAdapter(BeliefReply.class, BeliefPart::new);
    this.planTimings = new String[this.aggregators.size()];
    for (int a = 0; a < planTimings.length; a++) {
      planTimings[a] = "aggregator " + engine.layout().aggregator(a).id() + " plan";
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PlayStep.class, this::onPlayStep)
        .onMessage(FromAggregator.class, this::onPlanReply)
        .onMessage(FromTracker.class, this::onMoveReply)
        .onMessage(FromOperator.class, this::onClearReply)
        .onMessage(FromUtility.class, this::onBillReply)
        .onMessage(TakeSnapshot.class, this::onTakeSnapshot)
        .onMessage(FieldPart.class, this::onFieldPart)
        .onMessage(BeliefPart.class, this::onBeliefPart)
        .build();
  }

  private Behavior<Command> onPlayStep(PlayStep m) {
    request = m;
    remaining = Math.max(1, m.steps());
    played = new ArrayList<>(remaining);
    startStep(m.step(), m.busMeanSoc(), true);
    return this;
  }

  /** Phase 1 of step {@code t}: every aggregator plans (with its new policy if {@code first}). */
  private void startStep(long t, double[] busMeanSoc, boolean first) {
    step = t;
    time = engine.time(t);
    answered = false;
    plans = new ActionPlan[aggregators.size()];
    planNanos = new long[aggregators.size()];
    plansIn = 0;
    moved = null;
    cleared = null;
    for (int a = 0; a < aggregators.size(); a++) {
      PolicyParams policy = first ? request.newPolicies().get(a) : null;
      double soc = busMeanSoc[engine.layout().aggregatorBus(a)];
      aggregators.get(a).tell(new PlanStep(t, request.tariff(), soc, policy, planReplies));
    }
  }

  private Behavior<Command> onPlanReply(FromAggregator w) {
    if (w.reply() instanceof PlanFailed f) {
      return fail(f.step(), f.error());
    }
    Planned p = (Planned) w.reply();
    if (answered || p.step() != step) {
      return this;
    }
    if (plans[p.aggregator()] != null) {
      return fail(p.step(), "step " + p.step() + ": a second plan of aggregator "
          + engine.layout().aggregator(p.aggregator()).id());
    }
    plans[p.aggregator()] = p.plan();
    planNanos[p.aggregator()] = p.domainNanos();
    if (++plansIn == plans.length) {
      tracker.tell(new MoveHouseholds(step, Arrays.asList(plans), moveReplies));
    }
    return this;
  }

  private Behavior<Command> onMoveReply(FromTracker w) {
    if (w.reply() instanceof MoveFailed f) {
      return fail(f.step(), f.error());
    }
    Moved m = (Moved) w.reply();
    if (!answered && m.step() == step) {
      moved = m;
      operator.tell(new ClearLoads(step, m.moved().loads().loadMwh(), clearReplies));
    }
    return this;
  }

  private Behavior<Command> onClearReply(FromOperator w) {
    if (w.reply() instanceof ClearFailed f) {
      return fail(f.step(), f.error());
    }
    Cleared c = (Cleared) w.reply();
    if (!answered && c.step() == step) {
      cleared = c;
      double[] lmp = c.clearing().lmpUsdPerMwh();
      utility.tell(new BillStep(step, moved.moved().flows(), lmp, request.tariff(),
          request.lastClosesPeriod() && remaining == 1, billReplies));
      for (int a = 0; a < aggregators.size(); a++) {
        aggregators.get(a).tell(new ObservePrice(step, engine.priceAt(a, lmp)));
      }
    }
    return this;
  }

  /** Billed: the step is through; the next one, or the answer. */
  private Behavior<Command> onBillReply(FromUtility w) {
    if (w.reply() instanceof BillFailed f) {
      return fail(f.step(), f.error());
    }
    Billed b = (Billed) w.reply();
    if (answered || b.step() != step) {
      return this;
    }
    answered = true;
    StepEngine.Clearing c = cleared.clearing();
    StepRecord record = engine.record(time, moved.moved(), c);
    played.add(new StepPlayed(record, b.periodOrNull(), c.slackEvents(), c.curtailedMwh(), timings(b)));
    if (--remaining > 0) {
      startStep(step + 1, record.meanSoc(), false);
    } else {
      request.replyTo().tell(new StepsPlayed(List.copyOf(played)));
    }
    return this;
  }

  private Behavior<Command> fail(long failedStep, String error) {
    if (!answered && failedStep == step) {
      answered = true;
      request.replyTo().tell(new StepsFailed(List.copyOf(played), error));
    }
    return this;
  }

  /** The planning, Γ, clearing and billing times of the step. */
  private List<ActorTiming> timings(Billed b) {
    List<ActorTiming> out = new ArrayList<>(planNanos.length + 3);
    for (int a = 0; a < planNanos.length; a++) {
      out.add(new ActorTiming(planTimings[a], planNanos[a]));
    }
    out.add(new ActorTiming("tracker", moved.domainNanos()));
    out.add(new ActorTiming("operator", cleared.domainNanos()));
    out.add(new ActorTiming("utility", b.domainNanos()));
    return out;
  }

  private Behavior<Command> onTakeSnapshot(TakeSnapshot m) {
    snapshotRequest = m;
    field = null;
    beliefs = new BeliefSnapshot[aggregators.size()];
    snapshotParts = 0;
    refused = null;
    tracker.tell(new FieldRequest(m.stepsDone(), fieldReplies));
    for (ActorRef<AggregatorActor.Command> a : aggregators) {
      a.tell(new BeliefRequest(m.stepsDone(), beliefReplies));
    }
    return this;
  }

  private Behavior<Command> onFieldPart(FieldPart w) {
    if (w.reply() instanceof FieldSnapshot f) {
      field = f;
    } else {
      refuse(((MeanFieldTrackerActor.FieldRefused) w.reply()).why());
    }
    return snapshotPart();
  }

  private Behavior<Command> onBeliefPart(BeliefPart w) {
    if (w.reply() instanceof BeliefSnapshot b) {
      beliefs[b.aggregator()] = b;
    } else {
      refuse(((AggregatorActor.BeliefRefused) w.reply()).why());
    }
    return snapshotPart();
  }

  private void refuse(String why) {
    if (refused == null) {
      refused = why;
    }
  }

  private Behavior<Command> snapshotPart() {
    if (++snapshotParts == aggregators.size() + 1) {
      snapshotRequest.replyTo().tell(refused != null ? new SnapshotRefused(refused)
          : new WorldSnapshot(field, List.of(beliefs)));
    }
    return this;
  }
}
