package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sweep's bookkeeping: lost jobs come back first, results count once. */
class SweepBookTest {
  static SeedResult result(int job) {
    return new SeedResult(job, job, null, null, 0, "");
  }

  @Test
  void aLostWorkersJobsGoBackToTheHeadOfTheQueue() {
    SweepBook b = new SweepBook(4);
    assertEquals(Optional.of(0), b.take("w1"));
    assertEquals(Optional.of(1), b.take("w2"));
    assertEquals(Optional.of(2), b.take("w1"));
    assertEquals(2, b.workerLost("w1"));
    assertEquals(0, b.workerLost("w1"), "nothing held twice");
    assertEquals(Optional.of(0), b.take("w2"));
    assertEquals(Optional.of(2), b.take("w2"));
    assertEquals(Optional.of(3), b.take("w2"));
    assertEquals(Optional.empty(), b.take("w2"));
    assertEquals(2, b.requeued());
  }

  @Test
  void aResultCountsOnceEvenFromAWorkerThoughtLost() {
    SweepBook b = new SweepBook(2);
    b.take("w1");
    b.workerLost("w1");
    // The lost worker was only slow: its result arrives while the job waits again; it counts.
    assertTrue(b.complete(result(0)));
    assertEquals(Optional.of(1), b.take("w2"), "the re-queued copy left the queue");
    assertFalse(b.complete(result(0)), "a second result of job 0 is ignored");
    assertFalse(b.finished());
    assertTrue(b.complete(result(1)));
    assertTrue(b.finished());
    assertEquals(List.of(0L, 1L), b.results().stream().map(SeedResult::seed).toList());
  }
}
