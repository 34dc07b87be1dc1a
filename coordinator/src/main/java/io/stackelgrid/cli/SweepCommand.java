package io.stackelgrid.cli;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.cluster.SeedJob;
import io.stackelgrid.cluster.SweepCoordinator;
import io.stackelgrid.cluster.SweepPlan;
import io.stackelgrid.cluster.SweepWait;
import io.stackelgrid.cluster.SweepWorker;
import io.stackelgrid.cluster.SeedResult;
import io.stackelgrid.cluster.SweepCoordinator.SweepFinished;
import io.stackelgrid.cluster.SweepJob;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.report.Report;
import io.stackelgrid.results.FolderLock;
import io.stackelgrid.seed.SeedPool;
import io.stackelgrid.seed.SeedSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stackelgrid sweep}: plays scenario points × seeds, each seed exactly as {@code run} plays it,
 * in this JVM on all cores (default) or spread over a cluster's workers ({@code --cluster}); the
 * files are the same either way, in the layout of {@code run} per point.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Play scenario points (a --plan file, or every combination of --set key=v1,v2) x seeds, in this "
        + "JVM on all cores or over a cluster's workers (--cluster); writes DIR/NAME/seed-K/... and summary.json per "
        + "point as run does, and DIR/sweep.json.")
public final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--cluster", paramLabel = "FILE",
      description = "Spread the seeds over the cluster of this member's node config (roles [coordinator], or "
          + "[coordinator, worker] to play seeds too). Without it the sweep plays in this JVM.")
  Path cluster;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "A sweep plan (HOCON): points = [{name, scenario, days, set {key = value}}], optional top-level "
          + "scenario, seeds, days and set.")
  Path planFile;

  @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "three-bus",
      description = "Built-in scenario or HOCON file, readable by every worker (default: ${DEFAULT-VALUE}).")
  String scenarioName;

  @Option(names = "--seeds", paramLabel = "N", description = "Seeds 0 … N−1 (default: the plan's seeds, else 1).")
  Integer seeds;

  @Option(names = "--set", paramLabel = "KEY=V1[,V2…]",
      description = "Override a scenario key (repeatable); several comma-separated values sweep over them (one "
          + "value each with --plan: it applies to every point).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--days", paramLabel = "D", description = "Days per seed (default: the plan's, else the "
      + "scenario's clock.days).")
  Integer days;

  @Option(names = "--parallel", paramLabel = "K",
      description = "Seeds played at once without --cluster (default: every job, at most 4 per available processor).")
  Integer parallel;

  @Option(names = "--households", paramLabel = "N", description = "Every seed's real world (and baseline) plays N "
      + "households sampled from the scenario's groups, as run --households N.")
  Long households;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/sweep",
      description = "Results folder, on a file system every worker writes to (default: ${DEFAULT-VALUE}).")
  Path out;

  /** How long the sweep waits for its member to leave the cluster and shut down. */
  private static final Duration TERMINATION_WAIT = Duration.ofSeconds(60);

  @Override
  public Integer call() throws Exception {
    if (seeds != null && seeds <= 0) {
      throw new StackelgridException("--seeds must be a positive number, got " + seeds);
    }
    if (days != null && days <= 0) {
      throw new StackelgridException("--days must be a positive number, got " + days);
    }
    if (parallel != null && parallel <= 0) {
      throw new StackelgridException("--parallel must be a positive number, got " + parallel);
    }
    SweepPlan plan = planFile != null
        ? SweepPlan.fromFile(planFile, scenarioName, sets, seeds, days, out)
        : SweepPlan.of(scenarioName, sets, LongStream.range(0, seeds == null ? 1 : seeds).boxed().toList(), days, out);
    if (households != null && (households <= 0 || plan.points().stream()
        .anyMatch(p -> p.scenario().households().totalCount() == 0))) {
      throw new StackelgridException("--households must be a positive number and every point's scenario must have "
          + "households to sample, got " + households);
    }
    List<SweepJob> jobs = plan.jobs(households == null ? 0 : households);
    // A bad node file is bad input: refused before the folders are locked (and so created).
    Config clusterConfig = cluster == null ? null : memberConfig();
    // One writer per folder: the sweep's own and each point's, before anything is written there.
    List<FolderLock> locks = new ArrayList<>();
    try {
      for (Path dir : folders(plan)) {
        locks.add(FolderLock.take(dir, "--out", "stackelgrid sweep"));
      }
      refuseForeignResults(plan, households == null ? 0 : households);
      return play(plan, jobs, clusterConfig);
    } finally {
      for (int i = locks.size() - 1; i >= 0; i--) {
        locks.get(i).close();
      }
    }
  }

  /** The sweep's folder and its points' folders, each once. */
  private List<Path> folders(SweepPlan plan) {
    java.util.LinkedHashSet<Path> dirs = new java.util.LinkedHashSet<>();
    dirs.add(out.toAbsolutePath().normalize());
    plan.points().forEach(p -> dirs.add(p.dir()));
    return new ArrayList<>(dirs);
  }

  /**
   * A point's folder holds only this sweep's seeds (a sweep continues them from their checkpoints):
   * another run's folder, or seed results this sweep does not play, would end up mixed with its own.
   */
  private static void refuseForeignResults(SweepPlan plan, long households) {
    for (SweepPlan.Point p : plan.points()) {
      if (Files.exists(p.dir().resolve(io.stackelgrid.results.RunFolder.OPTIONS_FILE))) {
        throw new StackelgridException("--out: " + p.dir() + " holds a run (run.json); a sweep writes into a folder "
            + "of its own: choose another --out");
      }
      List<String> foreign = new ArrayList<>();
      try (var list = Files.list(p.dir())) {
        list.filter(d -> d.getFileName().toString().matches("seed-\\d+"))
            .filter(d -> Files.exists(d.resolve("steps.csv")) || Files.exists(d.resolve("checkpoint")))
            .filter(d -> !plan.seeds().contains(Long.parseLong(d.getFileName().toString().substring(5))))
            .map(d -> d.getFileName().toString()).sorted().forEach(foreign::add);
      } catch (java.io.IOException e) {
        throw new StackelgridException("--out: cannot list " + p.dir() + ": " + e.getMessage(), e);
      }
      if (!foreign.isEmpty()) {
        throw new StackelgridException("--out: " + p.dir() + " holds " + String.join(", ", foreign) + ", which this "
            + "sweep (seeds " + plan.seeds() + ") does not play; its summary would not list them: choose another --out");
      }
      // A seed continues from its checkpoint: one of another sweep (other days, keys...) would be refused
      // by every job after the sweep started; refuse it now, before any work, as bad input.
      for (long seed : plan.seeds()) {
        Path checkpoint = p.dir().resolve("seed-" + seed).resolve(io.stackelgrid.checkpoint.CheckpointFile.NAME);
        String written = Files.exists(checkpoint) ? io.stackelgrid.checkpoint.CheckpointFile.writtenBy(checkpoint)
            : null;
        String expected = new io.stackelgrid.seed.SeedSpec(p.scenario(), seed, p.days(), households, checkpoint,
            true).fingerprint();
        if (written != null && !written.equals(expected)) {
          throw new StackelgridException("--out: " + checkpoint + " is another run's ("
              + io.stackelgrid.checkpoint.RunFingerprint.difference(written, expected) + "); a sweep continues only "
              + "its own seeds: choose another --out");
        }
      }
    }
  }

  /** Plays the jobs (here or on the cluster), then writes the summaries and reports. */
  private int play(SweepPlan plan, List<SweepJob> jobs, Config clusterConfig) throws Exception {
    ExitCodes.onInterrupt("results and each seed's last checkpoint are in " + out + "; the same sweep command "
        + "continues every seed from its checkpoint");
    long t0 = System.nanoTime();
    List<SeedResult> results;
    String where;
    if (cluster == null) {
      results = playHere(plan, jobs);
      where = "this JVM";
    } else {
      SweepFinished outcome = playOnCluster(plan, jobs, clusterConfig);
      results = outcome.results();
      long workers = results.stream().map(SeedResult::workerAddress).distinct().count();
      double seedSeconds = results.stream().mapToDouble(SeedResult::wallSeconds).sum();
      // Worker time not spent inside a seed (joining, waiting, messaging), as a share of all worker time.
      double overhead = Math.max(0, 1 - seedSeconds / (((System.nanoTime() - t0) / 1e9) * Math.max(1, workers)));
      spec.commandLine().getOut().printf(Locale.ROOT, "sweep: %.1f s of seed runs, %.0f %% of worker time outside "
          + "them%n", seedSeconds, 100 * overhead);
      where = workers + " worker(s), " + outcome.requeued() + " re-queued";
    }
    try {
      plan.writeSummaries(results);
    } finally {
      for (SweepPlan.Point p : plan.points()) {
        if (Files.exists(p.dir().resolve("summary.json"))) {
          Report.build(p.dir());
        }
      }
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "sweep: %d job(s) (%d point(s) x %d seed(s), up to %d days) on %s in %.1f s; "
            + "results in %s%n", results.size(), plan.points().size(), plan.seeds().size(), plan.days(), where,
        (System.nanoTime() - t0) / 1e9, out);
    stdout.flush();
    return 0;
  }

  /**
   * Every job in this JVM, in the seed pool, each by the code a cluster worker runs; a failed job
   * becomes a failed result, so the other points' results are still written.
   */
  private List<SeedResult> playHere(SweepPlan plan, List<SweepJob> jobs) {
    long[] periodsOfJob = periodsOfJobs(plan, jobs);
    Config local = ConfigFactory.load();
    List<SeedPool.Job> poolJobs = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      SweepJob job = jobs.get(i);
      poolJobs.add(new SeedPool.Job(job.seed(), periodsOfJob[i], learnerFailed -> SeedJob.open(job, local,
          learnerFailed)));
    }
    SeedProgress progress = SeedProgress.forConsole(spec.commandLine().getErr(), PROGRESS_LABEL,
        LongStream.of(periodsOfJob).sum(), (index, outcome) -> { });
    // Initialise logging before the seeds' actor systems log concurrently (else SLF4J warns of a replay).
    LoggerFactory.getILoggerFactory();
    List<SeedPool.Outcome> outcomes;
    try {
      outcomes = SeedPool.play(poolJobs, SeedPool.threads(parallel, jobs.size()), SeedPool.OnFailure.CARRY_ON,
          progress);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.stackelgrid.common.RunInterruptedException("sweep interrupted", e);
    } catch (Error e) {
      throw new io.stackelgrid.common.RunFailedException("sweep: " + e, e);
    }
    progress.finish();
    List<SeedResult> results = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      results.add(SeedResult.of(jobs.get(i), outcomes.get(i)));
    }
    return results;
  }

  /** What the sweep's progress counts: periods played, of all jobs. */
  static final String PROGRESS_LABEL = "sweep: periods";

  /** The periods each job plays (its days in its point's leader periods, the last one maybe shorter). */
  private static long[] periodsOfJobs(SweepPlan plan, List<SweepJob> jobs) {
    long[] out = new long[jobs.size()];
    for (int i = 0; i < out.length; i++) {
      SweepJob j = jobs.get(i);
      SweepPlan.Point p = plan.points().stream().filter(x -> x.dir().equals(j.outDir())).findFirst().orElseThrow();
      out[i] = SeedSpec.periods(p.scenario(), j.days());
    }
    return out;
  }

  /**
   * The cluster sweep's progress, as the single-JVM sweep shows it: periods played and seeds done with
   * the time left, and a line for each worker lost (with the seeds it re-queued).
   */
  static java.util.function.Consumer<SweepCoordinator.SweepStatus> clusterProgress(Progress progress,
      long[] periodsOfJob) {
    SeedProgress shown = new SeedProgress(progress, (index, outcome) -> { });
    long periodsTotal = LongStream.of(periodsOfJob).sum();
    int[] eventsShown = {0};
    return status -> {
      for (int i = eventsShown[0]; i < status.events().size(); i++) {
        shown.event("sweep: " + status.events().get(i));
      }
      eventsShown[0] = status.events().size();
      long periods = 0;
      for (int j = 0; j < periodsOfJob.length; j++) {
        boolean jobDone = status.doneJobIds().contains(j);
        long reported = j < status.periodsDoneByJob().size() ? status.periodsDoneByJob().get(j) : 0;
        periods += jobDone ? periodsOfJob[j] : Math.min(reported, periodsOfJob[j]);
      }
      shown.progress(periods, periodsTotal, status.doneJobIds().size(), periodsOfJob.length);
    };
  }

  /** The sweep's member configuration from its node file, which must give it the coordinator role. */
  private Config memberConfig() {
    Config config = ClusterConfig.fromFile(cluster);
    if (!config.getStringList("akka.cluster.roles").contains(ClusterConfig.ROLE_COORDINATOR)) {
      throw new StackelgridException(cluster + ": stackelgrid.node.roles must include " + ClusterConfig.ROLE_COORDINATOR
          + " for a sweep (the sweep's coordinator runs as a Cluster Singleton on that role)");
    }
    return config;
  }

  private SweepFinished playOnCluster(SweepPlan plan, List<SweepJob> jobs, Config config)
      throws InterruptedException {
    LoggerFactory.getILoggerFactory();
    ActorSystem<Void> system = io.stackelgrid.cluster.MemberStart.create(Behaviors.setup(ctx -> {
      // A member with both roles also plays seeds: a one-machine sweep needs no other process.
      if (config.getStringList("akka.cluster.roles").contains(ClusterConfig.ROLE_WORKER)) {
        ctx.spawn(SweepWorker.create(), "sweep-worker");
      }
      return Behaviors.empty();
    }), config, cluster.toString());
    try {
      io.stackelgrid.cluster.MemberStart.awaitUp(system, config, cluster.toString());
      // One coordinator per plan in the whole cluster (a second sweep process of the plan, into the
      // same folder, is refused by the folder's lock before it gets here).
      ActorRef<SweepCoordinator.Command> coordinator = SweepCoordinator.singleton(system,
          SweepCoordinator.singletonName(jobs), jobs);
      long[] periodsOfJob = periodsOfJobs(plan, jobs);
      Progress progress = Progress.forConsole(spec.commandLine().getErr(), PROGRESS_LABEL,
          LongStream.of(periodsOfJob).sum());
      // This thread has nothing else to do: it waits for the answer to the coordinator's asks.
      SweepFinished f;
      java.util.function.Consumer<SweepCoordinator.SweepStatus> shown = clusterProgress(progress, periodsOfJob);
      try {
        f = SweepWait.outcome(system, coordinator, Duration.ofSeconds(30), shown).toCompletableFuture().get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r
            : new io.stackelgrid.common.RunFailedException("sweep: " + e.getCause(), e.getCause());
      }
      // The last status seen may predate the end: the outcome's lines show what it missed.
      shown.accept(new SweepCoordinator.SweepStatus(List.of(), java.util.stream.IntStream.range(0, jobs.size())
          .boxed().toList(), f.requeued(), f.events()));
      progress.finish();
      return f;
    } finally {
      // Leaves the cluster (coordinated shutdown) so the workers see this member go. Bounded: a
      // member downed while it was still joining has been seen never to finish terminating, and the
      // sweep would then hang instead of reporting why it stopped.
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(TERMINATION_WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException | InterruptedException e) {
        spec.commandLine().getErr().println("sweep: this member's actor system did not shut down within "
            + TERMINATION_WAIT.toSeconds() + " s; going on without it");
      }
    }
  }
}
