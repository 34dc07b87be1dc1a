package io.stackelgrid.actors;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import com.google.protobuf.Message;
import io.stackelgrid.game.FollowerEnv;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.proto.PpoCheckpoint;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.TrainFollower;
import io.stackelgrid.proto.TrainLeader;
import io.stackelgrid.proto.TrainReply;
import io.stackelgrid.scenario.TariffBounds;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A learner actor (one per aggregator, one for the leader): on {@link TrainFollower} or
 * {@link TrainLeader} it runs a best response with its PPO learner (warm start) and replies a
 * {@link TrainReply} with the new policy. A training that fails is logged with seed, period and
 * learner; the learner is rebuilt from its last good checkpoint and that policy is the reply.
 * Messages are the protobuf messages themselves (Command = {@link Message}).
 */
public final class LearnerActor extends AbstractBehavior<Message> {
  private final String name;
  private final long seed;
  private final long budgetSteps;
  private final Supplier<PpoLearner> fresh;
  private final AtomicReference<PpoCheckpoint> lastGood;
  private final TariffBounds bounds;
  private final Supplier<LeaderEnv> leaderEnv;
  private final ActorRefResolver resolver;
  private PpoLearner learner;

  /**
   * @param fresh builds the learner (same seed and shape every time)
   * @param lastGood outlives restarts: the learner's state after its last good training
   * @param leaderEnv the leader's environment of the coming period (null for followers)
   */
  public static Behavior<Message> create(String name, long seed, long budgetSteps, Supplier<PpoLearner> fresh,
      AtomicReference<PpoCheckpoint> lastGood, TariffBounds bounds, Supplier<LeaderEnv> leaderEnv) {
    Behavior<Message> b = Behaviors.setup(ctx -> new LearnerActor(ctx, name, seed, budgetSteps, fresh,
        lastGood, bounds, leaderEnv));
    // Anything unexpected restarts the actor, which rebuilds the learner from lastGood.
    return Behaviors.supervise(b).onFailure(Exception.class, SupervisorStrategy.restart());
  }

  private LearnerActor(ActorContext<Message> ctx, String name, long seed, long budgetSteps,
      Supplier<PpoLearner> fresh, AtomicReference<PpoCheckpoint> lastGood, TariffBounds bounds,
      Supplier<LeaderEnv> leaderEnv) {
    super(ctx);
    this.name = name;
    this.seed = seed;
    this.budgetSteps = budgetSteps;
    this.fresh = fresh;
    this.lastGood = lastGood;
    this.bounds = bounds;
    this.leaderEnv = leaderEnv;
    this.resolver = ActorRefResolver.get(ctx.getSystem());
    this.learner = restore();
  }

  private PpoLearner restore() {
    PpoLearner l = fresh.get();
    if (lastGood.get() != null) {
      l.restoreCheckpoint(lastGood.get());
    }
    return l;
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(TrainFollower.class, this::onTrainFollower)
        .onMessage(TrainLeader.class, this::onTrainLeader)
        .build();
  }

  private Behavior<Message> onTrainFollower(TrainFollower m) {
    SchemaVersions.require(m.getSchemaVersion(), "TrainFollower", "coordinator");
    FollowerProblem p = FollowerProblem.fromMessage(m.getProblem(), bounds);
    train(m.getPeriod(), new FollowerEnv(p, FollowerEnv.copiesFor(learner.config().rolloutSteps())), m.getReplyTo());
    return this;
  }

  private Behavior<Message> onTrainLeader(TrainLeader m) {
    SchemaVersions.require(m.getSchemaVersion(), "TrainLeader", "coordinator");
    train(m.getPeriod(), leaderEnv.get(), m.getReplyTo());
    return this;
  }

  private void train(int period, io.stackelgrid.ppo.Env env, String replyTo) {
    long t0 = System.nanoTime();
    String failure = "";
    try {
      learner.setEnv(env);
      learner.learn(budgetSteps);
      lastGood.set(learner.exportCheckpoint());
    } catch (RuntimeException e) {
      failure = "learner " + name + " failed (seed " + seed + ", period " + period + "): " + e
          + "; restarted from its last good parameters";
      getContext().getLog().error(failure);
      learner = restore();
    }
    ActorRef<TrainReply> to = resolver.resolveActorRef(replyTo);
    to.tell(TrainReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setLearner(name)
        .setPeriod(period).setParams(learner.exportParams()).setFailure(failure)
        .setTrainNanos(System.nanoTime() - t0).build());
  }

  /** The learner (for checkpoints taken while the actor is idle). */
  PpoLearner learner() {
    return learner;
  }
}
