package io.stackelgrid.seed;

import akka.actor.typed.ActorSystem;
import io.stackelgrid.actors.SeedRun.PeriodPlayed;
import io.stackelgrid.actors.SeedRun;
import io.stackelgrid.actors.Trainer;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.results.GameRecords;
import io.stackelgrid.results.GameWriter;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.results.WallTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one way a seed is played, by {@code run} (with or without a cluster) and by every sweep job
 * (in this JVM or on a cluster worker): from its checkpoint if asked and there is one (a damaged or
 * foreign checkpoint is refused, naming the file), Algorithm 1 period by period with a checkpoint
 * after each, then the exploitability estimates and the seed's files. A seed that fails writes
 * what it played before it throws.
 *
 * <p>A seed is played one period at a time ({@link Playing}), so whoever plays it decides between
 * periods whether to go on: the seed pool stops its seeds there when one fails, a sweep worker when
 * it is stopped. Whatever the calls' threads, they are made one after another.
 */
public final class SeedDriver {
  /** How long one period (learners' trainings included) may take. */
  public static final Duration PERIOD_TIMEOUT = Duration.ofHours(6);

  private SeedDriver() {}

  /**
   * Starts {@code spec} on {@code system} (its actors' names start with {@code namePrefix}, unique
   * in the system): its checkpoint read and its steps replayed if it resumes.
   *
   * @param placementOrNull where the learners train (a cluster's workers); null: learner actors in {@code system}
   * @param learnerFailed hears a learner whose training failed and that carried on from its last good state
   * @param onCloseOrNull run once when the seed is over (finished, failed or abandoned), after its files
   */
  public static Playing open(ActorSystem<?> system, String namePrefix, SeedSpec spec,
      Trainer.Placement placementOrNull, Consumer<String> learnerFailed, Runnable onCloseOrNull) {
    long t0 = System.nanoTime();
    Path checkpoint = spec.dir().resolve(CheckpointFile.NAME);
    String fingerprint = spec.fingerprint();
    CheckpointFile.Contents restore = spec.resume() && Files.exists(checkpoint)
        ? CheckpointFile.read(checkpoint, fingerprint) : null;
    GameRecords records = new GameRecords();
    GameSettings game = GameSettings.of(spec.scenario());
    SeedRun run = new SeedRun(system, namePrefix, spec.scenario(), game, spec.seed(), spec.days(), spec.households(),
        records::onStep, records::onPeriod, learnerFailed, PERIOD_TIMEOUT, restore, placementOrNull);
    return new Playing(spec, run, records, checkpoint, fingerprint, t0, onCloseOrNull);
  }

  /** A seed under way: play its periods until {@link #done}, then {@link #finish}; or {@link #abandon} it. */
  public static final class Playing implements SeedPool.Playable {
    private final SeedSpec spec;
    private final SeedRun run;
    private final GameRecords records;
    private final Path checkpoint;
    private final String fingerprint;
    private final long t0;
    private final Runnable onCloseOrNull;
    private boolean released;
    private boolean closed;

    private Playing(SeedSpec spec, SeedRun run, GameRecords records, Path checkpoint, String fingerprint, long t0,
        Runnable onCloseOrNull) {
      this.spec = spec;
      this.run = run;
      this.records = records;
      this.checkpoint = checkpoint;
      this.fingerprint = fingerprint;
      this.t0 = t0;
      this.onCloseOrNull = onCloseOrNull;
    }

    @Override
    public boolean done() {
      return run.game().done();
    }

    @Override
    public int periodsPlayed() {
      int perPeriod = spec.scenario().clock().stepsPerPeriod();
      return (run.game().stepsDone() + perPeriod - 1) / perPeriod; // the last period may be shorter
    }

    /**
     * Plays the next period and writes the checkpoint at its end (a killed run resumes from there). A
     * failure flushes what was played, ends the seed and is thrown naming seed and period.
     */
    @Override
    public PeriodPlayed playPeriod() {
      try {
        PeriodPlayed played = run.runPeriod();
        CheckpointFile.write(checkpoint, fingerprint, run.checkpoint());
        return played;
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }

    /** After the last period: the exploitability estimates and the seed's files; its headline figures. */
    @Override
    public RunSummary.Seed finish() {
      try {
        long tx = System.nanoTime();
        records.exploitability = run.game().exploitability(run.learnerCheckpoints().leader().params());
        double exploitSeconds = (System.nanoTime() - tx) / 1e9;
        release();
        GameWriter.write(spec.dir(), spec.scenario(), spec.seed(), records,
            WallTimes.of(records, run, t0, exploitSeconds));
        return RunSummary.of(spec.scenario(), spec.seed(), records);
      } finally {
        close();
      }
    }

    /** Stops between periods without results (the checkpoint stays for whoever plays the seed next). */
    @Override
    public void abandon() {
      close();
    }

    private RuntimeException failed(RuntimeException e) {
      release();
      try {
        // Flush what was played, so the failure can be studied, then stop the seed. If that write
        // fails too (a full disk), the first failure is the one to report.
        try {
          GameWriter.write(spec.dir(), spec.scenario(), spec.seed(), records, WallTimes.of(records, run, t0, 0));
        } catch (RuntimeException flush) {
          e.addSuppressed(flush);
          return e;
        }
      } finally {
        close();
      }
      String why = (e instanceof StackelgridException ? e.getMessage() : e.toString())
          + " (results so far in " + spec.dir() + ")";
      // Bad input found while playing (a refused checkpoint) stays bad input; the rest failed the run.
      return e instanceof StackelgridException && !(e instanceof RunFailedException)
          ? new StackelgridException(why, e) : new RunFailedException(why, e);
    }

    /** Frees the learners elsewhere (a cluster's), before the files are written. */
    private void release() {
      if (!released) {
        released = true;
        run.release();
      }
    }

    private void close() {
      release();
      if (!closed) {
        closed = true;
        if (onCloseOrNull != null) {
          onCloseOrNull.run();
        }
      }
    }
  }
}
