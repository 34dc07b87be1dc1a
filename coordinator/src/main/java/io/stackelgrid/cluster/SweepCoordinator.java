package io.stackelgrid.cluster;

import akka.actor.Address;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.ClusterSingletonSettings;
import akka.cluster.typed.SingletonActor;
import io.stackelgrid.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Hands a sweep's jobs to the workers that ask for them, re-queues the jobs of a worker whose
 * member leaves or becomes unreachable, and once every job has a result answers {@link AwaitSweep}
 * with {@link SweepFinished} (asked before or after the end) until stopped. As a Cluster Singleton
 * ({@link #singleton}) every sweep process of the plan learns the outcome from it ({@link SweepWait}).
 */
public final class SweepCoordinator extends AbstractBehavior<SweepCoordinator.Command> {

  /** What the sweep coordinator receives. */
  public sealed interface Command extends WireMessage permits WorkRequest, AwaitSweep, WorkersListed,
      MembershipChanged, JobProgress, StatusQuery {}

  /** A worker asks for a job; {@code doneOrNull} is the job it just finished, if any. */
  public record WorkRequest(ActorRef<SweepWorker.Command> worker, SeedResult doneOrNull) implements Command {}

  /** Tell {@code replyTo} the outcome when the sweep is done. */
  public record AwaitSweep(ActorRef<SweepFinished> replyTo) implements Command {}

  /**
   * The sweep's outcome: every job's result (by job id), the re-queue count, the member the coordinator
   * ran on, and the lines of {@link SweepStatus#events} (a worker lost after the asker's last status
   * query is told here).
   */
  public record SweepFinished(List<SeedResult> results, int requeued, String coordinatorAddress, List<String> events)
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

  private final List<SweepJob> jobs;
  private final SweepBook book;
  private final Set<ActorRef<SweepWorker.Command>> offered = new HashSet<>();
  // Workers that asked while the queue was empty but jobs were still out: served on a re-queue.
  private final Map<String, ActorRef<SweepWorker.Command>> parked = new LinkedHashMap<>();
  // Members seen leaving or unreachable: their results still count, but they get no more work, so a
  // member on its way out cannot take back a job that was just re-queued.
  private final Set<String> gone = new HashSet<>();
  // The latest AwaitSweep ask of each member (they re-ask periodically; older asks have timed out).
  private final Map<String, ActorRef<SweepFinished>> awaiting = new LinkedHashMap<>();
  private final int[] periodsDone;
  private final List<String> events = new ArrayList<>();
  // Set once every job has a result: from then on the coordinator only answers.
  private SweepFinished finished;

  private SweepCoordinator(ActorContext<Command> ctx, List<SweepJob> jobs) {
    super(ctx);
    // Job ids are list indices, whatever the caller put in them.
    this.jobs = IntStream.range(0, jobs.size()).mapToObj(i -> jobs.get(i).withId(i)).toList();
    this.book = new SweepBook(jobs.size());
    this.periodsDone = new int[jobs.size()];
    if (jobs.isEmpty()) {
      finish();
    }
  }

  /** A coordinator of {@code jobs} (job ids are their indices). */
  public static Behavior<Command> create(List<SweepJob> jobs) {
    return Behaviors.setup(ctx -> {
      ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(SweepWorker.KEY, listings));
      ActorRef<ClusterEvent.ClusterDomainEvent> events =
          ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class, MembershipChanged::new);
      MemberLoss.subscribe(ctx.getSystem(), events);
      return new SweepCoordinator(ctx, jobs);
    });
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
   * proxy to send {@link AwaitSweep} and {@link StatusQuery} to.
   */
  public static ActorRef<Command> singleton(ActorSystem<?> system, String name, List<SweepJob> jobs) {
    return ClusterSingleton.get(system).init(SingletonActor.of(create(jobs), name).withSettings(
        ClusterSingletonSettings.create(system).withRole(ClusterConfig.ROLE_COORDINATOR)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkersListed.class, this::onWorkersListed)
        .onMessage(WorkRequest.class, this::onWorkRequest)
        .onMessage(MembershipChanged.class, this::onMembershipChanged)
        .onMessage(AwaitSweep.class, this::onAwaitSweep)
        .onMessage(JobProgress.class, this::onJobProgress)
        .onMessage(StatusQuery.class, this::onStatusQuery)
        .build();
  }

  private Behavior<Command> onJobProgress(JobProgress p) {
    if (finished == null && p.jobId() >= 0 && p.jobId() < periodsDone.length) {
      // A re-queued job resumes from its checkpoint: never count its periods backwards.
      periodsDone[p.jobId()] = Math.max(periodsDone[p.jobId()], p.periodsDone());
    }
    return this;
  }

  private Behavior<Command> onStatusQuery(StatusQuery q) {
    q.replyTo().tell(new SweepStatus(IntStream.of(periodsDone).boxed().toList(), book.doneIds(), book.requeued(),
        List.copyOf(events)));
    return this;
  }

  private Behavior<Command> onAwaitSweep(AwaitSweep a) {
    if (finished != null) {
      a.replyTo().tell(finished);
    } else {
      awaiting.put(addressOf(a.replyTo()), a.replyTo());
    }
    return this;
  }

  /** Every job has a result: tells those waiting, and from now on only answers. */
  private void finish() {
    finished = new SweepFinished(book.results(), book.requeued(),
        Cluster.get(getContext().getSystem()).selfMember().address().toString(), List.copyOf(events));
    awaiting.values().forEach(a -> a.tell(finished));
    awaiting.clear();
  }

  private Behavior<Command> onWorkersListed(WorkersListed l) {
    if (finished != null) {
      return this;
    }
    for (ActorRef<SweepWorker.Command> w : l.listing().getServiceInstances(SweepWorker.KEY)) {
      if (!gone.contains(addressOf(w)) && offered.add(w)) {
        w.tell(new SweepWorker.Offer(getContext().getSelf()));
      }
    }
    return this;
  }

  private Behavior<Command> onWorkRequest(WorkRequest r) {
    if (finished != null) {
      // A worker asking after the end (e.g. its result raced a re-queue): nothing left.
      r.worker().tell(SweepWorker.NoMoreWork.INSTANCE);
      return this;
    }
    if (r.doneOrNull() != null && !book.complete(r.doneOrNull())) {
      getContext().getLog().info("job {} (seed {}) already done: duplicate result ignored", r.doneOrNull().jobId(),
          r.doneOrNull().seed());
    }
    if (book.finished()) {
      r.worker().tell(SweepWorker.NoMoreWork.INSTANCE);
      parked.values().forEach(p -> p.tell(SweepWorker.NoMoreWork.INSTANCE));
      parked.clear();
      finish();
      return this;
    }
    String at = addressOf(r.worker());
    if (gone.contains(at)) {
      r.worker().tell(SweepWorker.NoMoreWork.INSTANCE);
      return this;
    }
    parked.put(at, r.worker());
    serveParked();
    return this;
  }

  private Behavior<Command> onMembershipChanged(MembershipChanged m) {
    Address lost = finished == null ? MemberLoss.lostMember(m.event()) : null;
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
        getContext().getLog().info(events.get(events.size() - 1));
      }
      if (n > 0) {
        serveParked();
      }
    }
    return this;
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
    return (a.hasLocalScope() ? Cluster.get(getContext().getSystem()).selfMember().address() : a).toString();
  }
}
