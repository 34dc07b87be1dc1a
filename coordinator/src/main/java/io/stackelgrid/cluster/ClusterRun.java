package io.stackelgrid.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.stackelgrid.actors.FollowerTrainer;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.proto.RemoteTrainFollower;
import io.stackelgrid.proto.RemoteTrainReply;
import io.stackelgrid.proto.SchemaVersions;
import io.stackelgrid.proto.TrainReply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code stackelgrid run --cluster FILE}: this process joins the cluster as a member and plays each
 * seed's world here, with the follower learners on the workers' learner hosts (see
 * {@link LearnerClient}). The leader's learner stays here: its environment is a copy of the
 * learning world, which only this member holds.
 */
public final class ClusterRun {
  private final ActorSystem<Void> system;
  private final ActorRef<Object> client;

  private ClusterRun(ActorSystem<Void> system, ActorRef<Object> client) {
    this.system = system;
    this.client = client;
  }

  /** Joins the cluster of the node file {@code file} (roles [coordinator], or with worker to host learners too). */
  public static ClusterRun join(Path file) {
    return start(ClusterConfig.fromFile(file));
  }

  /** Starts a member with an already resolved cluster config. */
  public static ClusterRun start(Config config) {
    List<String> roles = config.getStringList("akka.cluster.roles");
    int threads = config.getInt("stackelgrid.node.learner-threads");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
      if (roles.contains(ClusterConfig.ROLE_WORKER)) {
        ctx.spawn(LearnerHost.create(threads), "learner-host");
      }
      return Behaviors.empty();
    }), ClusterConfig.SYSTEM_NAME, config);
    Duration attempt = config.getDuration("stackelgrid.node.learner-attempt-timeout");
    ActorRef<Object> client = system.systemActorOf(LearnerClient.create(attempt), "learner-client", Props.empty());
    return new ClusterRun(system, client);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /**
   * Places seed {@code seed}'s follower learners on the cluster: requests carry the scenario (a
   * built-in name or a file every worker can read), its overrides and the learner's warm state.
   *
   * @param timeout how long one best response may take, retries included
   */
  public FollowerTrainer.Placement placement(String scenarioNameOrFile, List<String> overrides, long seed,
      Duration timeout) {
    // A scenario file travels as an absolute path: workers do not share this process's working folder.
    String scenario = java.nio.file.Files.isRegularFile(Path.of(scenarioNameOrFile))
        ? Path.of(scenarioNameOrFile).toAbsolutePath().toString() : scenarioNameOrFile;
    return (bus, lastGood) -> (period, problem) -> {
      RemoteTrainFollower.Builder r = RemoteTrainFollower.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
          .setScenario(scenario).addAllOverrides(overrides).setSeed(seed).setPeriod(period)
          .setProblem(problem.toMessage());
      if (lastGood.get() != null) {
        r.setWarm(lastGood.get());
      }
      CompletableFuture<RemoteTrainReply> reply = new CompletableFuture<>();
      client.tell(new LearnerClient.Train(r.build(), reply));
      return reply.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).thenApply(a -> {
        if (!a.hasParams()) {
          throw new StackelgridException(a.getFailure());
        }
        if (a.hasState()) {
          lastGood.set(a.getState());
        }
        return TrainReply.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setLearner(a.getLearner())
            .setPeriod(period).setParams(a.getParams()).setFailure(a.getFailure()).setTrainNanos(a.getTrainNanos())
            .build();
      });
    };
  }
}
