package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.actors.AggregatorActor.BeliefRequest;
import io.stackelgrid.actors.AggregatorActor.BeliefSnapshot;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldRequest;
import io.stackelgrid.actors.MeanFieldTrackerActor.FieldSnapshot;
import io.stackelgrid.actors.StepProtocol.Cleared;
import io.stackelgrid.actors.StepProtocol.Routing;
import io.stackelgrid.actors.StepProtocol.StepFailed;
import io.stackelgrid.actors.StepProtocol.StepStart;
import io.stackelgrid.actors.UtilityActor.Billed;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.wire.WireMessage;
import io.stackelgrid.world.PeriodRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The step barrier of one world (ARCHITECTURE.md "One simulated step"): on {@link PlayStep} it sends
 * {@link StepStart} to the utility and every aggregator, then waits for the operator's
 * {@link Cleared} and the utility's {@link Billed} before the next step; the steps of a PlayStep play
 * back to back (each next start from the last Cleared's mean SoC) and are answered once,
 * {@link StepsPlayed}, or {@link StepsFailed} at the first error any actor reports. On
 * {@link TakeSnapshot} it gathers the tracker's μ_F and the aggregators' beliefs into a
 * {@link WorldSnapshot}. One request at a time: the coordinator waits for each answer.
 *
 * <p>It is an actor of the world, not the coordinator's, because the coordinator's thread blocks
 * while learners train and while it waits; this mailbox is where a step's messages meet.
 */
public final class StepBarrierActor extends AbstractBehavior<StepBarrierActor.Command> {

  /** What the barrier receives: requests from the coordinator's side, answers from the world's actors. */
  public sealed interface Command extends WireMessage permits PlayStep, TakeSnapshot, Cleared, Billed, StepFailed,
      FieldSnapshot, BeliefSnapshot, SnapshotRefused {}

  /**
   * Play {@code steps} steps from {@code step} at {@code tariff}; aggregators whose bus is in
   * {@code newPolicies} act with that policy from the first; the last step closes the period if
   * {@code lastClosesPeriod}.
   *
   * @param busMeanSoc each bus's prosumers' mean SoC before the first step
   */
  public record PlayStep(long step, Tariff tariff, double[] busMeanSoc, boolean lastClosesPeriod,
      Map<Integer, PolicyParams> newPolicies, int steps, ActorRef<StepsReply> replyTo) implements Command {}

  /** The answer to a {@link PlayStep}. */
  public sealed interface StepsReply extends WireMessage permits StepsPlayed, StepsFailed {}

  /** Every step asked for, in order. */
  public record StepsPlayed(List<StepPlayed> played) implements StepsReply {}

  /** The steps played before the one that failed, and the first error reported. */
  public record StepsFailed(List<StepPlayed> played, String error) implements StepsReply {}

  /** One step through the barrier: its Cleared, the utility's period record if one closed, timings. */
  public record StepPlayed(Cleared cleared, PeriodRecord periodOrNull, List<ActorTiming> timings) {}

  /** Time {@code actor} spent in domain code during one step. */
  public record ActorTiming(String actor, long domainNanos) {}

  /** Gather the world's state after {@code stepsDone} steps; answer {@code replyTo}. */
  public record TakeSnapshot(long stepsDone, ActorRef<SnapshotReply> replyTo) implements Command {}

  /** The answer to a {@link TakeSnapshot}. */
  public sealed interface SnapshotReply extends WireMessage permits WorldSnapshot, SnapshotRefused {}

  /** The tracker's μ_F and the aggregators' beliefs, by bus. */
  public record WorldSnapshot(FieldSnapshot field, List<BeliefSnapshot> beliefs) implements SnapshotReply {}

  /** An actor refused the snapshot (it has played another number of steps). */
  public record SnapshotRefused(String why) implements Command, SnapshotReply {}

  private final List<ActorRef<AggregatorActor.Command>> aggregators;
  private final ActorRef<UtilityActor.Command> utility;
  private final ActorRef<MeanFieldTrackerActor.Command> tracker;
  private final Routing routing;
  /** The timing names of the aggregators' plans, by bus. */
  private final String[] planTimings;
  private PlayStep request;
  private long step = -1;
  private int remaining;
  private List<StepPlayed> played;
  private Cleared cleared;
  private Billed billed;
  private boolean answered = true;
  private TakeSnapshot snapshotRequest;
  private FieldSnapshot field;
  private BeliefSnapshot[] beliefs;
  private int snapshotParts;
  private String refused;

  public static Behavior<Command> create(List<ActorRef<AggregatorActor.Command>> aggregators,
      ActorRef<UtilityActor.Command> utility, ActorRef<MeanFieldTrackerActor.Command> tracker) {
    return Behaviors.setup(ctx -> new StepBarrierActor(ctx, aggregators, utility, tracker));
  }

  private StepBarrierActor(ActorContext<Command> ctx, List<ActorRef<AggregatorActor.Command>> aggregators,
      ActorRef<UtilityActor.Command> utility, ActorRef<MeanFieldTrackerActor.Command> tracker) {
    super(ctx);
    this.aggregators = List.copyOf(aggregators);
    this.utility = utility;
    this.tracker = tracker;
    this.routing = new Routing(ctx.getSelf(), utility, this.aggregators);
    this.planTimings = new String[this.aggregators.size()];
    for (int n = 0; n < planTimings.length; n++) {
      planTimings[n] = "aggregator-" + n + "-plan";
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PlayStep.class, this::onPlayStep)
        .onMessage(Cleared.class, this::onCleared)
        .onMessage(Billed.class, this::onBilled)
        .onMessage(StepFailed.class, this::onStepFailed)
        .onMessage(TakeSnapshot.class, this::onTakeSnapshot)
        .onMessage(FieldSnapshot.class, this::onFieldSnapshot)
        .onMessage(BeliefSnapshot.class, this::onBeliefSnapshot)
        .onMessage(SnapshotRefused.class, this::onSnapshotRefused)
        .build();
  }

  private Behavior<Command> onPlayStep(PlayStep m) {
    request = m;
    remaining = Math.max(1, m.steps());
    played = new ArrayList<>(remaining);
    startStep(m.step(), m.busMeanSoc(), true);
    return this;
  }

  /**
   * Sends the start of step {@code t} (the request's tariff; the period closes after its last step
   * only) to the utility and every aggregator, with the new policies if {@code first}.
   */
  private void startStep(long t, double[] busMeanSoc, boolean first) {
    step = t;
    cleared = null;
    billed = null;
    answered = false;
    StepStart start = new StepStart(t, request.tariff(), busMeanSoc, null,
        request.lastClosesPeriod() && remaining == 1, routing);
    // The utility first: it must know the tariff in force before the step's Cleared reaches it.
    utility.tell(start);
    for (int n = 0; n < aggregators.size(); n++) {
      PolicyParams policy = first ? request.newPolicies().get(n) : null;
      aggregators.get(n).tell(policy == null ? start : start.withPolicy(policy));
    }
  }

  private Behavior<Command> onCleared(Cleared m) {
    if (!answered && m.step() == step) {
      cleared = m;
      maybeNext();
    }
    return this;
  }

  private Behavior<Command> onBilled(Billed m) {
    if (!answered && m.step() == step) {
      billed = m;
      maybeNext();
    }
    return this;
  }

  private Behavior<Command> onStepFailed(StepFailed m) {
    if (!answered && m.step() == step) {
      answered = true;
      request.replyTo().tell(new StepsFailed(List.copyOf(played), m.error()));
    }
    return this;
  }

  /** The step is through once it is cleared and billed: the next one, or the answer. */
  private void maybeNext() {
    if (cleared == null || billed == null) {
      return;
    }
    answered = true;
    played.add(new StepPlayed(cleared, billed.periodOrNull(), timings(cleared, billed)));
    if (--remaining > 0) {
      startStep(step + 1, cleared.demand().busMeanSoc(), false);
    } else {
      request.replyTo().tell(new StepsPlayed(List.copyOf(played)));
    }
  }

  /** The planning and Γ times that ride on the cleared demand, the operator's and the utility's own. */
  private List<ActorTiming> timings(Cleared c, Billed b) {
    long[] plans = c.demand().planNanos();
    List<ActorTiming> out = new ArrayList<>(plans.length + 3);
    for (int n = 0; n < plans.length; n++) {
      out.add(new ActorTiming(planTimings[n], plans[n]));
    }
    out.add(new ActorTiming("tracker", c.demand().domainNanos()));
    out.add(new ActorTiming("operator", c.domainNanos()));
    out.add(new ActorTiming("utility", b.domainNanos()));
    return out;
  }

  private Behavior<Command> onTakeSnapshot(TakeSnapshot m) {
    snapshotRequest = m;
    field = null;
    beliefs = new BeliefSnapshot[aggregators.size()];
    snapshotParts = 0;
    refused = null;
    tracker.tell(new FieldRequest(m.stepsDone(), getContext().getSelf()));
    for (ActorRef<AggregatorActor.Command> a : aggregators) {
      a.tell(new BeliefRequest(m.stepsDone(), getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onFieldSnapshot(FieldSnapshot m) {
    field = m;
    return snapshotPart();
  }

  private Behavior<Command> onBeliefSnapshot(BeliefSnapshot m) {
    beliefs[m.bus()] = m;
    return snapshotPart();
  }

  private Behavior<Command> onSnapshotRefused(SnapshotRefused m) {
    if (refused == null) {
      refused = m.why();
    }
    return snapshotPart();
  }

  private Behavior<Command> snapshotPart() {
    if (++snapshotParts == aggregators.size() + 1) {
      snapshotRequest.replyTo().tell(refused != null ? new SnapshotRefused(refused)
          : new WorldSnapshot(field, List.of(beliefs)));
    }
    return this;
  }
}
