package io.stackelgrid.cluster;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import com.google.protobuf.Message;
import io.stackelgrid.proto.NoMoreWork;
import io.stackelgrid.proto.SeedResult;
import io.stackelgrid.proto.SweepJob;
import io.stackelgrid.proto.SweepOffer;
import io.stackelgrid.proto.WorkRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker member's actor: registered with the Receptionist, it pulls one sweep job at a time from
 * the coordinators that offer work (so no node holds more than it asked for) and plays it.
 */
public final class SweepWorker {
  /** Local messages; the protobuf ones (SweepOffer, SweepJob, NoMoreWork) come over the wire. */
  interface Command extends NoSerializationVerificationNeeded {}

  private record JobDone(ActorRef<Message> coordinator, SeedResult result) implements Command {}

  private record CoordinatorGone(ActorRef<Message> coordinator) implements Command {}

  /** The Receptionist key sweep coordinators find workers by. */
  public static final ServiceKey<Message> KEY = ServiceKey.create(Message.class, "stackelgrid-sweep-worker");

  private enum State { IDLE, WAITING, RUNNING }

  private final ActorContext<Object> ctx;
  private final ActorRefResolver resolver;
  private final String selfRef;
  private final Deque<ActorRef<Message>> coordinators = new ArrayDeque<>();
  // Seeds block for minutes: off the actor's thread, one at a time; daemon so a lost job never holds the JVM.
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stackelgrid-sweep-job");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean stopping = new AtomicBoolean();
  private State state = State.IDLE;
  private ActorRef<Message> current;

  private SweepWorker(ActorContext<Object> ctx) {
    this.ctx = ctx;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
    this.selfRef = resolver.toSerializationFormat(ctx.getSelf());
  }

  /** A worker that registers itself and waits for offers. */
  public static Behavior<Object> create() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf().narrow()));
      return new SweepWorker(ctx).behavior();
    });
  }

  private Behavior<Object> behavior() {
    return Behaviors.receive(Object.class)
        .onMessage(SweepOffer.class, this::onOffer)
        .onMessage(SweepJob.class, this::onJob)
        .onMessage(NoMoreWork.class, m -> {
          coordinators.remove(current);
          current = null;
          state = State.IDLE;
          return pull();
        })
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

  private Behavior<Object> onOffer(SweepOffer offer) {
    ActorRef<Message> c = resolver.resolveActorRef(offer.getCoordinator());
    if (!coordinators.contains(c)) {
      coordinators.add(c);
      ctx.watchWith(c, new CoordinatorGone(c));
    }
    return pull();
  }

  private Behavior<Object> onJob(SweepJob job) {
    state = State.RUNNING;
    ActorRef<Message> to = current;
    var config = ctx.getSystem().settings().config();
    CompletableFuture<SeedResult> f = CompletableFuture.supplyAsync(() -> SeedJob.run(job, config, stopping::get, () -> { }), runner);
    ctx.pipeToSelf(f, (r, e) -> new JobDone(to, r != null ? r : SeedResult.newBuilder().setJobId(job.getJobId())
        .setSeed(job.getSeed()).setOk(false).setError(describe(e)).build()));
    return Behaviors.same();
  }

  private Behavior<Object> onJobDone(JobDone d) {
    SeedResult r = d.result().toBuilder().setWorkerAddress(ctx.getSystem().address().toString()).build();
    if (d.coordinator().equals(current)) {
      // The result and the next request in one message: the coordinator never pushes.
      current.tell(WorkRequest.newBuilder().setSchemaVersion(SweepCoordinator.SCHEMA).setWorker(selfRef)
          .setDone(r).build());
      state = State.WAITING;
      return Behaviors.same();
    }
    state = State.IDLE;
    return pull();
  }

  private Behavior<Object> onCoordinatorGone(CoordinatorGone g) {
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
  private Behavior<Object> pull() {
    if (state == State.IDLE && !coordinators.isEmpty()) {
      current = coordinators.peek();
      current.tell(WorkRequest.newBuilder().setSchemaVersion(SweepCoordinator.SCHEMA).setWorker(selfRef).build());
      state = State.WAITING;
    }
    return Behaviors.same();
  }

  private static String describe(Throwable e) {
    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }
}
