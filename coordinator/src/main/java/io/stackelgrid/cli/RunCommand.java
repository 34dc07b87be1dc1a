package io.stackelgrid.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.actors.Trainer;
import io.stackelgrid.cluster.ClusterRun;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.common.RunInterruptedException;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.report.Report;
import io.stackelgrid.results.FolderLock;
import io.stackelgrid.results.RunFolder;
import java.nio.file.Files;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioDigest;
import io.stackelgrid.seed.SeedDriver;
import io.stackelgrid.seed.SeedPool;
import io.stackelgrid.seed.SeedSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stackelgrid run}: the paper's experiment (MODEL.md §6). For each seed, Algorithm 1 on the
 * actor system (coordinator and learner actors) plays the learning world, with the no-storage
 * baseline alongside on common random numbers; results per seed in DIR/seed-K and across seeds in
 * DIR/summary.json.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the Stackelberg learning experiment (Algorithm 1): learning and baseline worlds per seed; "
        + "writes DIR/seed-K/{steps.csv,periods.csv,summary.json} and DIR/summary.json.")
public final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Seeds seeds = new Seeds();

  @Option(names = "--days", paramLabel = "D", description = "Days per seed (default: the scenario's clock.days).")
  Integer days;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/run",
      description = "Folder for the results (default: ${DEFAULT-VALUE}).")
  Path out;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Mode mode = new Mode();

  @Option(names = "--parallel", paramLabel = "K",
      description = "Seeds run at once (default: every seed, at most 4 per available processor).")
  Integer parallel;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR with the options it recorded (DIR/run.json) from each seed's "
          + "checkpoint; seeds without a checkpoint start afresh. An option given that differs from the "
          + "recorded one is refused. Results go to DIR.")
  Path resume;

  @Option(names = "--overwrite",
      description = "Replace the run already in --out (its seed folders, summaries and report); without it a "
          + "fresh run into a folder holding another run is refused.")
  boolean overwrite;

  /** How many seeds, or one given seed. */
  static final class Seeds {
    @Option(names = "--seeds", paramLabel = "N", description = "Run seeds 0 … N−1 (default: one seed, 0).")
    Integer count;

    @Option(names = "--seed", paramLabel = "K", description = "Run only seed K.")
    Long seed;
  }

  /** Mean field (default) or N real households on the mean-field tracker. */
  static final class Mode {
    @Option(names = "--mean-field", description = "Households as a mean field (the default).")
    boolean meanField;

    @Option(names = "--households", paramLabel = "N", description = "The real world (and the baseline) plays N "
        + "households sampled from the scenario's groups, each standing for count/N real ones; the inner loop "
        + "and the leader's shadow copies start from their empirical SoC histogram as μ.")
    Long households;
  }

  @Option(names = "--cluster", paramLabel = "FILE",
      description = "Join the cluster of this node config and train the best responses (followers' and the "
          + "leader's) on its workers (same files as without).")
  Path cluster;

  @Override
  public Integer call() {
    RunFolder.Options recorded = resumeOptions();
    Scenario scenario = scenarioOptions.load();
    long households = mode.households == null ? 0 : mode.households;
    if (mode.households != null && (households <= 0 || scenario.households().totalCount() == 0)) {
      throw new StackelgridException("--households must be a positive number and scenario " + scenario.origin()
          + " must have households to sample, got " + mode.households);
    }
    int runDays = days != null ? days : scenario.clock().days();
    if (runDays <= 0) {
      throw new StackelgridException("--days must be a positive number, got " + runDays);
    }
    List<Long> seedList = recorded != null ? recorded.seeds() : seedList();
    if (parallel != null && parallel <= 0) {
      throw new StackelgridException("--parallel must be a positive number, got " + parallel);
    }
    int threads = SeedPool.threads(parallel, seedList.size());
    RunFolder.Options options = new RunFolder.Options(scenarioKey(), scenarioOptions.overrides, seedList, runDays,
        households);
    if (cluster != null) {
      // A bad node file is bad input: refused before the folder is locked (and so created).
      io.stackelgrid.cluster.ClusterConfig.fromFile(cluster);
    }
    // One writer per folder: taken before anything is written there, released when the run ends.
    try (FolderLock lock = FolderLock.take(out, recorded != null ? "--resume" : "--out", "stackelgrid run")) {
      return play(scenario, options, recorded, threads);
    }
  }

  /** What the run's progress counts: periods played, of all seeds. */
  static final String PROGRESS_LABEL = "run: periods";

  /** The run itself, with the folder locked: seeds in the seed pool, then summary.json and report.html. */
  private int play(Scenario scenario, RunFolder.Options options, RunFolder.Options recorded, int threads) {
    List<Long> seedList = options.seeds();
    int runDays = options.days();
    if (recorded == null) {
      RunFolder.start(out, options, overwrite);
    }
    RunFolder.removeTemporaries(out);
    ExitCodes.onInterrupt("results and each seed's last checkpoint are in " + out + "; continue with "
        + "stackelgrid run --resume " + out);
    PrintWriter stdout = spec.commandLine().getOut();
    long periods = SeedSpec.periods(scenario, runDays);
    // Initialise logging before Akka's threads log concurrently (else SLF4J prints a replay warning).
    LoggerFactory.getILoggerFactory();
    ClusterRun clusterRun = cluster == null ? null : ClusterRun.join(cluster);
    // The scenario as loaded here: a worker that loads it differently is refused, naming the key.
    ScenarioDigest scenarioDigest = cluster == null ? null : ScenarioDigest.of(scenario);
    ActorSystem<Void> system = clusterRun != null ? clusterRun.system() : ActorSystem.create(Behaviors.empty(),
        "stackelgrid", ConfigFactory.parseString("akka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    // The seeds share the one actor system, each its own actors (their names carry the seed).
    List<SeedPool.Job> jobs = new ArrayList<>();
    for (long seed : seedList) {
      SeedSpec seedSpec = new SeedSpec(scenario, seed, runDays, options.households(), out.resolve("seed-" + seed),
          resume != null);
      jobs.add(new SeedPool.Job(seed, periods, learnerFailed -> SeedDriver.open(system, "seed-" + seed + "-", seedSpec,
          placement(clusterRun, scenarioDigest, scenario, seed), learnerFailed, null)));
    }
    SeedProgress progress = SeedProgress.forConsole(spec.commandLine().getErr(), PROGRESS_LABEL,
        periods * seedList.size(), (index, outcome) -> {
          if (outcome.ok()) {
            printSeed(stdout, outcome, runDays);
          }
        });
    List<SeedPool.Outcome> outcomes;
    try {
      // A failed seed ends the run (its error names seed and period); the others stop with it.
      outcomes = SeedPool.play(jobs, threads, SeedPool.OnFailure.STOP, progress);
    } catch (RunFailedException failed) {
      // Each seed's checkpoint of its last completed period stays as written: the run can go on.
      throw new RunFailedException(failed.getMessage() + "; each seed's last checkpoint is kept: continue with "
          + "stackelgrid run --resume " + out, failed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunInterruptedException("run interrupted; continue with stackelgrid run --resume " + out, e);
    } finally {
      system.terminate();
    }
    progress.finish();
    RunSummary.write(out, scenario, runDays, outcomes.stream().map(SeedPool.Outcome::summaryOrNull).toList());
    Report.build(out);
    stdout.printf(Locale.ROOT, "run: %d seed(s) x %d days of %s; results and report.html in %s%n", seedList.size(), runDays,
        scenario.name(), out);
    stdout.flush();
    return 0;
  }

  /** Where seed {@code seed}'s learners train: on the cluster's workers, or (null) as actors in this JVM. */
  private Trainer.Placement placement(ClusterRun clusterRunOrNull, ScenarioDigest scenarioDigest, Scenario scenario,
      long seed) {
    return clusterRunOrNull == null ? null : clusterRunOrNull.placement(scenarioDigest, scenarioOptions.scenarioName,
        scenarioOptions.overrides, seed, io.stackelgrid.game.GameSettings.of(scenario).leaderEnvCopies(),
        SeedDriver.PERIOD_TIMEOUT);
  }

  /** A seed's headline figures on stdout, as it ends. */
  private static void printSeed(PrintWriter stdout, SeedPool.Outcome o, int runDays) {
    RunSummary.Seed s = o.summaryOrNull();
    // The IMV window is the last 3 days, or the whole run when it is shorter.
    int imvDays = Math.min(RunSummary.IMV_DAYS, runDays);
    stdout.printf(Locale.ROOT, "seed %d: IMV of the last %s %.3f $/MWh learning vs %.3f baseline; "
            + "EEI gap last period %.3f pp vs %.3f; %.1f s%n", s.seed(), imvDays == 1 ? "day" : imvDays + " days",
        s.imvLearning(), s.imvBaseline(), s.gapLearning(), s.gapBaseline(), o.wallSeconds());
    stdout.flush();
  }

  /**
   * With --resume: the recorded options, put in place of this command's (an explicit option that
   * differs is refused); --out, if given, must be the same folder. Null for a fresh run.
   */
  private RunFolder.Options resumeOptions() {
    if (resume == null) {
      return null;
    }
    var parse = spec.commandLine().getParseResult();
    if (parse.hasMatchedOption("--out") && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
      throw new StackelgridException("--resume " + resume + " --out " + out + ": a resumed run continues in its "
          + "own folder; drop --out (or copy " + resume + " to " + out + " and resume that)");
    }
    Map<String, Object> explicit = new LinkedHashMap<>();
    if (parse.hasMatchedOption("--scenario")) {
      explicit.put("--scenario", scenarioKey());
    }
    if (parse.hasMatchedOption("--set")) {
      explicit.put("--set", scenarioOptions.overrides);
    }
    if (seeds.seed != null || seeds.count != null) {
      explicit.put("--seeds", seedList());
    }
    if (days != null) {
      explicit.put("--days", days);
    }
    if (mode.households != null || mode.meanField) {
      explicit.put("--households", mode.households == null ? "none (mean field)" : mode.households);
    }
    RunFolder.Options recorded = RunFolder.resume(resume, explicit);
    scenarioOptions.scenarioName = recorded.scenario();
    scenarioOptions.overrides = new ArrayList<>(recorded.set());
    days = recorded.days();
    mode.households = recorded.households() == 0 ? null : recorded.households();
    out = resume;
    return recorded;
  }

  /** The scenario as run.json records it: a built-in name, or a file's absolute path. */
  private String scenarioKey() {
    Path file = Path.of(scenarioOptions.scenarioName);
    return Files.isRegularFile(file) ? file.toAbsolutePath().normalize().toString() : scenarioOptions.scenarioName;
  }

  private List<Long> seedList() {
    List<Long> list = new ArrayList<>();
    if (seeds.seed != null) {
      if (seeds.seed < 0) {
        throw new StackelgridException("--seed " + seeds.seed + ": a seed is 0 to " + Long.MAX_VALUE);
      }
      list.add(seeds.seed);
    } else {
      int n = seeds.count != null ? seeds.count : 1;
      if (n <= 0) {
        throw new StackelgridException("--seeds must be a positive number, got " + n);
      }
      for (long k = 0; k < n; k++) {
        list.add(k);
      }
    }
    return list;
  }
}
