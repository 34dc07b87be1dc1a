package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.wire.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's side of remote learners: sends each best-response request to the learner host its bus
 * is placed on (hosts in address order, bus modulo their number; the leader as a bus after the
 * last) and answers the asker with the first reply. A request whose host leaves, becomes
 * unreachable or does not answer within {@code attemptTimeout} is sent again, from the same warm
 * state, to another host; requests wait while no host is known. A late reply to a request already
 * answered is ignored.
 */
public final class LearnerClient {

  /** What the client receives: requests from the run, answers from hosts, its own events. */
  public sealed interface Command extends WireMessage permits Train, Answered, Refused, HostsListed,
      MembershipChanged, AttemptTimedOut, NoHostYet {}

  /**
   * Train the learner of {@code problem} on some worker (built from {@code scenario}, its
   * {@code overrides} and {@code seed}, restored from {@code warmOrNull}); answer {@code replyTo}.
   */
  public record Train(String scenario, List<String> overrides, long seed, int period, LearnerProblem problem,
      PpoCheckpoint warmOrNull, ActorRef<Result> replyTo) implements Command {}

  /** How a remote training ended. */
  public sealed interface Result extends WireMessage permits Answered, Refused {}

  /** A host trained the request: the learner's reply. */
  public record Answered(long requestId, int attempt, String host, LearnerActor.Reply reply)
      implements Command, Result {}

  /** A host could not train at all ({@code error} names host, learner, seed and period). */
  public record Refused(long requestId, int attempt, String host, String error) implements Command, Result {}

  private record HostsListed(Receptionist.Listing listing) implements Command, NoSerializationVerificationNeeded {}

  private record MembershipChanged(ClusterEvent.ClusterDomainEvent event)
      implements Command, NoSerializationVerificationNeeded {}

  private record AttemptTimedOut(long requestId, int attempt) implements Command, NoSerializationVerificationNeeded {}

  private enum NoHostYet implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private static final String NO_HOST = "no-host-warning";
  // Joining takes seconds: only a wait beyond that is worth a warning.
  private static final Duration NO_HOST_WARNING_AFTER = Duration.ofSeconds(20);

  /** A request in flight: what was asked (with its current attempt) and where it went. */
  private static final class Pending {
    LearnerHost.Train request;
    final ActorRef<Result> asker;
    String hostAddress;

    Pending(LearnerHost.Train request, ActorRef<Result> asker) {
      this.request = request;
      this.asker = asker;
    }
  }

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Duration attemptTimeout;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private final Set<String> gone = new HashSet<>();
  private List<ActorRef<LearnerHost.Command>> hosts = List.of();
  private long nextId;
  private int resent;

  private LearnerClient(ActorContext<Command> ctx, TimerScheduler<Command> timers, Duration attemptTimeout) {
    this.ctx = ctx;
    this.timers = timers;
    this.attemptTimeout = attemptTimeout;
  }

  /** A client that finds hosts through the Receptionist and watches the cluster for lost members. */
  public static Behavior<Command> create(Duration attemptTimeout) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, HostsListed::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(LearnerHost.KEY, listings));
      ActorRef<ClusterEvent.ClusterDomainEvent> events =
          ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class, MembershipChanged::new);
      MemberLoss.subscribe(ctx.getSystem(), events);
      return new LearnerClient(ctx, timers, attemptTimeout).behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Train.class, this::onTrain)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Refused.class, this::onRefused)
        .onMessage(HostsListed.class, this::onHostsListed)
        .onMessage(MembershipChanged.class, this::onMembershipChanged)
        .onMessage(AttemptTimedOut.class, this::onAttemptTimedOut)
        .onMessage(NoHostYet.class, this::onNoHostYet)
        .build();
  }

  private Behavior<Command> onTrain(Train t) {
    long id = nextId++;
    Pending p = new Pending(new LearnerHost.Train(id, 0, t.scenario(), t.overrides(), t.seed(), t.period(),
        t.problem(), t.warmOrNull(), ctx.getSelf()), t.replyTo());
    pending.put(id, p);
    send(p);
    return Behaviors.same();
  }

  private Behavior<Command> onAnswered(Answered a) {
    return answer(a.requestId(), a.host(), a);
  }

  private Behavior<Command> onRefused(Refused r) {
    return answer(r.requestId(), r.host(), r);
  }

  private Behavior<Command> answer(long requestId, String host, Result result) {
    Pending p = pending.remove(requestId);
    if (p == null) {
      ctx.getLog().info("late reply to request {} from {} ignored: already answered", requestId, host);
      return Behaviors.same();
    }
    timers.cancel(requestId);
    p.asker.tell(result);
    return Behaviors.same();
  }

  private Behavior<Command> onNoHostYet(NoHostYet m) {
    if (hosts.isEmpty() && !pending.isEmpty()) {
      ctx.getLog().warn("no learner host in the cluster after {}: {} best response(s) wait for a member of "
          + "role worker (stackelgrid node --config worker.conf)", NO_HOST_WARNING_AFTER, pending.size());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onHostsListed(HostsListed l) {
    List<ActorRef<LearnerHost.Command>> now = new ArrayList<>();
    for (ActorRef<LearnerHost.Command> h : l.listing().getServiceInstances(LearnerHost.KEY)) {
      if (!gone.contains(addressOf(h))) {
        now.add(h);
      }
    }
    // Address order: the same hosts give every bus the same placement, whatever order they joined in.
    now.sort(Comparator.comparing(this::addressOf));
    hosts = List.copyOf(now);
    Set<String> live = new HashSet<>();
    hosts.forEach(h -> live.add(addressOf(h)));
    for (Pending p : List.copyOf(pending.values())) {
      if (p.hostAddress == null || !live.contains(p.hostAddress)) {
        retry(p, p.hostAddress == null ? "no host yet" : "host " + p.hostAddress + " no longer listed");
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onMembershipChanged(MembershipChanged m) {
    Address lost = MemberLoss.lostMember(m.event());
    if (lost == null || !gone.add(lost.toString())) {
      return Behaviors.same();
    }
    String key = lost.toString();
    hosts = hosts.stream().filter(h -> !addressOf(h).equals(key)).toList();
    for (Pending p : List.copyOf(pending.values())) {
      if (key.equals(p.hostAddress)) {
        retry(p, "member " + key + " lost (" + m.event().getClass().getSimpleName() + ")");
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onAttemptTimedOut(AttemptTimedOut t) {
    Pending p = pending.get(t.requestId());
    if (p != null && p.request.attempt() == t.attempt()) {
      retry(p, "no answer from " + p.hostAddress + " within " + attemptTimeout);
    }
    return Behaviors.same();
  }

  /** Sends the request again, from the same warm state, to the host its attempt number now picks. */
  private void retry(Pending p, String why) {
    if (p.hostAddress != null) {
      resent++;
      ctx.getLog().warn("{}: {}; re-sent from its last good state (re-send {})", describe(p.request), why, resent);
      p.request = p.request.attempt(p.request.attempt() + 1, ctx.getSelf());
    }
    send(p);
  }

  private void send(Pending p) {
    if (hosts.isEmpty()) {
      p.hostAddress = null;
      if (!timers.isTimerActive(NO_HOST)) {
        timers.startSingleTimer(NO_HOST, NoHostYet.INSTANCE, NO_HOST_WARNING_AFTER);
      }
      return;
    }
    timers.cancel(NO_HOST);
    LearnerHost.Train r = p.request;
    ActorRef<LearnerHost.Command> host = hosts.get((int) ((placementKey(r.problem()) + (long) r.attempt())
        % hosts.size()));
    p.hostAddress = addressOf(host);
    host.tell(r);
    timers.startSingleTimer(r.requestId(), new AttemptTimedOut(r.requestId(), r.attempt()), attemptTimeout);
  }

  /** The aggregator a follower's learner is placed by; the leader's counts as the one after the last. */
  private static long placementKey(LearnerProblem problem) {
    return problem instanceof FollowerProblem f ? f.aggregator() : ((LeaderProblem) problem).followers().size();
  }

  private static String describe(LearnerHost.Train r) {
    String who = r.problem() instanceof FollowerProblem f ? "learner of aggregator " + f.aggregatorId() : "leader's learner";
    return who + " (seed " + r.seed() + ", period " + r.period() + ")";
  }

  /** The member address a host lives at (this member's own for a local ref). */
  private String addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return (a.hasLocalScope() ? Cluster.get(ctx.getSystem()).selfMember().address() : a).toString();
  }
}
