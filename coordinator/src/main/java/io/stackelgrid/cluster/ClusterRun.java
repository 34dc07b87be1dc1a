package io.stackelgrid.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.stackelgrid.actors.Trainer;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.FollowerProblem;
import io.stackelgrid.game.LeaderProblem;
import io.stackelgrid.game.LearnerProblem;
import io.stackelgrid.learner.LearnerActor.Reply;
import io.stackelgrid.learner.LearnerActor.Trained;
import io.stackelgrid.ppo.PpoCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stackelgrid run --cluster FILE}: this process joins the cluster as a member and plays each
 * seed's world here, with the learners (followers and leader) on the workers' learner hosts (see
 * {@link LearnerClient}). A request carries the learner's problem and its last good state; the
 * reply brings the new state back.
 */
public final class ClusterRun {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);
  private final ActorSystem<Void> system;
  private final ActorRef<LearnerClient.Command> client;

  private ClusterRun(ActorSystem<Void> system, ActorRef<LearnerClient.Command> client) {
    this.system = system;
    this.client = client;
  }

  /** Joins the cluster of the node file {@code file} (roles [coordinator], or with worker to host learners too). */
  public static ClusterRun join(Path file) {
    Config config = ClusterConfig.fromFile(file);
    ClusterRun run = start(config, file.toString());
    MemberStart.awaitUp(run.system, config, file.toString());
    return run;
  }

  /** Starts a member with an already resolved cluster config. */
  public static ClusterRun start(Config config) {
    return start(config, "cluster config");
  }

  private static ClusterRun start(Config config, String source) {
    List<String> roles = config.getStringList("akka.cluster.roles");
    int threads = config.getInt("stackelgrid.node.learner-threads");
    ActorSystem<Void> system = MemberStart.create(Behaviors.setup(ctx -> {
      if (roles.contains(ClusterConfig.ROLE_WORKER)) {
        ctx.spawn(LearnerHost.create(threads), "learner-host");
      }
      return Behaviors.empty();
    }), config, source);
    Duration attempt = config.getDuration("stackelgrid.node.learner-attempt-timeout");
    ActorRef<LearnerClient.Command> client = system.systemActorOf(LearnerClient.create(attempt), "learner-client",
        Props.empty());
    return new ClusterRun(system, client);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /**
   * Places seed {@code seed}'s learners on the cluster: requests carry the scenario (a built-in name
   * or a file every worker can read), its overrides, the learner's last good state and its problem.
   *
   * @param timeout how long one best response may take, re-sends included
   */
  public Trainer.Placement placement(String scenarioNameOrFile, List<String> overrides, long seed, Duration timeout) {
    // A scenario file travels as an absolute path: workers do not share this process's working folder.
    String scenario = Files.isRegularFile(Path.of(scenarioNameOrFile))
        ? Path.of(scenarioNameOrFile).toAbsolutePath().toString() : scenarioNameOrFile;
    return new Trainer.Placement() {
      @Override
      public Trainer<FollowerProblem> follower(int bus, PpoCheckpoint warmOrNull) {
        return remote(scenario, overrides, seed, timeout, warmOrNull);
      }

      @Override
      public Trainer<LeaderProblem> leader(int buses, PpoCheckpoint warmOrNull) {
        return remote(scenario, overrides, seed, timeout, warmOrNull);
      }
    };
  }

  /** A learner on the cluster: each request carries its last good state, each good reply replaces it. */
  private <P extends LearnerProblem> Trainer<P> remote(String scenario, List<String> overrides, long seed,
      Duration timeout, PpoCheckpoint warmOrNull) {
    PpoCheckpoint[] lastGood = {warmOrNull};
    return (period, problem) -> {
      long t0 = System.nanoTime();
      return AskPattern.<LearnerClient.Command, LearnerClient.Result>ask(client,
          replyTo -> new LearnerClient.Train(scenario, overrides, seed, period, problem, lastGood[0], replyTo),
          timeout, system.scheduler()).thenApply(result -> {
            if (result instanceof LearnerClient.Refused r) {
              throw new io.stackelgrid.common.RunFailedException(r.error());
            }
            LearnerClient.Answered a = (LearnerClient.Answered) result;
            Reply reply = a.reply();
            LOG.debug("{} (period {}) trained on {}: training {} ms, waited {} ms", reply.learner(), period, a.host(),
                reply.trainNanos() / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
            if (reply instanceof Trained t) {
              lastGood[0] = t.state();
            }
            return reply;
          });
    };
  }
}
