package io.stackelgrid.cluster;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.wire.WireMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A worker member's learner host: registered with the Receptionist, it trains the follower and
 * leader best responses a {@code run --cluster} member sends (one per message, at most
 * {@code threads} at a time, the rest wait in the pool's queue) and replies with the learner's new
 * state ({@link LearnerClient.Answered}), or {@link LearnerClient.Refused} if it could not train at all.
 */
public final class LearnerHost {

  /** What a learner host receives. */
  public sealed interface Command extends WireMessage permits Train, Done {}

  /**
   * Train the learner of {@code problem} (built from {@code scenario}, its {@code overrides} and
   * {@code seed}, restored from {@code warmOrNull}) for its budget; answer {@code replyTo}.
   *
   * @param requestId the client's id of the request; a re-send keeps it and raises {@code attempt}
   */
  public record Train(long requestId, int attempt, String scenario, List<String> overrides, long seed, int period,
      LearnerProblem problem, PpoCheckpoint warmOrNull, ActorRef<LearnerClient.Command> replyTo) implements Command {

    Train attempt(int next, ActorRef<LearnerClient.Command> client) {
      return new Train(requestId, next, scenario, overrides, seed, period, problem, warmOrNull, client);
    }
  }

  private record Done(ActorRef<LearnerClient.Command> replyTo, LearnerClient.Command reply)
      implements Command, NoSerializationVerificationNeeded {}

  /** The Receptionist key clients find learner hosts by. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "stackelgrid-learner-host");

  private final ActorContext<Command> ctx;
  private final String host;
  private final FollowerTraining followerTraining = new FollowerTraining();
  private final LeaderTraining leaderTraining = new LeaderTraining(followerTraining);
  private final ExecutorService pool;
  private final Consumer<Train> beforeTraining;

  private LearnerHost(ActorContext<Command> ctx, int threads, Consumer<Train> beforeTraining) {
    this.ctx = ctx;
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
  public static Behavior<Command> create(int threads) {
    return create(threads, r -> { });
  }

  /** As {@link #create(int)}, calling {@code beforeTraining} on the training thread first (fault injection in tests). */
  public static Behavior<Command> create(int threads, Consumer<Train> beforeTraining) {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      return new LearnerHost(ctx, n, beforeTraining).behavior();
    });
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Train.class, this::onTrain)
        .onMessage(Done.class, this::onDone)
        .onSignal(PostStop.class, s -> {
          pool.shutdownNow();
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onTrain(Train t) {
    CompletableFuture<LearnerClient.Command> f = CompletableFuture.supplyAsync(() -> {
      beforeTraining.accept(t);
      return new LearnerClient.Answered(t.requestId(), t.attempt(), host, t.problem() instanceof FollowerProblem p
          ? followerTraining.train(t.scenario(), t.overrides(), t.seed(), t.period(), p, t.warmOrNull(), host)
          : leaderTraining.train(t.scenario(), t.overrides(), t.seed(), t.period(), (LeaderProblem) t.problem(),
              t.warmOrNull(), host));
    }, pool);
    ctx.pipeToSelf(f, (reply, e) -> new Done(t.replyTo(), reply != null ? reply : refused(t, e)));
    return Behaviors.same();
  }

  private Behavior<Command> onDone(Done d) {
    d.replyTo().tell(d.reply());
    return Behaviors.same();
  }

  /** An error outside the learner (e.g. an unreadable scenario): reported, no policy. */
  private LearnerClient.Refused refused(Train t, Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String who = t.problem() instanceof FollowerProblem p ? "aggregator " + p.aggregatorId() : "the leader";
    return new LearnerClient.Refused(t.requestId(), t.attempt(), host, "learner host " + host + " could not train "
        + who + " (seed " + t.seed() + ", period " + t.period() + "): " + (c.getMessage() != null ? c.getMessage() : c));
  }
}
