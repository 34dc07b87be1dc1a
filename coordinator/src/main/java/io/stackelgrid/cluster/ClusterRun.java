package io.stackelgrid.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import com.google.protobuf.Message;
import com.typesafe.config.Config;
import io.stackelgrid.actors.FollowerTrainer;
import io.stackelgrid.actors.LeaderTrainer;
import io.stackelgrid.proto.PpoCheckpoint;
import io.stackelgrid.proto.RemoteTrainFollower;
import io.stackelgrid.proto.RemoteTrainLeader;
import io.stackelgrid.proto.RemoteTrainReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.TrainReply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code stackelgrid run --cluster FILE}: this process joins the cluster as a member and plays each
 * seed's world here, with the learners (followers and leader) on the workers' learner hosts (see
 * {@link LearnerClient}). The leader's request carries the learning world's state its environment
 * copies ({@link io.stackelgrid.game.LeaderProblem}); the worker rebuilds that world.
 */
public final class ClusterRun {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterRun.class);
  private final ActorSystem<Void> system;
  private final ActorRef<Object> client;

  private ClusterRun(ActorSystem<Void> system, ActorRef<Object> client) {
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
    ActorRef<Object> client = system.systemActorOf(LearnerClient.create(attempt), "learner-client", Props.empty());
    return new ClusterRun(system, client);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /**
   * Places seed {@code seed}'s learners on the cluster: requests carry the scenario (a built-in name
   * or a file every worker can read), its overrides, the learner's warm state and its problem (a
   * follower's, or the learning world's state the leader's environment copies).
   *
   * @param timeout how long one best response may take, retries included
   */
  public FollowerTrainer.Placement placement(String scenarioNameOrFile, List<String> overrides, long seed,
      Duration timeout) {
    // A scenario file travels as an absolute path: workers do not share this process's working folder.
    String scenario = java.nio.file.Files.isRegularFile(Path.of(scenarioNameOrFile))
        ? Path.of(scenarioNameOrFile).toAbsolutePath().toString() : scenarioNameOrFile;
    return new FollowerTrainer.Placement() {
      @Override
      public FollowerTrainer follower(int bus, AtomicReference<PpoCheckpoint> lastGood) {
        return (period, problem) -> {
          RemoteTrainFollower.Builder r = RemoteTrainFollower.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
              .setScenario(scenario).addAllOverrides(overrides).setSeed(seed).setPeriod(period)
              .setProblem(problem.toMessage());
          if (lastGood.get() != null) {
            r.setWarm(lastGood.get());
          }
          return send(r.build(), period, lastGood, timeout);
        };
      }

      @Override
      public LeaderTrainer leader(AtomicReference<PpoCheckpoint> lastGood) {
        return (period, env) -> {
          RemoteTrainLeader.Builder r = RemoteTrainLeader.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
              .setScenario(scenario).addAllOverrides(overrides).setSeed(seed).setPeriod(period)
              .setWorld(env.problem().toMessage());
          if (lastGood.get() != null) {
            r.setWarm(lastGood.get());
          }
          return send(r.build(), period, lastGood, timeout);
        };
      }
    };
  }

  /** Sends one best-response request; the reply updates {@code lastGood} when it carries a new state. */
  private CompletableFuture<TrainReply> send(Message request, int period, AtomicReference<PpoCheckpoint> lastGood,
      Duration timeout) {
    CompletableFuture<RemoteTrainReply> reply = new CompletableFuture<>();
    long t0 = System.nanoTime();
    client.tell(new LearnerClient.Train(request, reply));
    return reply.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).thenApply(a -> {
      // Sizes against Artery's maximum frame (256 KB by default) and the cost of going remote.
      LOG.debug("{} (period {}) trained on {}: request {} bytes, reply {} bytes, training {} ms, waited {} ms",
          a.getLearner(), period, a.getHost(), request.getSerializedSize(), a.getSerializedSize(),
          a.getTrainNanos() / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
      if (!a.hasParams()) {
        throw new io.stackelgrid.common.RunFailedException(a.getFailure());
      }
      if (a.hasState()) {
        lastGood.set(a.getState());
      }
      return TrainReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setLearner(a.getLearner())
          .setPeriod(period).setParams(a.getParams()).setFailure(a.getFailure()).setTrainNanos(a.getTrainNanos())
          .build();
    });
  }
}
