package io.stackelgrid.cluster;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import com.typesafe.config.Config;
import io.stackelgrid.wire.WireMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker member's actor: registered with the Receptionist, it pulls one sweep job at a time from
 * the coordinators that offer work (so no node holds more than it asked for) and plays it.
 */
public final class SweepWorker {

  /** What a sweep worker receives. */
  public sealed interface Command extends WireMessage permits Offer, Work, NoMoreWork, JobDone, CoordinatorGone {}

  /** A sweep has work: pull it from {@code coordinator}. */
  public record Offer(ActorRef<SweepCoordinator.Command> coordinator) implements Command {}

  /** Play {@code job}. */
  public record Work(SweepJob job) implements Command {}

  /** The sweep has nothing left for this worker. */
  public enum NoMoreWork implements Command { INSTANCE }

  private record JobDone(ActorRef<SweepCoordinator.Command> coordinator, SeedResult result)
      implements Command, NoSerializationVerificationNeeded {}

  private record CoordinatorGone(ActorRef<SweepCoordinator.Command> coordinator)
      implements Command, NoSerializationVerificationNeeded {}

  /** The Receptionist key sweep coordinators find workers by. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "stackelgrid-sweep-worker");

  private enum State { IDLE, WAITING, RUNNING }

  private final ActorContext<Command> ctx;
  private final Deque<ActorRef<SweepCoordinator.Command>> coordinators = new ArrayDeque<>();
  // Seeds block for minutes: off the actor's thread, one at a time; daemon so a lost job never holds the JVM.
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stackelgrid-sweep-job");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean stopping = new AtomicBoolean();
  private State state = State.IDLE;
  private ActorRef<SweepCoordinator.Command> current;

  private SweepWorker(ActorContext<Command> ctx) {
    this.ctx = ctx;
  }

  /** A worker that registers itself and waits for offers. */
  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      return new SweepWorker(ctx).behavior();
    });
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Offer.class, this::onOffer)
        .onMessage(Work.class, this::onWork)
        .onMessage(NoMoreWork.class, this::onNoMoreWork)
        .onMessage(JobDone.class, this::onJobDone)
        .onMessage(CoordinatorGone.class, this::onCoordinatorGone)
        .onSignal(PostStop.class, s -> {
          // A running seed stops at its next period boundary without writing results; it is re-queued.
          stopping.set(true);
          runner.shutdown();
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onOffer(Offer offer) {
    if (!coordinators.contains(offer.coordinator())) {
      coordinators.add(offer.coordinator());
      ctx.watchWith(offer.coordinator(), new CoordinatorGone(offer.coordinator()));
    }
    return pull();
  }

  private Behavior<Command> onWork(Work w) {
    state = State.RUNNING;
    ActorRef<SweepCoordinator.Command> to = current;
    Config config = ctx.getSystem().settings().config();
    // Each period played is told to the coordinator, for the sweep's progress.
    java.util.function.IntConsumer progress = periods -> {
      if (to != null) {
        to.tell(new SweepCoordinator.JobProgress(w.job().jobId(), periods));
      }
    };
    CompletableFuture<SeedResult> f = CompletableFuture.supplyAsync(
        () -> SeedJob.run(w.job(), config, stopping::get, progress), runner);
    ctx.pipeToSelf(f, (r, e) -> new JobDone(to, r != null ? r : SeedResult.failed(w.job(), describe(e))));
    return Behaviors.same();
  }

  private Behavior<Command> onNoMoreWork(NoMoreWork m) {
    coordinators.remove(current);
    current = null;
    state = State.IDLE;
    return pull();
  }

  private Behavior<Command> onJobDone(JobDone d) {
    SeedResult r = d.result().playedBy(ctx.getSystem().address().toString());
    if (d.coordinator().equals(current)) {
      // The result and the next request in one message: the coordinator never pushes.
      current.tell(new SweepCoordinator.WorkRequest(ctx.getSelf(), r));
      state = State.WAITING;
      return Behaviors.same();
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
    return Behaviors.same();
  }

  /** Asks the first known coordinator for a job when nothing is running or asked for. */
  private Behavior<Command> pull() {
    if (state == State.IDLE && !coordinators.isEmpty()) {
      current = coordinators.peek();
      current.tell(new SweepCoordinator.WorkRequest(ctx.getSelf(), null));
      state = State.WAITING;
    }
    return Behaviors.same();
  }

  private static String describe(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }
}
