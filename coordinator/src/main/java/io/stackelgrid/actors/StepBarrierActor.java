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
import io.stackelgrid.proto.StepRouting;
import io.stackelgrid.proto.StepStart;
import io.stackelgrid.proto.WorldSnapshot;
import java.util.List;

/**
 * The coordinator's step barrier for one world (ARCHITECTURE.md "One simulated step"): on
 * {@link PlayStep} it sends {@link StepStart} to the utility and every aggregator, then waits for the
 * operator's {@link Cleared} and a {@link StepAck} from the utility and each aggregator before it
 * answers {@link StepPlayed}; the first error any actor reports answers at once. On
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
  private long step = -1;
  private String replyTo;
  private StepPlayed.Builder played;
  private int acks;
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
    StepRouting.Builder r = StepRouting.newBuilder().setBarrier(self).addClearedTo(self)
        .addClearedTo(addresses.of(utility));
    for (ActorRef<Message> a : this.aggregators) {
      r.addClearedTo(addresses.of(a));
    }
    this.routing = r.build();
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
    StepStart start = m.getStart();
    step = start.getStep();
    replyTo = m.getReplyTo();
    played = StepPlayed.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step);
    acks = 0;
    cleared = false;
    answered = false;
    StepStart routed = start.toBuilder().setRouting(routing).clearPolicy().build();
    // The utility first: it must know the tariff in force before the step's Cleared reaches it.
    utility.tell(routed);
    for (int n = 0; n < aggregators.size(); n++) {
      aggregators.get(n).tell(m.containsPolicies(n) ? routed.toBuilder().setPolicy(m.getPoliciesOrThrow(n)).build()
          : routed);
    }
    return this;
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
    acks++;
    if (m.hasPeriod()) {
      played.setPeriod(m.getPeriod());
    }
    played.addTimings(ActorTiming.newBuilder().setActor(m.getActor()).setDomainNanos(m.getDomainNanos()));
    return maybeAnswer();
  }

  private Behavior<Message> maybeAnswer() {
    if (cleared && acks == aggregators.size() + 1) {
      answered = true;
      addresses.<StepPlayed>get(replyTo).tell(played.build());
    }
    return this;
  }

  private Behavior<Message> fail(String error) {
    answered = true;
    addresses.<StepPlayed>get(replyTo).tell(played.clearCleared().setError(error).build());
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
      addresses.<WorldSnapshot>get(replyTo).tell(snapshot.build());
    }
    return this;
  }

  /** The planning and Γ times that ride on the cleared demand, and the operator's own. */
  private static void addTimings(StepPlayed.Builder played, Cleared c) {
    for (int n = 0; n < c.getDemand().getPlanNanosCount(); n++) {
      played.addTimings(ActorTiming.newBuilder().setActor("aggregator-" + n + "-plan")
          .setDomainNanos(c.getDemand().getPlanNanos(n)));
    }
    played.addTimings(ActorTiming.newBuilder().setActor("tracker").setDomainNanos(c.getDemand().getDomainNanos()));
    played.addTimings(ActorTiming.newBuilder().setActor("operator").setDomainNanos(c.getDomainNanos()));
  }
}
