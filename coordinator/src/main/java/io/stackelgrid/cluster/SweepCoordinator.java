package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.CoordinatedShutdown;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.ClusterSingletonSettings;
import akka.cluster.typed.SingletonActor;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Hands a sweep's jobs to the workers that ask for them, re-queues the jobs of a worker whose
 * member leaves or becomes unreachable, and completes {@code done} with every job's result. It then
 * stays, answering {@link AwaitSweep} (asked before or after the end) until stopped: as a Cluster
 * Singleton ({@link #singleton}) every sweep process of the plan learns the outcome from it.
 */
public final class SweepCoordinator {

  /** What the sweep coordinator receives. */
  public sealed interface Command extends WireMessage permits WorkRequest, AwaitSweep, WorkersListed,
      MembershipChanged, JobProgress, StatusQuery {}

  /** A worker asks for a job; {@code doneOrNull} is the job it just finished, if any. */
  public record WorkRequest(ActorRef<SweepWorker.Command> worker, SeedResult doneOrNull) implements Command {}

  /** Tell {@code replyTo} the outcome when the sweep is done. */
  public record AwaitSweep(ActorRef<SweepFinished> replyTo) implements Command {}

  /** Every job's result (by job id), the re-queue count and the member the coordinator ran on. */
  public record SweepFinished(List<SeedResult> results, int requeued, String coordinatorAddress)
      implements WireMessage {}

  /** A worker's job has finished {@code periodsDone} periods (progress; re-sent after each period). */
  public record JobProgress(int jobId, int periodsDone) implements Command {}

  /** Tell {@code replyTo} how far the sweep is, at once. */
  public record StatusQuery(ActorRef<SweepStatus> replyTo) implements Command {}

  /**
   * How far the sweep is: the periods each job reported (by job id), the jobs done, the re-queue count,
   * and one line per worker lost so far (which seeds it re-queued), oldest first.
   */
  public record SweepStatus(List<Integer> periodsDoneByJob, List<Integer> doneJobIds, int requeued,
      List<String> events) implements WireMessage {}

  private record WorkersListed(Receptionist.Listing listing) implements Command, NoSerializationVerificationNeeded {}

  private record MembershipChanged(ClusterEvent.ClusterDomainEvent event)
      implements Command, NoSerializationVerificationNeeded {}

  /** Every job's result by job id, and how many jobs were re-queued after a lost worker. */
  public record Outcome(List<SeedResult> results, int requeued) {}

  private final ActorContext<Command> ctx;
  private final List<SweepJob> jobs;
  private final CompletableFuture<Outcome> done;
  private final SweepBook book;
  private final Set<ActorRef<SweepWorker.Command>> offered = new HashSet<>();
  // Workers that asked while the queue was empty but jobs were still out: served on a re-queue.
  private final Map<String, ActorRef<SweepWorker.Command>> parked = new LinkedHashMap<>();
  // Members seen leaving or unreachable: their results still count, but they get no more work, so a
  // member on its way out cannot take back a job that was just re-queued.
  private final Set<String> gone = new HashSet<>();
  // The latest AwaitSweep ask of each member (they re-ask periodically; older asks have timed out).
  private final Map<String, ActorRef<SweepFinished>> awaiting = new LinkedHashMap<>();
  private SweepFinished finished;
  private final int[] periodsDone;
  private final List<String> events = new ArrayList<>();

  private SweepCoordinator(ActorContext<Command> ctx, List<SweepJob> jobs, CompletableFuture<Outcome> done) {
    this.ctx = ctx;
    // Job ids are list indices, whatever the caller put in them.
    this.jobs = IntStream.range(0, jobs.size()).mapToObj(i -> jobs.get(i).withId(i)).toList();
    this.done = done;
    this.book = new SweepBook(jobs.size());
    this.periodsDone = new int[jobs.size()];
  }

  /** A coordinator of {@code jobs} (job ids are their indices). */
  public static Behavior<Command> create(List<SweepJob> jobs, CompletableFuture<Outcome> done) {
    return Behaviors.setup(ctx -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(SweepWorker.KEY, listings));
      ActorRef<ClusterEvent.ClusterDomainEvent> events =
          ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class, MembershipChanged::new);
      MemberLoss.subscribe(ctx.getSystem(), events);
      return new SweepCoordinator(ctx, jobs, done).behavior();
    });
  }

  private Behavior<Command> behavior() {
    if (jobs.isEmpty()) {
      return finish(List.of(), 0);
    }
    return Behaviors.receive(Command.class)
        .onMessage(WorkersListed.class, this::onWorkersListed)
        .onMessage(WorkRequest.class, this::onWorkRequest)
        .onMessage(MembershipChanged.class, this::onMembershipChanged)
        .onMessage(AwaitSweep.class, this::onAwaitSweep)
        .onMessage(JobProgress.class, this::onJobProgress)
        .onMessage(StatusQuery.class, this::onStatusQuery)
        .build();
  }

  private Behavior<Command> onJobProgress(JobProgress p) {
    if (p.jobId() >= 0 && p.jobId() < periodsDone.length) {
      // A re-queued job resumes from its checkpoint: never count its periods backwards.
      periodsDone[p.jobId()] = Math.max(periodsDone[p.jobId()], p.periodsDone());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStatusQuery(StatusQuery q) {
    q.replyTo().tell(status());
    return Behaviors.same();
  }

  private SweepStatus status() {
    return new SweepStatus(IntStream.of(periodsDone).boxed().toList(), book.doneIds(), book.requeued(),
        List.copyOf(events));
  }

  private Behavior<Command> onAwaitSweep(AwaitSweep a) {
    if (finished != null) {
      a.replyTo().tell(finished);
    } else {
      awaiting.put(addressOf(a.replyTo()), a.replyTo());
    }
    return Behaviors.same();
  }

  /** Completes {@code done}, tells those waiting, and from now on only answers AwaitSweep. */
  private Behavior<Command> finish(List<SeedResult> results, int requeued) {
    finished = new SweepFinished(results, requeued, Cluster.get(ctx.getSystem()).selfMember().address().toString());
    done.complete(new Outcome(results, requeued));
    awaiting.values().forEach(a -> a.tell(finished));
    awaiting.clear();
    return Behaviors.receive(Command.class)
        .onMessage(AwaitSweep.class, this::onAwaitSweep)
        .onMessage(StatusQuery.class, this::onStatusQuery)
        .onMessage(WorkRequest.class, r -> {
          // A worker asking after the end (e.g. its result raced a re-queue): nothing left.
          r.worker().tell(SweepWorker.NoMoreWork.INSTANCE);
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
  public static SweepFinished awaitOutcome(ActorSystem<?> system, ActorRef<Command> proxy, Duration reAskEvery)
      throws InterruptedException {
    return awaitOutcome(system, proxy, reAskEvery, status -> {});
  }

  /** As {@link #awaitOutcome(ActorSystem, ActorRef, Duration)}, telling {@code onStatus} how far the sweep is every round. */
  public static SweepFinished awaitOutcome(ActorSystem<?> system, ActorRef<Command> proxy, Duration reAskEvery,
      java.util.function.Consumer<SweepStatus> onStatus) throws InterruptedException {
    Cluster cluster = Cluster.get(system);
    // Ask in short rounds so a member that is downed or leaves stops waiting instead of asking forever,
    // and the progress shown is at most a few seconds old.
    Duration round = reAskEvery.compareTo(Duration.ofSeconds(2)) < 0 ? reAskEvery : Duration.ofSeconds(2);
    boolean joined = false;
    while (true) {
      MemberStatus self = cluster.selfMember().status();
      // Before it joins, a member reads its own status as Removed: only a member that was in counts as gone.
      joined |= self == MemberStatus.joining() || self == MemberStatus.weaklyUp() || self == MemberStatus.up();
      boolean gone = self == MemberStatus.down() || self == MemberStatus.exiting() || self == MemberStatus.removed();
      // Downing or leaving starts the member's coordinated shutdown, also when it happens between two
      // looks at the status (a member downed while still joining is never seen as joined).
      boolean shuttingDown = CoordinatedShutdown.get(system).getShutdownReason().isPresent();
      if ((joined && gone) || shuttingDown || system.getWhenTerminated().toCompletableFuture().isDone()) {
        throw new io.stackelgrid.common.RunFailedException("sweep: this member (" + cluster.selfMember().address()
            + ", status " + self + ") left the cluster before the sweep finished (downed by the split brain "
            + "resolver or shut down); results and checkpoints written so far stay in the output folder");
      }
      try {
        onStatus.accept(AskPattern.<Command, SweepStatus>ask(proxy, StatusQuery::new, round, system.scheduler())
            .toCompletableFuture().get());
      } catch (ExecutionException e) {
        // No answer this round (the singleton is starting or moving): the next round asks again.
      }
      try {
        return AskPattern.<Command, SweepFinished>ask(proxy, AwaitSweep::new, round, system.scheduler())
            .toCompletableFuture().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TimeoutException)) {
          throw new io.stackelgrid.common.RunFailedException("sweep coordinator: " + e.getCause(), e);
        }
      }
    }
  }

  /** A singleton name for {@code jobs}: equal plans share it, different plans get different ones. */
  public static String singletonName(List<SweepJob> jobs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (SweepJob j : jobs) {
        sha.update(j.withId(0).toString().getBytes(StandardCharsets.UTF_8));
      }
      return "sweep-coordinator-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The sweep of {@code jobs} as a Cluster Singleton on the members of role coordinator: every
   * member that calls this with the same {@code name} shares one running coordinator. Returns the
   * proxy to send {@link AwaitSweep} to; {@code done} completes only on the member that runs it.
   */
  public static ActorRef<Command> singleton(ActorSystem<?> system, String name, List<SweepJob> jobs,
      CompletableFuture<Outcome> done) {
    return ClusterSingleton.get(system).init(SingletonActor.of(create(jobs, done), name).withSettings(
        ClusterSingletonSettings.create(system).withRole(ClusterConfig.ROLE_COORDINATOR)));
  }

  private Behavior<Command> onWorkersListed(WorkersListed l) {
    for (ActorRef<SweepWorker.Command> w : l.listing().getServiceInstances(SweepWorker.KEY)) {
      if (!gone.contains(addressOf(w)) && offered.add(w)) {
        w.tell(new SweepWorker.Offer(ctx.getSelf()));
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onWorkRequest(WorkRequest r) {
    if (r.doneOrNull() != null && !book.complete(r.doneOrNull())) {
      ctx.getLog().info("job {} (seed {}) already done: duplicate result ignored", r.doneOrNull().jobId(),
          r.doneOrNull().seed());
    }
    if (book.finished()) {
      r.worker().tell(SweepWorker.NoMoreWork.INSTANCE);
      parked.values().forEach(p -> p.tell(SweepWorker.NoMoreWork.INSTANCE));
      parked.clear();
      return finish(book.results(), book.requeued());
    }
    String at = addressOf(r.worker());
    if (gone.contains(at)) {
      r.worker().tell(SweepWorker.NoMoreWork.INSTANCE);
      return Behaviors.same();
    }
    parked.put(at, r.worker());
    serveParked();
    return Behaviors.same();
  }

  private Behavior<Command> onMembershipChanged(MembershipChanged m) {
    Address lost = MemberLoss.lostMember(m.event());
    if (lost != null) {
      String key = lost.toString();
      boolean first = gone.add(key);
      parked.remove(key);
      boolean worker = offered.removeIf(w -> addressOf(w).equals(key));
      List<Integer> held = book.heldBy(key);
      int n = book.workerLost(key);
      if (n > 0 || first && worker) {
        // A line for the sweep's progress (every sweep process of the plan shows it).
        String seeds = held.stream().map(id -> "seed " + jobs.get(id).seed() + " of " + jobs.get(id).outDir())
            .collect(java.util.stream.Collectors.joining(", "));
        events.add("worker " + key + " left the cluster (" + m.event().getClass().getSimpleName() + "): "
            + (n == 0 ? "it held no seed" : n + " seed(s) re-queued (" + seeds + ")"));
        ctx.getLog().info(events.get(events.size() - 1));
      }
      if (n > 0) {
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
      e.getValue().tell(new SweepWorker.Work(jobs.get(id)));
      it.remove();
    }
  }

  /** The member address a worker lives at (this member's own for a local ref). */
  private String addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return (a.hasLocalScope() ? Cluster.get(ctx.getSystem()).selfMember().address() : a).toString();
  }
}
