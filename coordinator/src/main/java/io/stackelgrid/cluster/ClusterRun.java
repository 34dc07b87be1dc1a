package io.stackelgrid.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.stackelgrid.actors.Trainer;
import io.stackelgrid.game.LearnerFactory;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.ppo.PpoCheckpoint;
import io.stackelgrid.scenario.ScenarioDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stackelgrid run --cluster FILE}: this process joins the cluster as a member and plays each
 * seed's world here, with the learners (followers and leader) resident on the workers
 * ({@link ResidentLearners}), placed by measured cost ({@link LearnerPlacer}). A request carries only
 * the learner's problem and how many updates its last good state holds; the state itself travels
 * only to a learner that lost it (its member left, or its place moved).
 */
public final class ClusterRun {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);
  private final ActorSystem<Void> system;
  private final ResidentLearners learners;
  private final ActorRef<LearnerPlacer.Command> placer;
  /** Entity ids of this process's learners start with it, so runs of other processes never share one. */
  private final String runKey = UUID.randomUUID().toString();

  /** How long the placer may take to answer one request when its learner never does: every attempt and one more. */
  private final Duration allAttempts;

  private ClusterRun(ActorSystem<Void> system, ResidentLearners learners, ActorRef<LearnerPlacer.Command> placer,
      Duration allAttempts) {
    this.system = system;
    this.learners = learners;
    this.placer = placer;
    this.allAttempts = allAttempts;
  }

  /** Joins the cluster of the node file {@code file} (roles [coordinator], or with worker to host learners too). */
  public static ClusterRun join(Path file) {
    Config config = ClusterConfig.fromFile(file);
    ClusterRun run = start(config, file.toString(), t -> { });
    MemberStart.awaitUp(run.system, config, file.toString());
    return run;
  }

  /** Starts a member with an already resolved cluster config. */
  public static ClusterRun start(Config config) {
    return start(config, "cluster config", t -> { });
  }

  /** As {@link #start(Config)}, calling {@code beforeTraining} before each training this member hosts (tests). */
  public static ClusterRun start(Config config, String source, Consumer<ResidentLearner.Train> beforeTraining) {
    ActorSystem<Void> system = MemberStart.create(Behaviors.empty(), config, source);
    ResidentLearners learners = ResidentLearners.start(system, beforeTraining);
    Duration attemptTimeout = config.getDuration("stackelgrid.node.learner-attempt-timeout");
    int attempts = config.getInt("stackelgrid.node.learner-attempts");
    ActorRef<LearnerPlacer.Command> placer = system.systemActorOf(LearnerPlacer.create(learners, attemptTimeout,
        attempts), "learner-placer", Props.empty());
    return new ClusterRun(system, learners, placer, attemptTimeout.multipliedBy(attempts + 1L));
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /**
   * Places seed {@code seed}'s learners on the cluster's workers: requests carry the scenario (a
   * built-in name or a file every worker can read), its overrides, its digest and the learner's
   * problem; a worker that loads the scenario differently refuses, and the run fails naming the
   * first key that differs.
   *
   * @param digest the digest of the scenario as this process loaded it from {@code scenarioNameOrFile}
   *     and {@code overrides}
   * @param timeout how long one best response may take, re-sends included
   */
  public Trainer.Placement placement(ScenarioDigest digest, String scenarioNameOrFile, List<String> overrides,
      long seed, int leaderCopies, Duration timeout) {
    // A scenario file travels as an absolute path: workers do not share this process's working folder.
    String scenario = Files.isRegularFile(Path.of(scenarioNameOrFile))
        ? Path.of(scenarioNameOrFile).toAbsolutePath().toString() : scenarioNameOrFile;
    String prefix = runKey + "/seed-" + seed + "/";
    List<String> ids = new ArrayList<>();
    List<String> copyIds = new ArrayList<>();
    for (int k = 1; k < leaderCopies; k++) {
      copyIds.add(LeaderCopies.copyId(prefix + LearnerFactory.LEADER, k));
    }
    return new Trainer.Placement() {
      private CompletionStage<LearnerPlacer.Ready> ready;

      @Override
      public Trainer<io.stackelgrid.game.FollowerProblem> follower(int aggregator) {
        return trainer(prefix + LearnerFactory.followerName(aggregator));
      }

      @Override
      public Trainer<io.stackelgrid.game.LeaderProblem> leader() {
        return trainer(prefix + LearnerFactory.LEADER);
      }

      private <P extends LearnerProblem> Trainer<P> trainer(String id) {
        ids.add(id);
        return (period, problem, lastGood) -> placed().thenCompose(r -> ask(id, scenario, overrides, digest, seed,
            period, problem, lastGood, timeout));
      }

      /** Every learner of the seed placed once, before its first training (the seed's driver asks). */
      private CompletionStage<LearnerPlacer.Ready> placed() {
        if (ready == null) {
          List<LearnerPlacement.Learner> all = new ArrayList<>();
          // Before any measurement a follower counts 1; the leader, whose every step plays a period
          // of the world, as many as there are followers, and so does each of its rollout copies.
          // Followers train together, the leader and its copies together later: two phases.
          int followers = ids.size() - 1;
          for (String id : ids) {
            boolean leader = id.endsWith("/" + LearnerFactory.LEADER);
            all.add(new LearnerPlacement.Learner(id, leader ? followers : 1, leader ? "leader" : "followers"));
          }
          copyIds.forEach(id -> all.add(new LearnerPlacement.Learner(id, followers, "leader")));
          ready = AskPattern.ask(placer, replyTo -> new LearnerPlacer.Register(List.copyOf(all), replyTo), timeout,
              system.scheduler());
        }
        return ready;
      }

      @Override
      public void periodPlayed() {
        placer.tell(new LearnerPlacer.Replan());
      }

      @Override
      public void release() {
        for (String id : ids) {
          learners.ref(id).tell(new ResidentLearner.Release("seed " + seed + " done"));
        }
        for (String id : copyIds) {
          learners.copyRef(id).tell(new RolloutCopyHost.Release("seed " + seed + " done"));
        }
        List<String> all = new ArrayList<>(ids);
        all.addAll(copyIds);
        placer.tell(new LearnerPlacer.Forget(all));
      }
    };
  }

  /** One best response of learner {@code id}, carried by the placer (answered, or re-sent as it must). */
  private CompletionStage<Reply> ask(String id, String scenario, List<String> overrides, ScenarioDigest digest,
      long seed, int period, LearnerProblem problem, PpoCheckpoint lastGood, Duration timeout) {
    boolean follower = !id.endsWith("/" + LearnerFactory.LEADER);
    // The placer's own answer (the learner named, after its last attempt) comes before this ask gives up.
    Duration askTimeout = timeout.compareTo(allAttempts) >= 0 ? timeout : allAttempts;
    return AskPattern.<LearnerPlacer.Command, LearnerPlacer.Result>ask(placer, replyTo -> new LearnerPlacer.Train(id,
        scenario, overrides, digest, seed, period, problem, lastGood, follower, replyTo), askTimeout,
        system.scheduler())
        .thenApply(result -> {
          if (result instanceof LearnerPlacer.Failed f) {
            throw new io.stackelgrid.common.RunFailedException(f.error());
          }
          Reply reply = ((LearnerPlacer.Done) result).reply();
          LOG.debug("{} (period {}): training {} ms", id, period, reply.trainNanos() / 1_000_000);
          return reply;
        });
  }
}
