package io.stackelgrid.seed;

import io.stackelgrid.actors.SeedRun;
import io.stackelgrid.results.RunSummary;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Plays seeds several at once in this JVM: a run's seeds (a sweep of one point) and a sweep's
 * points × seeds alike. Each job plays on one of the pool's threads, period by period (the seed
 * driver's); the pool counts the periods and the jobs done for the progress, hands learner
 * failures on, and turns a job's failure into its outcome. Seeds share nothing mutable (own actors,
 * learners and random streams), so each job's files are those of playing it alone.
 */
public final class SeedPool {
  /**
   * A seed alternates its leader's single-threaded best responses with the followers learning in
   * parallel, so one seed per core leaves cores idle, most at the end when the last seeds run
   * alone (paper experiment, 5 seeds on 2 cores: 486-511 s two at a time, 437 s all at once).
   */
  private static final int SEEDS_PER_PROCESSOR = 4;

  /** What the pool does when a job fails. */
  public enum OnFailure {
    /** End the pool: no job starts after it, the others stop at their next period; its failure is thrown. */
    STOP,
    /** Play the other jobs; the failure is the job's outcome. */
    CARRY_ON
  }

  /** One seed to play: its number, the periods it plays (for the progress) and how to start it. */
  public record Job(long seed, long periods, Opener opener) {}

  /** Starts a job's seed, on the pool thread that then plays it. */
  @FunctionalInterface
  public interface Opener {
    /** @param learnerFailed hears a learner that failed a training and carried on from its last good state */
    Playable open(Consumer<String> learnerFailed);
  }

  /** A seed under way as the pool plays it: the seed driver's {@link SeedDriver.Playing}. */
  public interface Playable {
    /** Every period has been played. */
    boolean done();

    /** The periods played so far (a resumed seed's before this run too). */
    int periodsPlayed();

    /** Plays the next period (a failure ends the seed and is thrown). */
    SeedRun.PeriodPlayed playPeriod();

    /** After the last period: the seed's files; its headline figures. */
    RunSummary.Seed finish();

    /** Stops between periods, without results. */
    void abandon();
  }

  /** What a job came to: its headline figures, or the failure that ended it; seconds from its start. */
  public record Outcome(long seed, RunSummary.Seed summaryOrNull, RuntimeException failureOrNull,
      double wallSeconds) {
    public boolean ok() {
      return failureOrNull == null;
    }
  }

  /** What the pool tells while it plays; one call at a time, in order. */
  public interface Listener {
    /** Periods played of all jobs (a job that ended counts all of its periods) and jobs ended, of the totals. */
    void progress(long periodsDone, long periodsTotal, int jobsDone, int jobsTotal);

    /** A learner's training failed and it carried on from its last good state. */
    void learnerFailed(String cause);

    /** Job {@code index} ended, played or failed. */
    default void jobDone(int index, Outcome outcome) {}
  }

  private final List<Job> jobs;
  private final OnFailure onFailure;
  private final Listener listener;
  private final long periodsTotal;
  // Guarded by this: written by the jobs' threads, read by the one waiting in play.
  private final long[] periodsPlayed;
  private final Outcome[] outcomes;
  private int jobsDone;
  private RuntimeException stoppedBy;
  private Error broken;

  private SeedPool(List<Job> jobs, OnFailure onFailure, Listener listener) {
    this.jobs = List.copyOf(jobs);
    this.onFailure = onFailure;
    this.listener = listener;
    this.periodsTotal = jobs.stream().mapToLong(Job::periods).sum();
    this.periodsPlayed = new long[jobs.size()];
    this.outcomes = new Outcome[jobs.size()];
  }

  /** Threads for {@code jobs} jobs: {@code parallelOrNull}, else 4 per available processor; at most one a job. */
  public static int threads(Integer parallelOrNull, int jobs) {
    int wanted = parallelOrNull != null ? parallelOrNull
        : SEEDS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(wanted, jobs));
  }

  /**
   * Plays {@code jobs} on {@code threads} threads and returns their outcomes in job order. With
   * {@link OnFailure#STOP} the first job to fail ends the pool at once: its failure is thrown
   * (the seeds still playing are interrupted, and stop at their next period in any case).
   *
   * @throws Error a job's (out of memory...), which ends the pool whatever {@code onFailure}
   */
  public static List<Outcome> play(List<Job> jobs, int threads, OnFailure onFailure, Listener listener)
      throws InterruptedException {
    return new SeedPool(jobs, onFailure, listener).playAll(threads);
  }

  private List<Outcome> playAll(int threads) throws InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "seed-pool");
      t.setDaemon(true); // a pool that ended early must not keep the JVM alive with its other seeds
      return t;
    });
    try {
      for (int i = 0; i < jobs.size(); i++) {
        int index = i;
        executor.execute(() -> playJob(index));
      }
      synchronized (this) {
        while (jobsDone < jobs.size() && !stopping()) {
          wait();
        }
        if (broken != null) {
          throw broken;
        }
        if (stoppedBy != null) {
          throw stoppedBy;
        }
        return List.of(outcomes);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private void playJob(int index) {
    Job job = jobs.get(index);
    long t0 = System.nanoTime();
    Outcome outcome;
    try {
      if (stopping()) {
        return;
      }
      Playable seed = job.opener().open(this::learnerFailed);
      if (seed.periodsPlayed() > 0) {
        periodPlayed(index, seed.periodsPlayed());
      }
      while (!seed.done()) {
        if (stopping()) {
          seed.abandon();
          return;
        }
        periodPlayed(index, seed.playPeriod().period() + 1L);
      }
      outcome = new Outcome(job.seed(), seed.finish(), null, (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException e) {
      outcome = new Outcome(job.seed(), null, e, (System.nanoTime() - t0) / 1e9);
    } catch (Error e) {
      synchronized (this) {
        if (!stopping()) {
          broken = e;
        }
        notifyAll();
      }
      return;
    }
    jobDone(index, outcome);
  }

  private synchronized boolean stopping() {
    return stoppedBy != null || broken != null;
  }

  private synchronized void learnerFailed(String cause) {
    if (!stopping()) {
      listener.learnerFailed(cause);
    }
  }

  private synchronized void periodPlayed(int index, long periods) {
    // A resumed seed's count starts where it left off.
    periodsPlayed[index] = Math.max(periodsPlayed[index], periods);
    if (!stopping()) {
      tellProgress();
    }
  }

  private synchronized void jobDone(int index, Outcome outcome) {
    if (stopping()) {
      return; // the pool has ended: what the seeds it left say no longer counts
    }
    outcomes[index] = outcome;
    jobsDone++;
    listener.jobDone(index, outcome);
    if (!outcome.ok() && onFailure == OnFailure.STOP) {
      stoppedBy = outcome.failureOrNull();
    } else {
      tellProgress();
    }
    notifyAll();
  }

  private void tellProgress() {
    long periods = 0;
    for (int j = 0; j < jobs.size(); j++) {
      periods += outcomes[j] != null ? jobs.get(j).periods() : Math.min(periodsPlayed[j], jobs.get(j).periods());
    }
    listener.progress(periods, periodsTotal, jobsDone, jobs.size());
  }
}
