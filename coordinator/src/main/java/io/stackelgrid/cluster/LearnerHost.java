package io.stackelgrid.cluster;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.typed.Cluster;
import com.google.protobuf.Message;
import io.stackelgrid.proto.RemoteTrainFollower;
import io.stackelgrid.proto.RemoteTrainLeader;
import io.stackelgrid.proto.RemoteTrainReply;
import io.stackelgrid.proto.SchemaVersions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A worker member's learner host: registered with the Receptionist, it trains the follower and
 * leader best responses a {@code run --cluster} coordinator sends (one per message, at most
 * {@code threads} at a time, the rest wait in the pool's queue) and replies with the learner's new
 * state.
 */
public final class LearnerHost {
  /** Local messages; RemoteTrainFollower and RemoteTrainLeader come over the wire. */
  interface Command extends NoSerializationVerificationNeeded {}

  private record Trained(String replyTo, RemoteTrainReply reply) implements Command {}

  /** The Receptionist key coordinators find learner hosts by. */
  public static final ServiceKey<Message> KEY = ServiceKey.create(Message.class, "stackelgrid-learner-host");

  private final ActorContext<Object> ctx;
  private final ActorRefResolver resolver;
  private final String host;
  private final FollowerTraining training = new FollowerTraining();
  private final LeaderTraining leaderTraining = new LeaderTraining(training);
  private final ExecutorService pool;
  private final Consumer<Message> beforeTraining;

  private LearnerHost(ActorContext<Object> ctx, int threads, Consumer<Message> beforeTraining) {
    this.ctx = ctx;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
    this.host = Cluster.get(ctx.getSystem()).selfMember().address().toString();
    this.beforeTraining = beforeTraining;
    // Trainings block for seconds: off the actor's thread; daemon so a lost one never holds the JVM.
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "stackelgrid-learner-host");
      t.setDaemon(true);
      return t;
    });
  }

  /** A host training up to {@code threads} best responses at once (0 = one per available core). */
  public static Behavior<Object> create(int threads) {
    return create(threads, r -> { });
  }

  /** As {@link #create(int)}, calling {@code beforeTraining} on the training thread first (fault injection in tests). */
  public static Behavior<Object> create(int threads, Consumer<Message> beforeTraining) {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf().narrow()));
      return new LearnerHost(ctx, n, beforeTraining).behavior();
    });
  }

  private Behavior<Object> behavior() {
    return Behaviors.receive(Object.class)
        .onMessage(RemoteTrainFollower.class, this::onTrain)
        .onMessage(RemoteTrainLeader.class, this::onTrainLeader)
        .onMessage(Trained.class, this::onTrained)
        .onSignal(PostStop.class, s -> {
          pool.shutdownNow();
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Object> onTrain(RemoteTrainFollower request) {
    CompletableFuture<RemoteTrainReply> f = CompletableFuture.supplyAsync(() -> {
      beforeTraining.accept(request);
      return training.train(request, host);
    }, pool);
    ctx.pipeToSelf(f, (reply, e) -> new Trained(request.getReplyTo(), reply != null ? reply
        : failed(request.getRequestId(), request.getAttempt(), "bus " + request.getProblem().getBus(),
            request.getSeed(), request.getPeriod(), e)));
    return Behaviors.same();
  }

  private Behavior<Object> onTrainLeader(RemoteTrainLeader request) {
    CompletableFuture<RemoteTrainReply> f = CompletableFuture.supplyAsync(() -> {
      beforeTraining.accept(request);
      return leaderTraining.train(request, host);
    }, pool);
    ctx.pipeToSelf(f, (reply, e) -> new Trained(request.getReplyTo(), reply != null ? reply
        : failed(request.getRequestId(), request.getAttempt(), "the leader", request.getSeed(), request.getPeriod(), e)));
    return Behaviors.same();
  }

  private Behavior<Object> onTrained(Trained t) {
    resolver.resolveActorRef(t.replyTo()).tell(t.reply());
    return Behaviors.same();
  }

  /** An error outside the learner (e.g. an unreadable scenario): reported, no policy. */
  private RemoteTrainReply failed(long requestId, int attempt, String who, long seed, int period, Throwable e) {
    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return RemoteTrainReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setRequestId(requestId)
        .setAttempt(attempt).setHost(host)
        .setFailure("learner host " + host + " could not train " + who + " (seed " + seed + ", period " + period
            + "): " + (c.getMessage() != null ? c.getMessage() : c))
        .build();
  }
}
