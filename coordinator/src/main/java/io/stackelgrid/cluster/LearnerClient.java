package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import com.google.protobuf.Message;
import io.stackelgrid.proto.RemoteTrainFollower;
import io.stackelgrid.proto.RemoteTrainLeader;
import io.stackelgrid.proto.RemoteTrainReply;
import io.stackelgrid.proto.SchemaVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The coordinator's side of remote learners: sends each best-response request to the learner host
 * its bus is placed on (hosts in address order, bus modulo their number; the leader as a bus after
 * the last) and completes the caller's
 * future with the first reply. A request whose host leaves, becomes unreachable or does not answer
 * within {@code attemptTimeout} is sent again, from the same warm state, to another host; requests
 * wait while no host is known. A late reply to a request already answered is ignored.
 */
public final class LearnerClient {
  /** Local messages; RemoteTrainReply comes over the wire. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /**
   * Train {@code request} (a RemoteTrainFollower or RemoteTrainLeader; its id, attempt and reply_to
   * are set here) and complete {@code reply}.
   */
  public record Train(Message request, CompletableFuture<RemoteTrainReply> reply) implements Command {
    public Train {
      if (!(request instanceof RemoteTrainFollower) && !(request instanceof RemoteTrainLeader)) {
        throw new IllegalArgumentException("not a best-response request: " + request.getClass().getName());
      }
    }
  }

  private record HostsListed(Receptionist.Listing listing) implements Command {}

  private record MembershipChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private record AttemptTimedOut(long requestId, int attempt) implements Command {}

  private enum NoHostYet implements Command { INSTANCE }

  private static final String NO_HOST = "no-host-warning";
  // Joining takes seconds: only a wait beyond that is worth a warning.
  private static final Duration NO_HOST_WARNING_AFTER = Duration.ofSeconds(20);

  private static final class Pending {
    Message request;
    final CompletableFuture<RemoteTrainReply> reply;
    String hostAddress;

    Pending(Message request, CompletableFuture<RemoteTrainReply> reply) {
      this.request = request;
      this.reply = reply;
    }
  }

  private final ActorContext<Object> ctx;
  private final TimerScheduler<Object> timers;
  private final Duration attemptTimeout;
  private final String selfRef;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private final Set<String> gone = new HashSet<>();
  private List<ActorRef<Message>> hosts = List.of();
  private long nextId;
  private int resent;

  private LearnerClient(ActorContext<Object> ctx, TimerScheduler<Object> timers, Duration attemptTimeout) {
    this.ctx = ctx;
    this.timers = timers;
    this.attemptTimeout = attemptTimeout;
    this.selfRef = ActorRefResolver.get(ctx.getSystem()).toSerializationFormat(ctx.getSelf());
  }

  /** A client that finds hosts through the Receptionist and watches the cluster for lost members. */
  public static Behavior<Object> create(Duration attemptTimeout) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, HostsListed::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(LearnerHost.KEY, listings));
      ActorRef<ClusterEvent.ClusterDomainEvent> events =
          ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class, MembershipChanged::new);
      MemberLoss.subscribe(ctx.getSystem(), events);
      return new LearnerClient(ctx, timers, attemptTimeout).behavior();
    }));
  }

  private Behavior<Object> behavior() {
    return Behaviors.receive(Object.class)
        .onMessage(Train.class, this::onTrain)
        .onMessage(RemoteTrainReply.class, this::onReply)
        .onMessage(HostsListed.class, this::onListing)
        .onMessage(MembershipChanged.class, this::onMembership)
        .onMessage(AttemptTimedOut.class, this::onTimeout)
        .onMessage(NoHostYet.class, m -> {
          if (hosts.isEmpty() && !pending.isEmpty()) {
            ctx.getLog().warn("no learner host in the cluster after {}: {} best response(s) wait for a member of "
                + "role worker (stackelgrid node --config worker.conf)", NO_HOST_WARNING_AFTER, pending.size());
          }
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Object> onTrain(Train t) {
    long id = nextId++;
    Pending p = new Pending(stamped(t.request(), id, 0), t.reply());
    pending.put(id, p);
    send(p);
    return Behaviors.same();
  }

  private Behavior<Object> onReply(RemoteTrainReply r) {
    Pending p = pending.remove(r.getRequestId());
    if (p == null) {
      ctx.getLog().info("late reply to request {} from {} ignored: already answered", r.getRequestId(), r.getHost());
      return Behaviors.same();
    }
    timers.cancel(r.getRequestId());
    p.reply.complete(r);
    return Behaviors.same();
  }

  private Behavior<Object> onListing(HostsListed l) {
    List<ActorRef<Message>> now = new ArrayList<>();
    for (ActorRef<Message> h : l.listing().getServiceInstances(LearnerHost.KEY)) {
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

  private Behavior<Object> onMembership(MembershipChanged m) {
    ClusterEvent.ClusterDomainEvent e = m.event();
    Address lost = e instanceof ClusterEvent.UnreachableMember u ? u.member().address()
        : e instanceof ClusterEvent.MemberLeft left ? left.member().address()
        : e instanceof ClusterEvent.MemberExited x ? x.member().address()
        : e instanceof ClusterEvent.MemberRemoved r ? r.member().address()
        : null;
    if (lost == null || !gone.add(lost.toString())) {
      return Behaviors.same();
    }
    String key = lost.toString();
    hosts = hosts.stream().filter(h -> !addressOf(h).equals(key)).toList();
    for (Pending p : List.copyOf(pending.values())) {
      if (key.equals(p.hostAddress)) {
        retry(p, "member " + key + " lost (" + e.getClass().getSimpleName() + ")");
      }
    }
    return Behaviors.same();
  }

  private Behavior<Object> onTimeout(AttemptTimedOut t) {
    Pending p = pending.get(t.requestId());
    if (p != null && attempt(p.request) == t.attempt()) {
      retry(p, "no answer from " + p.hostAddress + " within " + attemptTimeout);
    }
    return Behaviors.same();
  }

  /** Sends the request again, from the same warm state, to the host its attempt number now picks. */
  private void retry(Pending p, String why) {
    if (p.hostAddress != null) {
      resent++;
      ctx.getLog().warn("{}: {}; re-sent from its last good state (re-send {})", describe(p.request), why, resent);
      p.request = stamped(p.request, requestId(p.request), attempt(p.request) + 1);
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
    Message r = p.request;
    ActorRef<Message> host = hosts.get((int) ((placementKey(r) + (long) attempt(r)) % hosts.size()));
    p.hostAddress = addressOf(host);
    host.tell(r);
    timers.startSingleTimer(requestId(r), new AttemptTimedOut(requestId(r), attempt(r)), attemptTimeout);
  }

  /** The request with its id, attempt number and this client as the reply address. */
  private Message stamped(Message request, long id, int attempt) {
    if (request instanceof RemoteTrainLeader l) {
      return l.toBuilder().setSchemaVersion(SchemaVersions.CURRENT).setRequestId(id).setAttempt(attempt)
          .setReplyTo(selfRef).build();
    }
    return ((RemoteTrainFollower) request).toBuilder().setSchemaVersion(SchemaVersions.CURRENT).setRequestId(id)
        .setAttempt(attempt).setReplyTo(selfRef).build();
  }

  private static long requestId(Message r) {
    return r instanceof RemoteTrainLeader l ? l.getRequestId() : ((RemoteTrainFollower) r).getRequestId();
  }

  private static int attempt(Message r) {
    return r instanceof RemoteTrainLeader l ? l.getAttempt() : ((RemoteTrainFollower) r).getAttempt();
  }

  /** The bus a follower's learner is placed by; the leader's counts as the bus after the last. */
  private static long placementKey(Message r) {
    return r instanceof RemoteTrainLeader l ? l.getWorld().getFollowersCount()
        : ((RemoteTrainFollower) r).getProblem().getBus();
  }

  private static String describe(Message r) {
    if (r instanceof RemoteTrainLeader l) {
      return "leader's learner (seed " + l.getSeed() + ", period " + l.getPeriod() + ")";
    }
    RemoteTrainFollower f = (RemoteTrainFollower) r;
    return "learner of bus " + f.getProblem().getBus() + " (seed " + f.getSeed() + ", period " + f.getPeriod() + ")";
  }

  /** The member address a host lives at (this member's own for a local ref). */
  private String addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return (a.hasLocalScope() ? Cluster.get(ctx.getSystem()).selfMember().address() : a).toString();
  }
}
