package io.stackelgrid.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.actors.SeedRun.PeriodPlayed;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.results.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The seed pool with stand-in seeds: outcomes in job order, progress, and what a failure does. */
class SeedPoolTest {
  /** A seed of {@code periods} periods from {@code first} on that fails at period {@code failAt} (-1: never). */
  static final class FakeSeed implements SeedPool.Playable {
    final long seed;
    final int periods;
    final int failAt;
    final CountDownLatch gate;
    final AtomicBoolean abandoned = new AtomicBoolean();
    final CountDownLatch playing = new CountDownLatch(1);
    int next;

    FakeSeed(long seed, int first, int periods, int failAt, CountDownLatch gateOrNull) {
      this.seed = seed;
      this.next = first;
      this.periods = periods;
      this.failAt = failAt;
      this.gate = gateOrNull;
    }

    @Override
    public boolean done() {
      return next >= periods;
    }

    @Override
    public int periodsPlayed() {
      return next;
    }

    @Override
    public PeriodPlayed playPeriod() {
      playing.countDown();
      if (gate != null) {
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (next == failAt) {
        throw new RunFailedException("seed " + seed + ", period " + next + ": boom");
      }
      next++;
      return new PeriodPlayed(next - 1, done(), 1, 0, false);
    }

    @Override
    public RunSummary.Seed finish() {
      return new RunSummary.Seed(seed, 1, 2, 3, 4, 5);
    }

    @Override
    public void abandon() {
      abandoned.set(true);
    }
  }

  /** What the listener heard, one line per call. */
  static final class Heard implements SeedPool.Listener {
    final List<String> lines = new ArrayList<>();

    @Override
    public void progress(long periodsDone, long periodsTotal, int jobsDone, int jobsTotal) {
      lines.add(periodsDone + "/" + periodsTotal + " periods, " + jobsDone + "/" + jobsTotal + " jobs");
    }

    @Override
    public void learnerFailed(String cause) {
      lines.add("learner: " + cause);
    }

    @Override
    public void jobDone(int index, SeedPool.Outcome outcome) {
      lines.add("job " + index + (outcome.ok() ? " ok" : " failed"));
    }
  }

  private static SeedPool.Job job(FakeSeed s) {
    return new SeedPool.Job(s.seed, s.periods, learnerFailed -> s);
  }

  @Test
  void carryingOnEveryJobEndsAndAFailureIsItsOutcome() throws Exception {
    FakeSeed failing = new FakeSeed(1, 0, 2, 1, null);
    Heard heard = new Heard();
    List<SeedPool.Outcome> out = SeedPool.play(List.of(job(new FakeSeed(0, 0, 2, -1, null)), job(failing),
        job(new FakeSeed(2, 0, 3, -1, null))), 1, SeedPool.OnFailure.CARRY_ON, heard);
    assertEquals(List.of(0L, 1L, 2L), out.stream().map(SeedPool.Outcome::seed).toList(), "job order");
    assertTrue(out.get(0).ok() && out.get(2).ok());
    assertEquals("seed 1, period 1: boom", out.get(1).failureOrNull().getMessage());
    // One thread: jobs one after another; a job that ended counts all its periods.
    assertEquals(List.of("1/7 periods, 0/3 jobs", "2/7 periods, 0/3 jobs", "job 0 ok", "2/7 periods, 1/3 jobs",
        "3/7 periods, 1/3 jobs", "job 1 failed", "4/7 periods, 2/3 jobs", "5/7 periods, 2/3 jobs",
        "6/7 periods, 2/3 jobs", "7/7 periods, 2/3 jobs", "job 2 ok", "7/7 periods, 3/3 jobs"), heard.lines);
  }

  @Test
  void aResumedSeedCountsThePeriodsItPlayedBefore() throws Exception {
    Heard heard = new Heard();
    SeedPool.play(List.of(job(new FakeSeed(0, 2, 4, -1, null))), 1, SeedPool.OnFailure.STOP, heard);
    assertEquals(List.of("2/4 periods, 0/1 jobs", "3/4 periods, 0/1 jobs", "4/4 periods, 0/1 jobs", "job 0 ok", "4/4 periods, 1/1 jobs"),
        heard.lines);
  }

  @Test
  void stoppingTheFirstFailureIsThrownAndTheOtherSeedsStopAtTheirNextPeriod() throws Exception {
    CountDownLatch slow = new CountDownLatch(1);
    FakeSeed running = new FakeSeed(0, 0, 5, -1, slow);
    FakeSeed failing = new FakeSeed(1, 0, 2, 0, null);
    boolean[] thirdOpened = {false};
    SeedPool.Job third = new SeedPool.Job(2, 1, learnerFailed -> {
      thirdOpened[0] = true;
      return new FakeSeed(2, 0, 1, -1, null);
    });
    Heard heard = new Heard();
    // The failing seed starts once the other is in its first period.
    SeedPool.Job failingJob = new SeedPool.Job(1, 2, learnerFailed -> {
      try {
        running.playing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
      return failing;
    });
    RunFailedException e = assertThrows(RunFailedException.class, () -> SeedPool.play(List.of(job(running),
        failingJob, third), 2, SeedPool.OnFailure.STOP, heard));
    assertEquals("seed 1, period 0: boom", e.getMessage(), "the failure as the seed threw it");
    slow.countDown();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!running.abandoned.get() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertTrue(running.abandoned.get(), "the running seed stopped at its next period");
    assertEquals(1, running.next, "it finished the period under way and played no other");
    assertFalse(thirdOpened[0], "no seed starts after the failure");
    assertEquals(List.of("job 1 failed"), heard.lines, "nothing is told after the failure");
  }

  @Test
  void anErrorEndsThePoolWhateverThePolicy() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    SeedPool.Job broken = new SeedPool.Job(0, 1, learnerFailed -> {
      throw oom;
    });
    Error thrown = assertThrows(Error.class, () -> SeedPool.play(List.of(broken), 1, SeedPool.OnFailure.CARRY_ON,
        new Heard()));
    assertSame(oom, thrown);
  }

  @Test
  void aLearnerFailureIsHandedOn() throws Exception {
    Heard heard = new Heard();
    SeedPool.play(List.of(new SeedPool.Job(0, 1, learnerFailed -> {
      learnerFailed.accept("learner follower-0 of seed 0 failed: boom");
      return new FakeSeed(0, 0, 1, -1, null);
    })), 1, SeedPool.OnFailure.CARRY_ON, heard);
    assertEquals("learner: learner follower-0 of seed 0 failed: boom", heard.lines.get(0));
  }

  @Test
  void threadsAreTheParallelismAskedAtMostOneAJob() {
    assertEquals(2, SeedPool.threads(2, 5));
    assertEquals(3, SeedPool.threads(8, 3));
    assertEquals(Math.min(4 * Runtime.getRuntime().availableProcessors(), 50), SeedPool.threads(null, 50));
    assertEquals(1, SeedPool.threads(null, 0));
  }
}
