package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import com.google.protobuf.Message;
import io.stackelgrid.proto.AwaitSweep;
import io.stackelgrid.proto.NoMoreWork;
import io.stackelgrid.proto.SweepFinished;
import io.stackelgrid.proto.SweepJob;
import io.stackelgrid.proto.SweepOffer;
import io.stackelgrid.proto.WorkRequest;
import io.stackelgrid.proto.SeedResult;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Hands a sweep's jobs to the workers that ask for them, re-queues the jobs of a worker whose
 * member leaves or becomes unreachable, and completes {@code done} with every job's result. It then
 * stays, answering {@link AwaitSweep} (asked before or after the end) until stopped: as a Cluster
 * Singleton ({@link #singleton}) every sweep process of the plan learns the outcome from it.
 */
public final class SweepCoordinator {
  /** Local messages: Receptionist listings and cluster membership events. */
  interface Command extends NoSerializationVerificationNeeded {}

  private record WorkersListed(Receptionist.Listing listing) implements Command {}

  private record MembershipChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  /** Every job's result by job id, and how many jobs were re-queued after a lost worker. */
  public record Outcome(List<SeedResult> results, int requeued) {}

  /** Schema version of sweep.proto messages. */
  static final int SCHEMA = 1;

  private final ActorContext<Object> ctx;
  private final List<SweepJob> jobs;
  private final CompletableFuture<Outcome> done;
  private final ActorRefResolver resolver;
  private final String selfRef;
  private final SweepBook book;
  private final Set<ActorRef<Message>> offered = new HashSet<>();
  // Workers that asked while the queue was empty but jobs were still out: served on a re-queue.
  private final Map<String, ActorRef<Message>> parked = new LinkedHashMap<>();
  // Members seen leaving or unreachable: their results still count, but they get no more work, so a
  // member on its way out cannot take back a job that was just re-queued.
  private final Set<String> gone = new HashSet<>();
  // The latest AwaitSweep ask of each member (they re-ask periodically; older asks have timed out).
  private final Map<String, ActorRef<Message>> awaiting = new LinkedHashMap<>();
  private SweepFinished finished;

  private SweepCoordinator(ActorContext<Object> ctx, List<SweepJob> jobs, CompletableFuture<Outcome> done) {
    this.ctx = ctx;
    // Job ids are list indices, whatever the caller put in them.
    this.jobs = java.util.stream.IntStream.range(0, jobs.size())
        .mapToObj(i -> jobs.get(i).toBuilder().setJobId(i).setSchemaVersion(SCHEMA).build()).toList();
    this.done = done;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
    this.selfRef = resolver.toSerializationFormat(ctx.getSelf());
    this.book = new SweepBook(jobs.size());
  }

  /** A coordinator of {@code jobs} (job ids are their indices). */
  public static Behavior<Object> create(List<SweepJob> jobs, CompletableFuture<Outcome> done) {
    return Behaviors.setup(ctx -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(SweepWorker.KEY, listings));
      ActorRef<ClusterEvent.ClusterDomainEvent> events =
          ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class, MembershipChanged::new);
      MemberLoss.subscribe(ctx.getSystem(), events);
      return new SweepCoordinator(ctx, jobs, done).behavior();
    });
  }

  private Behavior<Object> behavior() {
    if (jobs.isEmpty()) {
      return finish(List.of(), 0);
    }
    return Behaviors.receive(Object.class)
        .onMessage(WorkersListed.class, this::onListing)
        .onMessage(WorkRequest.class, this::onRequest)
        .onMessage(MembershipChanged.class, this::onMembership)
        .onMessage(AwaitSweep.class, this::onAwait)
        .build();
  }

  private Behavior<Object> onAwait(AwaitSweep a) {
    ActorRef<Message> to = resolver.resolveActorRef(a.getReplyTo());
    if (finished != null) {
      to.tell(finished);
    } else {
      awaiting.put(addressOf(to), to);
    }
    return Behaviors.same();
  }

  /** Completes {@code done}, tells those waiting, and from now on only answers AwaitSweep. */
  private Behavior<Object> finish(List<SeedResult> results, int requeued) {
    finished = SweepFinished.newBuilder().setSchemaVersion(SCHEMA).addAllResults(results).setRequeued(requeued)
        .setCoordinatorAddress(Cluster.get(ctx.getSystem()).selfMember().address().toString()).build();
    done.complete(new Outcome(results, requeued));
    awaiting.values().forEach(a -> a.tell(finished));
    awaiting.clear();
    return Behaviors.receive(Object.class)
        .onMessage(AwaitSweep.class, this::onAwait)
        .onMessage(WorkRequest.class, r -> {
          // A worker asking after the end (e.g. its result raced a re-queue): nothing left.
          resolver.resolveActorRef(r.getWorker()).tell(NoMoreWork.newBuilder().setSchemaVersion(SCHEMA).build());
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  /**
   * Blocks until the sweep behind {@code proxy} (a singleton proxy) is finished and returns its
   * outcome. Asks again every {@code reAskEvery}: an ask held by a coordinator whose member went
   * down is lost with it, and the instance that takes over must be asked anew.
   */
  public static SweepFinished awaitOutcome(akka.actor.typed.ActorSystem<?> system, ActorRef<Object> proxy,
      java.time.Duration reAskEvery) throws InterruptedException {
    ActorRefResolver resolver = ActorRefResolver.get(system);
    akka.cluster.typed.Cluster cluster = akka.cluster.typed.Cluster.get(system);
    // Ask in short rounds so a member that is downed or leaves stops waiting instead of asking forever.
    java.time.Duration round = reAskEvery.compareTo(java.time.Duration.ofSeconds(5)) < 0 ? reAskEvery
        : java.time.Duration.ofSeconds(5);
    boolean joined = false;
    while (true) {
      akka.cluster.MemberStatus self = cluster.selfMember().status();
      // Before it joins, a member reads its own status as Removed: only a member that was in counts as gone.
      joined |= self == akka.cluster.MemberStatus.joining() || self == akka.cluster.MemberStatus.weaklyUp()
          || self == akka.cluster.MemberStatus.up();
      boolean gone = self == akka.cluster.MemberStatus.down() || self == akka.cluster.MemberStatus.exiting()
          || self == akka.cluster.MemberStatus.removed();
      // Downing or leaving starts the member's coordinated shutdown, also when it happens between two
      // looks at the status (a member downed while still joining is never seen as joined).
      boolean shuttingDown = akka.actor.CoordinatedShutdown.get(system).getShutdownReason().isPresent();
      if ((joined && gone) || shuttingDown || system.getWhenTerminated().toCompletableFuture().isDone()) {
        throw new io.stackelgrid.common.RunFailedException("sweep: this member (" + cluster.selfMember().address()
            + ", status " + self + ") left the cluster before the sweep finished (downed by the split brain "
            + "resolver or shut down); results and checkpoints written so far stay in the output folder");
      }
      try {
        return akka.actor.typed.javadsl.AskPattern.<Object, SweepFinished>ask(proxy,
            replyTo -> AwaitSweep.newBuilder().setSchemaVersion(SCHEMA)
                .setReplyTo(resolver.toSerializationFormat(replyTo)).build(), round, system.scheduler())
            .toCompletableFuture().get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
          throw new io.stackelgrid.common.RunFailedException("sweep coordinator: " + e.getCause(), e);
        }
      }
    }
  }

  /** A singleton name for {@code jobs}: equal plans share it, different plans get different ones. */
  public static String singletonName(List<SweepJob> jobs) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (SweepJob j : jobs) {
        sha.update(j.toByteArray());
      }
      return "sweep-coordinator-" + java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The sweep of {@code jobs} as a Cluster Singleton on the members of role coordinator: every
   * member that calls this with the same {@code name} shares one running coordinator. Returns the
   * proxy to send {@link AwaitSweep} to; {@code done} completes only on the member that runs it.
   */
  public static ActorRef<Object> singleton(akka.actor.typed.ActorSystem<?> system, String name, List<SweepJob> jobs,
      CompletableFuture<Outcome> done) {
    akka.cluster.typed.ClusterSingleton singleton = akka.cluster.typed.ClusterSingleton.get(system);
    return singleton.init(akka.cluster.typed.SingletonActor.of(create(jobs, done), name).withSettings(
        akka.cluster.typed.ClusterSingletonSettings.create(system).withRole(ClusterConfig.ROLE_COORDINATOR)));
  }

  private Behavior<Object> onListing(WorkersListed l) {
    for (ActorRef<Message> w : l.listing().getServiceInstances(SweepWorker.KEY)) {
      if (!gone.contains(addressOf(w)) && offered.add(w)) {
        w.tell(SweepOffer.newBuilder().setSchemaVersion(SCHEMA).setCoordinator(selfRef).build());
      }
    }
    return Behaviors.same();
  }

  private Behavior<Object> onRequest(WorkRequest r) {
    ActorRef<Message> worker = resolver.resolveActorRef(r.getWorker());
    if (r.hasDone() && !book.complete(r.getDone())) {
      ctx.getLog().info("job {} (seed {}) already done: duplicate result ignored", r.getDone().getJobId(),
          r.getDone().getSeed());
    }
    if (book.finished()) {
      NoMoreWork end = NoMoreWork.newBuilder().setSchemaVersion(SCHEMA).build();
      worker.tell(end);
      parked.values().forEach(p -> p.tell(end));
      parked.clear();
      return finish(book.results(), book.requeued());
    }
    String at = addressOf(worker);
    if (gone.contains(at)) {
      worker.tell(NoMoreWork.newBuilder().setSchemaVersion(SCHEMA).build());
      return Behaviors.same();
    }
    parked.put(at, worker);
    serveParked();
    return Behaviors.same();
  }

  private Behavior<Object> onMembership(MembershipChanged m) {
    ClusterEvent.ClusterDomainEvent e = m.event();
    Address lost = e instanceof ClusterEvent.UnreachableMember u ? u.member().address()
        : e instanceof ClusterEvent.MemberLeft l ? l.member().address()
        : e instanceof ClusterEvent.MemberExited x ? x.member().address()
        : e instanceof ClusterEvent.MemberRemoved r ? r.member().address()
        : null;
    if (lost != null) {
      String key = lost.toString();
      gone.add(key);
      parked.remove(key);
      offered.removeIf(w -> addressOf(w).equals(key));
      int n = book.workerLost(key);
      if (n > 0) {
        ctx.getLog().warn("member {} lost ({}): {} job(s) re-queued", key, m.event().getClass().getSimpleName(), n);
        serveParked();
      }
    }
    return Behaviors.same();
  }

  /** Gives queued jobs to workers that are waiting for one. */
  private void serveParked() {
    var it = parked.entrySet().iterator();
    while (book.hasPending() && it.hasNext()) {
      var e = it.next();
      int id = book.take(e.getKey()).orElseThrow();
      e.getValue().tell(jobs.get(id));
      it.remove();
    }
  }

  /** The member address a worker lives at (this member's own for a local ref). */
  private String addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return (a.hasLocalScope() ? Cluster.get(ctx.getSystem()).selfMember().address() : a).toString();
  }
}
