package io.stackelgrid.learner;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.stackelgrid.ppo.Env;
import io.stackelgrid.ppo.PolicyParams;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.wire.WireMessage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A learner actor (one per aggregator, one for the leader): on {@link Train} it runs a best response
 * on the problem's environment with its PPO learner, warm from its last training, and replies
 * {@link Trained} with its whole new state. A training that fails is logged with seed, period and
 * learner; the learner goes back to its last good state and replies {@link TrainingFailed} with that
 * policy. It owns its learner: the state leaves only inside replies.
 *
 * <p>Trainings take seconds: spawn it on a dispatcher of its own (the caller's choice).
 *
 * @param <P> the problem it trains on (a follower's or the leader's), from which it builds its environment
 */
public final class LearnerActor<P> extends AbstractBehavior<LearnerActor.Command<P>> {

  /** What a learner actor is asked. */
  public sealed interface Command<P> extends WireMessage permits Train {}

  /** Train on {@code problem} for the budget; answer {@code replyTo}. */
  public record Train<P>(int period, P problem, ActorRef<Reply> replyTo) implements Command<P> {}

  /** A learner's answer; either way {@link #policy()} is the policy to carry on with. */
  public sealed interface Reply extends WireMessage permits Trained, TrainingFailed {
    String learner();

    int period();

    PolicyParams policy();

    long trainNanos();
  }

  /** The training went well: the learner's whole state after it. */
  public record Trained(String learner, int period, PpoCheckpoint state, long trainNanos) implements Reply {
    @Override
    public PolicyParams policy() {
      return state.params();
    }
  }

  /** The training failed ({@code cause} names seed, period and learner); {@code policy} is its last good one. */
  public record TrainingFailed(String learner, int period, PolicyParams policy, String cause, long trainNanos)
      implements Reply {}

  private final String name;
  private final long seed;
  private final long budgetSteps;
  private final Supplier<PpoLearner> fresh;
  private final Function<P, Env> envOf;
  private PpoCheckpoint lastGood;
  private PpoLearner learner;

  /**
   * @param fresh builds the learner (same seed and shape every time)
   * @param warmOrNull the state to start from (a resumed checkpoint), or null for a fresh learner
   * @param envOf the environment of a problem
   */
  public static <P> Behavior<Command<P>> create(String name, long seed, long budgetSteps, Supplier<PpoLearner> fresh,
      PpoCheckpoint warmOrNull, Function<P, Env> envOf) {
    return Behaviors.setup(ctx -> new LearnerActor<>(ctx, name, seed, budgetSteps, fresh, warmOrNull, envOf));
  }

  private LearnerActor(ActorContext<Command<P>> ctx, String name, long seed, long budgetSteps,
      Supplier<PpoLearner> fresh, PpoCheckpoint warmOrNull, Function<P, Env> envOf) {
    super(ctx);
    this.name = name;
    this.seed = seed;
    this.budgetSteps = budgetSteps;
    this.fresh = fresh;
    this.envOf = envOf;
    this.lastGood = warmOrNull;
    this.learner = restore();
  }

  @Override
  public Receive<Command<P>> createReceive() {
    // The learner may hold a thread pool for its environment's rollout copies: release it with the actor.
    return newReceiveBuilder().onMessage(Train.class, this::onTrain)
        .onSignal(PostStop.class, s -> {
          learner.close();
          return this;
        }).build();
  }

  private Behavior<Command<P>> onTrain(Train<P> m) {
    long t0 = System.nanoTime();
    Reply reply;
    try {
      learner.setEnv(envOf.apply(m.problem()));
      learner.learn(budgetSteps);
      lastGood = learner.exportCheckpoint();
      reply = new Trained(name, m.period(), lastGood, System.nanoTime() - t0);
    } catch (RuntimeException e) {
      String cause = "learner " + name + " failed (seed " + seed + ", period " + m.period() + "): " + e
          + "; restarted from its last good parameters";
      getContext().getLog().error(cause);
      learner.close();
      learner = restore();
      reply = new TrainingFailed(name, m.period(), learner.exportParams(), cause, System.nanoTime() - t0);
    }
    m.replyTo().tell(reply);
    return this;
  }

  private PpoLearner restore() {
    PpoLearner l = fresh.get();
    if (lastGood != null) {
      l.restoreCheckpoint(lastGood);
    }
    return l;
  }
}
