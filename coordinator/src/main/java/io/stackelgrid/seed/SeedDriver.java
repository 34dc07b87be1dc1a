package io.stackelgrid.seed;

import akka.actor.typed.ActorSystem;
import io.stackelgrid.actors.SeedRun.PeriodPlayed;
import io.stackelgrid.actors.SeedRun;
import io.stackelgrid.actors.Trainer;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.GameSettings;
import io.stackelgrid.results.GameRecords;
import io.stackelgrid.results.GameWriter;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.results.WallTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one way a seed is played, by {@code run} (with or without a cluster) and by every sweep job
 * (in this JVM or on a cluster worker): from its checkpoint if asked and there is one (a damaged or
 * foreign checkpoint is refused, naming the file), Algorithm 1 period by period with a checkpoint
 * after each, then the exploitability estimates and the seed's files. A seed that fails writes
 * what it played before it throws.
 */
public final class SeedDriver {
  /** How long one period (learners' trainings included) may take. */
  public static final Duration PERIOD_TIMEOUT = Duration.ofHours(6);

  /** What the caller hears while the seed plays. */
  public interface Listener {
    /** A period ended (progress). */
    void periodDone(long seed, int period);

    /** A learner's training failed and it carried on from its last good state. */
    void learnerFailed(String cause);
  }

  private SeedDriver() {}

  /**
   * Plays {@code spec} on {@code system} (its actors' names start with {@code namePrefix}, unique in
   * the system) and returns its headline figures.
   *
   * @param placementOrNull where the learners train (a cluster's workers); null: learner actors in {@code system}
   * @param cancelled polled between periods: a seed whose worker shuts down stops there, without
   *     results (its checkpoint stays for whoever plays it next)
   */
  public static RunSummary.Seed play(ActorSystem<?> system, String namePrefix, SeedSpec spec,
      Trainer.Placement placementOrNull, Listener listener, BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    Path checkpoint = spec.dir().resolve(CheckpointFile.NAME);
    String fingerprint = spec.fingerprint();
    CheckpointFile.Contents restore = spec.resume() && Files.exists(checkpoint)
        ? CheckpointFile.read(checkpoint, fingerprint) : null;
    GameRecords records = new GameRecords();
    GameSettings game = GameSettings.of(spec.scenario());
    Consumer<String> log = listener::learnerFailed;
    SeedRun run = new SeedRun(system, namePrefix, spec.scenario(), game, spec.seed(), spec.days(), spec.households(),
        records::onStep, records::onPeriod, log, PERIOD_TIMEOUT, restore, placementOrNull);
    try {
      while (!run.game().done()) {
        if (cancelled.getAsBoolean()) {
          throw new Cancelled("seed " + spec.seed() + " cancelled: the worker is shutting down");
        }
        PeriodPlayed done = run.runPeriod();
        // The state at this period boundary: a killed run resumes from here.
        CheckpointFile.write(checkpoint, fingerprint, run.checkpoint());
        listener.periodDone(spec.seed(), done.period());
      }
    } catch (Cancelled e) {
      run.release();
      throw e;
    } catch (RuntimeException e) {
      run.release();
      // Flush what was played, so the failure can be studied, then stop the seed. If that write
      // fails too (a full disk), the first failure is the one to report.
      try {
        GameWriter.write(spec.dir(), spec.scenario(), spec.seed(), records, WallTimes.of(records, run, t0, 0));
      } catch (RuntimeException flush) {
        e.addSuppressed(flush);
        throw e;
      }
      String why = (e instanceof StackelgridException ? e.getMessage() : e.toString())
          + " (results so far in " + spec.dir() + ")";
      // Bad input found while playing (a refused checkpoint) stays bad input; the rest failed the run.
      throw e instanceof StackelgridException && !(e instanceof io.stackelgrid.common.RunFailedException)
          ? new StackelgridException(why, e) : new io.stackelgrid.common.RunFailedException(why, e);
    }
    long tx = System.nanoTime();
    records.exploitability = run.game().exploitability(
        run.learnerCheckpoints().leader().params());
    double exploitSeconds = (System.nanoTime() - tx) / 1e9;
    run.release();
    GameWriter.write(spec.dir(), spec.scenario(), spec.seed(), records, WallTimes.of(records, run, t0, exploitSeconds));
    return RunSummary.of(spec.scenario(), spec.seed(), records);
  }

  /** A seed stopped between periods because its player is going away (not a failure of the seed). */
  public static final class Cancelled extends StackelgridException {
    private static final long serialVersionUID = 1L;

    Cancelled(String message) {
      super(message);
    }
  }
}
