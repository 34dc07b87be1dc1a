package io.stackelgrid.cluster;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import io.stackelgrid.seed.SeedDriver;
import io.stackelgrid.wire.WireMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A worker member's actor: registered with the Receptionist, it pulls one sweep job at a time from
 * the coordinators that offer work (so no node holds more than it asked for) and plays it. A seed
 * plays off the actor's thread one stage at a time (start, each period, the end), each stage's
 * result piped back as a message; the worker decides between stages, so a worker that stops
 * starts no further stage and its seed stops at the period under way, without results.
 */
public final class SweepWorker extends AbstractBehavior<SweepWorker.Command> {

  /** What a sweep worker receives. */
  public sealed interface Command extends WireMessage permits Offer, Work, NoMoreWork, SeedOpened, PeriodDone,
      JobDone, CoordinatorGone {}

  /** A sweep has work: pull it from {@code coordinator}. */
  public record Offer(ActorRef<SweepCoordinator.Command> coordinator) implements Command {}

  /** Play {@code job}. */
  public record Work(SweepJob job) implements Command {}

  /** The sweep has nothing left for this worker. */
  public enum NoMoreWork implements Command { INSTANCE }

  /**
   * The job's seed is started (its actor system up, its checkpoint read, {@code periodsPlayed} of
   * them before): {@code seed} is handed over.
   */
  private record SeedOpened(SeedDriver.Playing seed, int periodsPlayed)
      implements Command, NoSerializationVerificationNeeded {}

  /** The job's seed played period {@code period} and is handed back. */
  private record PeriodDone(SeedDriver.Playing seed, int period) implements Command, NoSerializationVerificationNeeded {}

  /** The job ended, played or failed. */
  private record JobDone(SeedResult result) implements Command, NoSerializationVerificationNeeded {}

  private record CoordinatorGone(ActorRef<SweepCoordinator.Command> coordinator)
      implements Command, NoSerializationVerificationNeeded {}

  /** The Receptionist key sweep coordinators find workers by. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "stackelgrid-sweep-worker");

  private enum State { IDLE, WAITING, RUNNING }

  private final Deque<ActorRef<SweepCoordinator.Command>> coordinators = new ArrayDeque<>();
  // A seed's stages block for minutes: off the actor's thread, one at a time, always on the same
  // thread; daemon so a seed left behind never holds the JVM.
  private final ExecutorService seedThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stackelgrid-sweep-job");
    t.setDaemon(true);
    return t;
  });
  private State state = State.IDLE;
  private ActorRef<SweepCoordinator.Command> current;
  // The running job: who gave it, when it started, and the stage under way (its seed handed to it).
  private SweepJob job;
  private ActorRef<SweepCoordinator.Command> jobFrom;
  private long jobStartNanos;
  private CompletableFuture<Command> stage;

  private SweepWorker(ActorContext<Command> ctx) {
    super(ctx);
  }

  /** A worker that registers itself and waits for offers. */
  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      return new SweepWorker(ctx);
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Offer.class, this::onOffer)
        .onMessage(Work.class, this::onWork)
        .onMessage(NoMoreWork.class, this::onNoMoreWork)
        .onMessage(SeedOpened.class, this::onSeedOpened)
        .onMessage(PeriodDone.class, this::onPeriodDone)
        .onMessage(JobDone.class, this::onJobDone)
        .onMessage(CoordinatorGone.class, this::onCoordinatorGone)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onOffer(Offer offer) {
    if (!coordinators.contains(offer.coordinator())) {
      coordinators.add(offer.coordinator());
      getContext().watchWith(offer.coordinator(), new CoordinatorGone(offer.coordinator()));
    }
    return pull();
  }

  private Behavior<Command> onWork(Work w) {
    state = State.RUNNING;
    job = w.job();
    jobFrom = current;
    jobStartNanos = System.nanoTime();
    SweepJob j = job;
    var config = getContext().getSystem().settings().config();
    // A learner that fails a training carries on from its last good state; a worker does not show it.
    runStage(() -> {
      SeedDriver.Playing seed = SeedJob.open(j, config, cause -> { });
      return new SeedOpened(seed, seed.periodsPlayed());
    });
    return this;
  }

  private Behavior<Command> onSeedOpened(SeedOpened o) {
    // A re-queued seed continues from its checkpoint: what it played before counts (its last
    // period's report may have been lost with the worker that played it).
    if (o.periodsPlayed() > 0) {
      tellProgress(o.periodsPlayed());
    }
    return next(o.seed());
  }

  private Behavior<Command> onPeriodDone(PeriodDone p) {
    tellProgress(p.period() + 1);
    return next(p.seed());
  }

  /** The job's periods played, told to its coordinator for the sweep's progress. */
  private void tellProgress(int periodsPlayed) {
    if (jobFrom != null) {
      jobFrom.tell(new SweepCoordinator.JobProgress(job.jobId(), periodsPlayed));
    }
  }

  /** The seed's next stage: its next period, or its end once every period is played. */
  private Behavior<Command> next(SeedDriver.Playing seed) {
    SweepJob j = job;
    long t0 = jobStartNanos;
    runStage(() -> seed.done() ? new JobDone(SeedResult.done(j, seed.finish(), (System.nanoTime() - t0) / 1e9))
        : new PeriodDone(seed, seed.playPeriod().period()));
    return this;
  }

  /** Runs a stage of the job on the seed's thread and pipes its message back; a failure ends the job. */
  private void runStage(Supplier<Command> work) {
    CompletableFuture<Command> f = CompletableFuture.supplyAsync(work, seedThread);
    stage = f;
    SweepJob j = job;
    getContext().pipeToSelf(f, (m, e) -> e == null ? m : new JobDone(SeedResult.failed(j, e)));
  }

  private Behavior<Command> onNoMoreWork(NoMoreWork m) {
    coordinators.remove(current);
    current = null;
    state = State.IDLE;
    return pull();
  }

  private Behavior<Command> onJobDone(JobDone d) {
    SeedResult r = d.result().playedBy(getContext().getSystem().address().toString());
    ActorRef<SweepCoordinator.Command> from = jobFrom;
    job = null;
    jobFrom = null;
    stage = null;
    if (from != null && from.equals(current)) {
      // The result and the next request in one message: the coordinator never pushes.
      current.tell(new SweepCoordinator.WorkRequest(getContext().getSelf(), r));
      state = State.WAITING;
      return this;
    }
    state = State.IDLE;
    return pull();
  }

  private Behavior<Command> onCoordinatorGone(CoordinatorGone g) {
    coordinators.remove(g.coordinator());
    if (g.coordinator().equals(current)) {
      current = null;
      if (state == State.WAITING) {
        state = State.IDLE;
        return pull();
      }
    }
    return this;
  }

  /**
   * No stage starts after this: the seed under way stops at the end of its stage without results,
   * its checkpoint kept for whoever plays it next (the coordinator re-queues it when this member goes).
   */
  private Behavior<Command> onPostStop() {
    if (stage != null) {
      // The seed the stage hands over, once it has: nobody will play it on.
      stage.thenAccept(m -> {
        if (m instanceof SeedOpened o) {
          o.seed().abandon();
        } else if (m instanceof PeriodDone p) {
          p.seed().abandon();
        }
      });
    }
    seedThread.shutdown();
    return this;
  }

  /** Asks the first known coordinator for a job when nothing is running or asked for. */
  private Behavior<Command> pull() {
    if (state == State.IDLE && !coordinators.isEmpty()) {
      current = coordinators.peek();
      current.tell(new SweepCoordinator.WorkRequest(getContext().getSelf(), null));
      state = State.WAITING;
    }
    return this;
  }
}
