package io.stackelgrid.cli;

import io.stackelgrid.seed.SeedPool;
import java.io.PrintWriter;
import java.util.function.BiConsumer;

/**
 * What {@code run} and {@code sweep} show while seeds play, here or on a cluster: the periods played
 * of all seeds with the seeds done and the time left, a line for each learner that failed a
 * training (and each worker a cluster sweep lost), then the total time.
 */
final class SeedProgress implements SeedPool.Listener {
  private final Progress progress;
  private final BiConsumer<Integer, SeedPool.Outcome> onJobDone;

  /** @param onJobDone told each job's outcome (a command's own line per seed, say) */
  SeedProgress(Progress progress, BiConsumer<Integer, SeedPool.Outcome> onJobDone) {
    this.progress = progress;
    this.onJobDone = onJobDone;
  }

  /** On {@code err}, labelled {@code label}, of {@code periodsTotal} periods; a bar when the JVM has a console. */
  static SeedProgress forConsole(PrintWriter err, String label, long periodsTotal,
      BiConsumer<Integer, SeedPool.Outcome> onJobDone) {
    return new SeedProgress(Progress.forConsole(err, label, periodsTotal), onJobDone);
  }

  @Override
  public void progress(long periodsDone, long periodsTotal, int jobsDone, int jobsTotal) {
    progress.update(periodsDone, jobsDone + "/" + jobsTotal + " seeds done");
  }

  @Override
  public void learnerFailed(String cause) {
    progress.event("stackelgrid: " + cause);
  }

  @Override
  public void jobDone(int index, SeedPool.Outcome outcome) {
    onJobDone.accept(index, outcome);
  }

  /** A line of its own beside the progress (a worker lost). */
  void event(String line) {
    progress.event(line);
  }

  /** Ends the progress with the total time, if anything was shown. */
  void finish() {
    progress.finish();
  }
}
