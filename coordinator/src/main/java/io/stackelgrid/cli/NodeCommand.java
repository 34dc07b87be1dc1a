package io.stackelgrid.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.MemberStart;
import io.stackelgrid.cluster.SweepWorker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stackelgrid node}: starts a cluster member and runs until stopped (SIGTERM leaves the cluster cleanly). */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Start a cluster member (roles worker/coordinator, host, port and seed nodes from the config "
        + "file's stackelgrid.node section); a worker plays the seeds that sweeps hand out and trains the best responses of run --cluster.")
public final class NodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "Node config (HOCON): stackelgrid.node.{host,port,roles,seed-nodes}, optional akka.* keys (TLS).")
  Path config;

  @Override
  public Integer call() {
    Config c = ClusterConfig.fromFile(config);
    List<String> roles = c.getStringList("akka.cluster.roles");
    org.slf4j.LoggerFactory.getILoggerFactory();
    ActorSystem<Void> system = MemberStart.create(Behaviors.setup(ctx -> {
      if (roles.contains(ClusterConfig.ROLE_WORKER)) {
        ctx.spawn(SweepWorker.create(), "sweep-worker");
      }
      return Behaviors.empty();
    }), c, config.toString());
    // A worker hosts run --cluster's resident learners (other members only reach them).
    io.stackelgrid.cluster.ResidentLearners.start(system, t -> { });
    // From the process start, so the figure includes JVM and Akka start-up.
    java.time.Instant started = ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now());
    PrintWriter out = spec.commandLine().getOut();
    out.println("node: " + system.address() + " roles " + roles + " (stop with SIGTERM)");
    out.flush();
    // Operators (and local-cluster.sh users) see when this member is in; seed nodes that do not
    // answer within join-timeout (or a refused TLS certificate) end the process with an error.
    MemberStart.awaitUp(system, c, config.toString());
    out.printf(java.util.Locale.ROOT, "node: Up %.1f s after the process started%n",
        java.time.Duration.between(started, java.time.Instant.now()).toMillis() / 1e3);
    out.flush();
    system.getWhenTerminated().toCompletableFuture().join();
    var reason = akka.actor.CoordinatedShutdown.get(akka.actor.typed.javadsl.Adapter.toClassic(system))
        .getShutdownReason();
    if (reason.isPresent() && reason.get() instanceof akka.actor.CoordinatedShutdown.ClusterDowningReason$) {
      throw new io.stackelgrid.common.RunFailedException("node " + system.address() + " was downed by the cluster "
          + "(the split brain resolver found it unreachable); start it again to rejoin");
    }
    return 0;
  }
}
