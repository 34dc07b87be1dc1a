package io.stackelgrid.cluster;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.actors.SeedRun;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.checkpoint.RunFingerprint;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.proto.SeedResult;
import io.stackelgrid.proto.SweepJob;
import io.stackelgrid.results.GameRecords;
import io.stackelgrid.results.GameWriter;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.results.WallTimes;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One sweep job on a worker: the seed played exactly as {@code stackelgrid run} plays it, in a
 * local (non-cluster) ActorSystem of its own, so its files are byte-identical to a single-JVM run.
 */
public final class SeedJob {
  private SeedJob() {}

  /**
   * Plays the job's seed into {@code out_dir/seed-K}; continues from that seed's checkpoint when one
   * of the same run is there (a seed re-queued after its worker was lost).
   *
   * @param cancelled polled at period boundaries: a worker shutting down stops without writing results
   * @param periodDone told after every period played (progress)
   */
  public static SeedResult run(SweepJob job, Config memberConfig, BooleanSupplier cancelled, Runnable periodDone) {
    long t0 = System.nanoTime();
    Scenario scenario = ScenarioLoader.load(job.getScenario(),
        ScenarioLoader.parseOverrides(job.getOverridesList()));
    GameSettings game = GameSettings.of(scenario);
    long seed = job.getSeed();
    int days = job.getDays();
    Path dir = Path.of(job.getOutDir()).resolve("seed-" + seed);
    Path checkpoint = dir.resolve(CheckpointFile.NAME);
    String fingerprint = RunFingerprint.of(scenario, seed, days);
    CheckpointFile.Contents restore = readCheckpoint(checkpoint, fingerprint);
    // The single-JVM code path on a local system: no learner message leaves this JVM.
    Config local = ConfigFactory.parseString("akka.actor.provider = local\nakka.loglevel = WARNING")
        .withFallback(memberConfig);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "stackelgrid-seed-" + seed, local);
    try {
      GameRecords records = new GameRecords();
      SeedRun run = new SeedRun(system, scenario, game, seed, days, records::onStep, records::onPeriod,
          m -> system.log().warn(m), Duration.ofHours(6), restore);
      while (!run.game().done()) {
        if (cancelled.getAsBoolean()) {
          throw new StackelgridException("seed " + seed + " cancelled: the worker is shutting down");
        }
        run.runPeriod();
        CheckpointFile.write(checkpoint, fingerprint, run.checkpoint());
        periodDone.run();
      }
      long tx = System.nanoTime();
      records.exploitability = run.game().exploitability(
          run.learnerCheckpoints().get(scenario.grid().busCount()).getParams());
      double exploitSeconds = (System.nanoTime() - tx) / 1e9;
      GameWriter.write(dir, scenario, seed, records, WallTimes.of(records, run, t0, exploitSeconds));
      RunSummary.Seed s = RunSummary.of(scenario, seed, records);
      return SeedResult.newBuilder().setJobId(job.getJobId()).setSeed(seed).setOk(true)
          .setImvLearningUsdPerMwh(s.imvLearning()).setImvBaselineUsdPerMwh(s.imvBaseline())
          .setGapLearningPp(s.gapLearning()).setGapBaselinePp(s.gapBaseline())
          .setGapFirstLearningPp(s.gapFirstLearning()).setWallSeconds((System.nanoTime() - t0) / 1e9).build();
    } finally {
      system.terminate();
    }
  }

  /** The seed's checkpoint if it belongs to this run; none (start afresh) otherwise. */
  private static CheckpointFile.Contents readCheckpoint(Path checkpoint, String fingerprint) {
    if (!Files.exists(checkpoint)) {
      return null;
    }
    try {
      return CheckpointFile.read(checkpoint, fingerprint);
    } catch (StackelgridException e) {
      // Another run's or a damaged checkpoint: the seed is replayed from the start instead.
      return null;
    }
  }
}
