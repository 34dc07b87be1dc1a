package io.stackelgrid.cli;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.SweepCoordinator;
import io.stackelgrid.cluster.SweepPlan;
import io.stackelgrid.cluster.SweepWorker;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.proto.SweepFinished;
import io.stackelgrid.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stackelgrid sweep}: joins the cluster as a coordinator member and spreads whole seeds (one
 * per scenario point and seed) over the worker members; results in the layout of {@code run}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Spread seeds (and scenario points of --set key=v1,v2) over the cluster's workers; writes "
        + "DIR/seed-K/... and DIR/summary.json as run does (DIR/point-I/... and DIR/sweep.json for several points).")
public final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--cluster", paramLabel = "FILE", required = true,
      description = "This member's node config (roles [coordinator], or [coordinator, worker] to play seeds too; "
          + "seed nodes of the cluster).")
  Path cluster;

  @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "three-bus",
      description = "Built-in scenario or HOCON file, readable by every worker (default: ${DEFAULT-VALUE}).")
  String scenarioName;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Seeds 0 … N−1 (default: 1).")
  int seeds;

  @Option(names = "--set", paramLabel = "KEY=V1[,V2…]",
      description = "Override a scenario key (repeatable); several comma-separated values sweep over them.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--days", paramLabel = "D", description = "Days per seed (default: the scenario's clock.days).")
  Integer days;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/sweep",
      description = "Results folder, on a file system every worker writes to (default: ${DEFAULT-VALUE}).")
  Path out;

  /** How long the sweep waits for its member to leave the cluster and shut down. */
  private static final Duration TERMINATION_WAIT = Duration.ofSeconds(60);

  @Override
  public Integer call() throws Exception {
    if (seeds <= 0) {
      throw new StackelgridException("--seeds must be a positive number, got " + seeds);
    }
    SweepPlan plan = SweepPlan.of(scenarioName, sets, LongStream.range(0, seeds).boxed().toList(), days, out);
    var config = ClusterConfig.fromFile(cluster);
    if (!config.getStringList("akka.cluster.roles").contains(ClusterConfig.ROLE_COORDINATOR)) {
      throw new StackelgridException(cluster + ": stackelgrid.node.roles must include " + ClusterConfig.ROLE_COORDINATOR
          + " for a sweep (the sweep's coordinator runs as a Cluster Singleton on that role)");
    }
    org.slf4j.LoggerFactory.getILoggerFactory();
    long t0 = System.nanoTime();
    ActorSystem<Void> system = io.stackelgrid.cluster.MemberStart.create(Behaviors.setup(ctx -> {
      // A member with both roles also plays seeds: a one-machine sweep needs no other process.
      if (config.getStringList("akka.cluster.roles").contains(ClusterConfig.ROLE_WORKER)) {
        ctx.spawn(SweepWorker.create(), "sweep-worker");
      }
      return Behaviors.empty();
    }), config, cluster.toString());
    SweepCoordinator.Outcome outcome;
    try {
      io.stackelgrid.cluster.MemberStart.awaitUp(system, config, cluster.toString());
      // One coordinator per plan in the whole cluster: a second sweep process of the same plan (say,
      // on a standby coordinator host) waits for the running one, and takes over if its member goes.
      ActorRef<Object> coordinator = SweepCoordinator.singleton(system, SweepCoordinator.singletonName(plan.jobs()),
          plan.jobs(), new CompletableFuture<>());
      SweepFinished f = SweepCoordinator.awaitOutcome(system, coordinator, Duration.ofSeconds(30));
      outcome = new SweepCoordinator.Outcome(f.getResultsList(), f.getRequeued());
    } finally {
      // Leaves the cluster (coordinated shutdown) so the workers see this member go. Bounded: a
      // member downed while it was still joining has been seen never to finish terminating, and the
      // sweep would then hang instead of reporting why it stopped.
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(TERMINATION_WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        spec.commandLine().getErr().println("sweep: this member's actor system did not shut down within "
            + TERMINATION_WAIT.toSeconds() + " s; going on without it");
      }
    }
    plan.writeSummaries(outcome.results());
    for (SweepPlan.Point p : plan.points()) {
      Report.build(p.dir());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    long workers = outcome.results().stream().map(r -> r.getWorkerAddress()).distinct().count();
    double wallSeconds = (System.nanoTime() - t0) / 1e9;
    double seedSeconds = outcome.results().stream().mapToDouble(r -> r.getWallSeconds()).sum();
    // Worker time not spent inside a seed (joining, waiting, messaging), as a share of all worker time.
    double overhead = workersShare(seedSeconds, wallSeconds, outcome.results().stream()
        .map(r -> r.getWorkerAddress()).distinct().count());
    stdout.printf(Locale.ROOT, "sweep: %.1f s of seed runs, %.0f %% of worker time outside them%n", seedSeconds,
        100 * overhead);
    stdout.printf(Locale.ROOT, "sweep: %d job(s) (%d point(s) x %d seed(s) x %d days) on %d worker(s) in %.1f s, "
            + "%d re-queued; results in %s%n", outcome.results().size(), plan.points().size(), seeds, plan.days(),
        workers, wallSeconds, outcome.requeued(), out);
    stdout.flush();
    return 0;
  }

  private static double workersShare(double seedSeconds, double wallSeconds, long workers) {
    double workerSeconds = wallSeconds * Math.max(1, workers);
    return Math.max(0, 1 - seedSeconds / workerSeconds);
  }
}
