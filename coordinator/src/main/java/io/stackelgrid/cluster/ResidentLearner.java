package io.stackelgrid.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.typed.Cluster;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.ppo.PpoLearner;
import io.stackelgrid.scenario.ScenarioDigest;
import io.stackelgrid.wire.WireMessage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One learner of a run, resident on a member (a sharded entity, one per seed and learner): it builds
 * its PPO learner on its first request, keeps its networks between requests, and receives only what
 * changed, the problem. A request says how many updates the asker's last good state holds; a
 * learner that holds another number (it was just started on this member, after its old member left
 * or its place moved) answers {@link NeedState}, and the asker sends that state along once. A
 * request whose scenario digest differs from the scenario this member loads is refused with the
 * member's scenario values. Trains on the learner dispatcher, a thread per core of its member.
 */
public final class ResidentLearner extends AbstractBehavior<ResidentLearner.Command> {

  /** What a resident learner receives. */
  public sealed interface Command extends WireMessage permits Train, Release {}

  /**
   * Train for one best response on {@code problem}; the learner is built from {@code scenario} (a
   * built-in name or a file every member reads), its {@code overrides} and {@code seed}.
   *
   * @param scenarioDigest {@link ScenarioDigest#sha256()} of the asker's scenario: a member that
   *     loads another (a file changed, another build's built-in) refuses rather than train on it
   * @param updates the updates of the asker's last good state of this learner (0 before any)
   * @param stateOrNull that state, sent when the learner asked for it; null otherwise
   * @param requestId the asker's id of this best response: a request sent again (its first copy may be
   *     lost with a member) is answered from the learner's last answer when it already trained for it
   */
  public record Train(String scenario, List<String> overrides, String scenarioDigest, long seed, int period,
      LearnerProblem problem, long updates, PpoCheckpoint stateOrNull, long requestId, ActorRef<Answer> replyTo)
      implements Command {}

  /** The run is over: stop and free the learner. */
  public record Release(String why) implements Command {}

  /** The answer to a {@link Train}. */
  public sealed interface Answer extends WireMessage permits Answered, NeedState, Refused {}

  /** The learner trained (or failed and kept its last good state): its reply, and where it ran. */
  public record Answered(String host, LearnerActor.Reply reply) implements Answer {}

  /** The learner holds {@code updatesHere} updates, not the asker's: send the state along. */
  public record NeedState(String host, long updatesHere) implements Answer {}

  /**
   * The learner could not be built at all (e.g. an unreadable scenario): {@code error} names it.
   *
   * @param scenarioValues when this member's scenario has another digest than the asker's: its
   *     flattened keys and values ({@link ScenarioDigest#values()}), for the asker to name the first
   *     that differs; empty otherwise
   */
  public record Refused(String host, String error, Map<String, String> scenarioValues) implements Answer {
    public Refused {
      scenarioValues = Collections.unmodifiableSortedMap(new TreeMap<>(scenarioValues));
    }

    /** Refused for another reason than a scenario that differs. */
    public Refused(String host, String error) {
      this(host, error, Map.of());
    }
  }

  private final String entityId;
  private final String host;
  private final ScenarioCache scenarios;
  private final ResidentLearners entities;
  private final Consumer<Train> beforeTraining;
  private final java.time.Duration copyAttemptTimeout;
  private PpoLearner learner;
  /** The request this learner last trained for, and its answer: a copy of it is answered at once. */
  private long lastRequestId = -1;
  private Answered lastAnswer;

  /**
   * @param scenarios the member's loaded scenarios
   * @param beforeTraining called before each training (fault injection in tests)
   */
  public static Behavior<Command> create(String entityId, ScenarioCache scenarios, ResidentLearners entities,
      Consumer<Train> beforeTraining) {
    return Behaviors.setup(ctx -> new ResidentLearner(ctx, entityId, scenarios, entities, beforeTraining));
  }

  private ResidentLearner(ActorContext<Command> ctx, String entityId, ScenarioCache scenarios,
      ResidentLearners entities, Consumer<Train> beforeTraining) {
    super(ctx);
    this.entityId = entityId;
    this.host = Cluster.get(ctx.getSystem()).selfMember().address().toString();
    this.scenarios = scenarios;
    this.entities = entities;
    this.beforeTraining = beforeTraining;
    com.typesafe.config.Config config = ctx.getSystem().settings().config();
    String key = "stackelgrid.node.learner-attempt-timeout";
    this.copyAttemptTimeout = config.hasPath(key) ? config.getDuration(key) : java.time.Duration.ofMinutes(30);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Train.class, this::onTrain)
        .onMessage(Release.class, r -> Behaviors.stopped())
        .onSignal(PostStop.class, s -> {
          if (learner != null) {
            learner.close();
          }
          return this;
        })
        .build();
  }

  private Behavior<Command> onTrain(Train t) {
    if (t.requestId() == lastRequestId && lastAnswer != null) {
      t.replyTo().tell(lastAnswer);
      return this;
    }
    LearnerTraining.Loaded loaded;
    try {
      loaded = scenarios.load(t.scenario(), t.overrides());
      if (!loaded.digest().sha256().equals(t.scenarioDigest())) {
        // This member may have read the file before it was changed (an earlier run): read it again.
        loaded = scenarios.reload(t.scenario(), t.overrides());
      }
      if (!loaded.digest().sha256().equals(t.scenarioDigest())) {
        // The run's side names the first key that differs from these values.
        t.replyTo().tell(new Refused(host, "learner " + entityId + " on " + host + " loads scenario " + t.scenario()
            + " with digest " + brief(loaded.digest().sha256()) + ", the run's has " + brief(t.scenarioDigest()) + " (seed "
            + t.seed() + ", period " + t.period() + ")", loaded.digest().values()));
        return this;
      }
      long here = learner == null ? -1 : learner.exportParams().updates();
      if (here != t.updates()) {
        if (t.stateOrNull() == null && t.updates() > 0) {
          t.replyTo().tell(new NeedState(host, Math.max(here, 0)));
          return this;
        }
        if (learner != null) {
          learner.close();
        }
        learner = LearnerTraining.build(loaded, t.seed(), t.problem());
        if (t.stateOrNull() != null) {
          learner.restoreCheckpoint(t.stateOrNull());
        }
      }
    } catch (RuntimeException e) {
      t.replyTo().tell(new Refused(host, "learner " + entityId + " could not be built on " + host + " (seed "
          + t.seed() + ", period " + t.period() + "): " + (e.getMessage() != null ? e.getMessage() : e)));
      return this;
    }
    beforeTraining.accept(t);
    PpoCheckpoint before = learner.exportCheckpoint();
    LeaderCopies copies = copiesOnMembers(t, loaded);
    try {
      lastAnswer = new Answered(host, LearnerTraining.train(learner, before, loaded, t.seed(), t.period(),
          t.problem(), host));
      lastRequestId = t.requestId();
      t.replyTo().tell(lastAnswer);
    } finally {
      if (copies != null) {
        learner.setRemoteCopies(null);
        copies.close();
      }
    }
    return this;
  }

  /**
   * The leader's rollout copies k ≥ 1 (learning.leader.env-copies > 1) go to copy entities on the
   * cluster's members, placed as learners are; null for a follower or a single copy.
   */
  private LeaderCopies copiesOnMembers(Train t, LearnerTraining.Loaded loaded) {
    if (!(t.problem() instanceof io.stackelgrid.game.LeaderProblem p) || loaded.game().leaderEnvCopies() < 2) {
      return null;
    }
    LeaderCopies copies = new LeaderCopies(getContext().getSystem(), entities, new LeaderCopies.Call(entityId,
        t.scenario(), t.overrides(), t.scenarioDigest(), t.seed(), t.period(), learner.updates(), p, loaded), learner,
        copyAttemptTimeout);
    learner.setRemoteCopies(copies);
    return copies;
  }

  /** The start of a hex digest, enough to tell two apart in a message. */
  private static String brief(String sha256) {
    return sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256.isEmpty() ? "none" : sha256;
  }
}
