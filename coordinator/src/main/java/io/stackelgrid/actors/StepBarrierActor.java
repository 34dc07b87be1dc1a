package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.proto.ActorTiming;
import io.stackelgrid.proto.BeliefSnapshot;
import io.stackelgrid.proto.Cleared;
import io.stackelgrid.proto.MeanFieldSnapshot;
import io.stackelgrid.proto.PlayStep;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.SnapshotRequest;
import io.stackelgrid.proto.StepAck;
import io.stackelgrid.proto.StepPlayed;
import io.stackelgrid.proto.StepsPlayed;
import io.stackelgrid.proto.StepRouting;
import io.stackelgrid.proto.StepStart;
import io.stackelgrid.proto.WorldSnapshot;
import java.util.List;

/**
 * The coordinator's step barrier for one world (ARCHITECTURE.md "One simulated step"): on
 * {@link PlayStep} it sends {@link StepStart} to the utility and every aggregator, then waits for the
 * operator's {@link Cleared} and the utility's {@link StepAck} before it answers {@link StepPlayed};
 * the first error any actor reports answers at once. A PlayStep of several steps plays them back to
 * back (each next start from the last Cleared's mean SoC) and answers once, {@link StepsPlayed}. On
 * {@link SnapshotRequest} it gathers the tracker's μ_F and the aggregators' beliefs into a
 * {@link WorldSnapshot}. One step or snapshot at a time: the coordinator waits for each answer.
 *
 * <p>It is a separate actor because the coordinator's own thread blocks while learners train and
 * while it waits for a step; this actor's mailbox is where the step's messages meet.
 */
public final class StepBarrierActor extends AbstractBehavior<Message> {
  private final List<ActorRef<Message>> aggregators;
  private final ActorRef<Message> utility;
  private final ActorRef<Message> tracker;
  private final Addresses addresses;
  private final String self;
  private final StepRouting routing;
  /** The timing names of the aggregators' plans, by bus. */
  private final String[] planTimings;
  private long step = -1;
  private String replyTo;
  private StepPlayed.Builder played;
  /** A batch of steps (PlayStep.steps > 1): its start, the steps still to play, what has been played. */
  private StepStart batchStart;
  private int remaining;
  private StepsPlayed.Builder batch;
  private boolean utilityDone;
  private boolean cleared;
  private boolean answered = true;
  private WorldSnapshot.Builder snapshot;
  private int snapshotParts;

  public static Behavior<Message> create(List<ActorRef<Message>> aggregators, ActorRef<Message> utility,
      ActorRef<Message> tracker) {
    return Behaviors.setup(ctx -> new StepBarrierActor(ctx, aggregators, utility, tracker));
  }

  private StepBarrierActor(ActorContext<Message> ctx, List<ActorRef<Message>> aggregators,
      ActorRef<Message> utility, ActorRef<Message> tracker) {
    super(ctx);
    this.aggregators = List.copyOf(aggregators);
    this.utility = utility;
    this.tracker = tracker;
    this.addresses = new Addresses(ctx.getSystem());
    this.self = addresses.of(ctx.getSelf());
    // The operator tells these in order, this barrier last: when its Cleared arrives here, the
    // utility's and the aggregators' are already in their mailboxes, ahead of the next step's start
    // (the aggregators fold it into their beliefs without answering).
    StepRouting.Builder r = StepRouting.newBuilder().setBarrier(self).addClearedTo(addresses.of(utility));
    for (ActorRef<Message> a : this.aggregators) {
      r.addClearedTo(addresses.of(a));
    }
    this.routing = r.addClearedTo(self).build();
    this.planTimings = new String[this.aggregators.size()];
    for (int n = 0; n < planTimings.length; n++) {
      planTimings[n] = "aggregator-" + n + "-plan";
    }
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(PlayStep.class, this::onPlayStep)
        .onMessage(Cleared.class, this::onCleared)
        .onMessage(StepAck.class, this::onAck)
        .onMessage(SnapshotRequest.class, this::onSnapshotRequest)
        .onMessage(MeanFieldSnapshot.class, this::onFieldSnapshot)
        .onMessage(BeliefSnapshot.class, this::onBeliefSnapshot)
        .build();
  }

  private Behavior<Message> onPlayStep(PlayStep m) {
    SchemaVersions.require(m.getSchemaVersion(), "PlayStep", "coordinator");
    replyTo = m.getReplyTo();
    batchStart = m.getStart();
    remaining = Math.max(1, m.getSteps());
    batch = m.getSteps() > 1 ? StepsPlayed.newBuilder().setSchemaVersion(SchemaVersions.CURRENT) : null;
    startStep(m.getStart().getStep(), m.getStart().getBusMeanSocList(), m);
    return this;
  }

  /**
   * Sends the start of step {@code t} (the batch's tariff; the period closes after the batch's last
   * step only) to the utility and every aggregator, with new policies from {@code withPolicies}.
   */
  private void startStep(long t, List<Double> busMeanSoc, PlayStep withPolicies) {
    step = t;
    played = StepPlayed.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step);
    utilityDone = false;
    cleared = false;
    answered = false;
    StepStart.Builder b = batchStart.toBuilder().setStep(t).clearBusMeanSoc().addAllBusMeanSoc(busMeanSoc)
        .setClosesPeriod(batchStart.getClosesPeriod() && remaining == 1).setRouting(routing).clearPolicy();
    StepStart routed = b.build();
    // The utility first: it must know the tariff in force before the step's Cleared reaches it.
    utility.tell(routed);
    for (int n = 0; n < aggregators.size(); n++) {
      aggregators.get(n).tell(withPolicies != null && withPolicies.containsPolicies(n)
          ? routed.toBuilder().setPolicy(withPolicies.getPoliciesOrThrow(n)).build() : routed);
    }
  }

  private Behavior<Message> onCleared(Cleared m) {
    if (answered || m.getStep() != step) {
      return this;
    }
    if (!m.getError().isEmpty()) {
      return fail(m.getError());
    }
    cleared = true;
    played.setCleared(m);
    addTimings(played, m);
    return maybeAnswer();
  }

  private Behavior<Message> onAck(StepAck m) {
    if (answered || m.getStep() != step) {
      return this;
    }
    if (!m.getError().isEmpty()) {
      return fail(m.getError());
    }
    // Only the utility acknowledges a step that went well (its bills, and the period's record).
    utilityDone = true;
    if (m.hasPeriod()) {
      played.setPeriod(m.getPeriod());
    }
    played.addTimings(ActorTiming.newBuilder().setActor(m.getActor()).setDomainNanos(m.getDomainNanos()));
    return maybeAnswer();
  }

  private Behavior<Message> maybeAnswer() {
    if (cleared && utilityDone) {
      answered = true;
      StepPlayed done = played.build();
      if (batch == null) {
        addresses.once(replyTo).tell(done);
      } else if (--remaining > 0) {
        batch.addPlayed(done);
        startStep(step + 1, done.getCleared().getDemand().getBusMeanSocList(), null);
      } else {
        addresses.once(replyTo).tell(batch.addPlayed(done).build());
      }
    }
    return this;
  }

  private Behavior<Message> fail(String error) {
    answered = true;
    StepPlayed failed = played.clearCleared().setError(error).build();
    addresses.once(replyTo).tell(batch == null ? failed : batch.addPlayed(failed).setError(error).build());
    return this;
  }

  private Behavior<Message> onSnapshotRequest(SnapshotRequest m) {
    SchemaVersions.require(m.getSchemaVersion(), "SnapshotRequest", "coordinator");
    replyTo = m.getReplyTo();
    snapshot = WorldSnapshot.newBuilder().setSchemaVersion(SchemaVersions.CURRENT);
    snapshotParts = 0;
    SnapshotRequest mine = m.toBuilder().setReplyTo(self).build();
    tracker.tell(mine);
    for (ActorRef<Message> a : aggregators) {
      a.tell(mine);
    }
    return this;
  }

  private Behavior<Message> onFieldSnapshot(MeanFieldSnapshot m) {
    snapshot.setField(m);
    return snapshotPart(m.getError());
  }

  private Behavior<Message> onBeliefSnapshot(BeliefSnapshot m) {
    snapshot.addBeliefs(m);
    return snapshotPart(m.getError());
  }

  private Behavior<Message> snapshotPart(String error) {
    if (!error.isEmpty() && snapshot.getError().isEmpty()) {
      snapshot.setError(error);
    }
    if (++snapshotParts == aggregators.size() + 1) {
      addresses.once(replyTo).tell(snapshot.build());
    }
    return this;
  }

  /** The planning and Γ times that ride on the cleared demand, and the operator's own. */
  private void addTimings(StepPlayed.Builder played, Cleared c) {
    for (int n = 0; n < c.getDemand().getPlanNanosCount(); n++) {
      played.addTimings(ActorTiming.newBuilder().setActor(planTimings[n])
          .setDomainNanos(c.getDemand().getPlanNanos(n)));
    }
    played.addTimings(ActorTiming.newBuilder().setActor("tracker").setDomainNanos(c.getDemand().getDomainNanos()));
    played.addTimings(ActorTiming.newBuilder().setActor("operator").setDomainNanos(c.getDomainNanos()));
  }
}
