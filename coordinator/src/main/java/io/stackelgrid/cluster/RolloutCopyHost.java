package io.stackelgrid.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.LeaderEnv;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.ppo.CopySegments;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.ppo.RolloutParams;
import io.stackelgrid.ppo.Segment;
import io.stackelgrid.wire.WireMessage;
import java.util.List;

/**
 * Copy k ≥ 1 of the leader's environment on a member (a sharded entity, one per seed and copy): it
 * collects its segment of each rollout of the leader's learn call with the parameters the leader's
 * learner sends, keeping its environment and networks from rollout to rollout. A copy that holds
 * another call or rollout (it was just started here, its old member having left) answers
 * {@link NeedHistory}; the learner then sends the problem and the call's earlier parameters, and the
 * copy is rebuilt and replays them, so its segments are those it would have given anyway.
 */
public final class RolloutCopyHost extends AbstractBehavior<RolloutCopyHost.Command> {

  /** What a copy receives. */
  public sealed interface Command extends WireMessage permits Collect, Release {}

  /**
   * Copy {@code copy}'s segment of rollout {@code rollout} of learn call {@code call}, acting with
   * {@code params}.
   *
   * @param scenarioDigest the SHA-256 of the run's resolved scenario ({@code ScenarioDigest})
   * @param call the learn call: the leader's PPO updates when it started
   * @param problemOrNull the leader's problem: with a call's first rollout, and to rebuild
   * @param history the parameters of the call's rollouts before {@code rollout}, sent only to rebuild
   */
  public record Collect(String scenario, List<String> overrides, String scenarioDigest, long seed, int period,
      long call, int copy,
      int rollout, int rows, LeaderProblem problemOrNull, List<RolloutParams> history, RolloutParams params,
      ActorRef<Answer> replyTo) implements Command {}

  /** The run is over: stop and free the copy. */
  public record Release(String why) implements Command {}

  /** The answer to a {@link Collect}. */
  public sealed interface Answer extends WireMessage permits Collected, NeedHistory, Refused {}

  /** The segment, where it was collected and how long that took. */
  public record Collected(String host, Segment segment, long collectNanos) implements Answer {}

  /** The copy holds another call or rollout: send the problem and the earlier rollouts' parameters. */
  public record NeedHistory(String host) implements Answer {}

  /** The copy could not be built or collect ({@code error} names the copy, seed and period). */
  public record Refused(String host, String error) implements Answer {}

  private final String entityId;
  private final String host;
  private final ScenarioCache scenarios;
  private final java.util.function.Consumer<Collect> beforeCollect;
  /** A leader learner of the run's shape, for the copy's networks and action stream (built once). */
  private PpoLearner shape;
  private CopySegments copy;
  private long call = -1;
  private int period = -1;

  /** @param beforeCollect called before each segment this member collects (fault injection in tests) */
  public static Behavior<Command> create(String entityId, ScenarioCache scenarios,
      java.util.function.Consumer<Collect> beforeCollect) {
    return Behaviors.setup(ctx -> new RolloutCopyHost(ctx, entityId, scenarios, beforeCollect));
  }

  private RolloutCopyHost(ActorContext<Command> ctx, String entityId, ScenarioCache scenarios,
      java.util.function.Consumer<Collect> beforeCollect) {
    super(ctx);
    this.entityId = entityId;
    this.host = Cluster.get(ctx.getSystem()).selfMember().address().toString();
    this.scenarios = scenarios;
    this.beforeCollect = beforeCollect;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Collect.class, this::onCollect)
        .onMessage(Release.class, r -> Behaviors.stopped())
        .onSignal(PostStop.class, s -> {
          close();
          return this;
        })
        .build();
  }

  private Behavior<Command> onCollect(Collect c) {
    long t0 = System.nanoTime();
    beforeCollect.accept(c);
    try {
      if (copy == null || call != c.call() || period != c.period() || copy.rollouts() != c.rollout()) {
        if (c.problemOrNull() == null || c.history().size() != c.rollout()) {
          c.replyTo().tell(new NeedHistory(host));
          return this;
        }
        rebuild(c);
      }
      Segment s = copy.collect(c.rows(), c.params());
      c.replyTo().tell(new Collected(host, s, System.nanoTime() - t0));
    } catch (RuntimeException e) {
      close();
      c.replyTo().tell(new Refused(host, "rollout copy " + entityId + " failed on " + host + " (seed " + c.seed()
          + ", period " + c.period() + ", rollout " + c.rollout() + "): " + (e.getMessage() != null ? e.getMessage() : e)));
    }
    return this;
  }

  /** The copy of this call, built from the problem and brought to rollout {@code c.rollout()} by replay. */
  private void rebuild(Collect c) {
    LearnerTraining.Loaded loaded = scenarios.load(c.scenario(), c.overrides());
    if (!loaded.digest().sha256().equals(c.scenarioDigest())) {
      loaded = scenarios.reload(c.scenario(), c.overrides()); // read before the file changed?
    }
    if (!loaded.digest().sha256().equals(c.scenarioDigest())) {
      throw new IllegalStateException("scenario " + c.scenario() + " loads here with digest "
          + loaded.digest().sha256() + ", the run's has " + c.scenarioDigest() + ": its file or grid case differs");
    }
    LeaderEnv env = LearnerTraining.leaderEnv(loaded, c.problemOrNull());
    if (shape == null) {
      shape = LearnerTraining.build(loaded, c.seed(), c.problemOrNull());
    }
    if (copy != null) {
      copy.close();
    }
    copy = shape.copySegments(env.rolloutCopy(c.copy()), c.copy(), env.rolloutCopySalt());
    call = c.call();
    period = c.period();
    for (RolloutParams earlier : c.history()) {
      copy.collect(c.rows(), earlier);
    }
  }

  private void close() {
    if (copy != null) {
      copy.close();
      copy = null;
    }
    if (shape != null) {
      shape.close();
      shape = null;
    }
    call = -1;
  }
}
