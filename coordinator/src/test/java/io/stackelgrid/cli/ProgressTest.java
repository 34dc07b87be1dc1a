package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress: quiet under a second, one plain line per tenth passed, true percentages, a bar and lines with ETA. */
class ProgressTest {
  /** Drives a Progress of {@code total} units, one unit every {@code stepNanos} on a fake clock. */
  private static String drive(long total, long stepNanos, boolean terminal) {
    StringWriter text = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(text), "sim", total, terminal, () -> now[0]);
    for (long i = 1; i <= total; i++) {
      now[0] += stepNanos;
      p.update(i);
    }
    p.finish();
    return text.toString();
  }

  @Test
  void aJobUnderASecondPrintsNothing() {
    assertEquals("", drive(48, 2_000_000L, false)); // 48 steps in 0.1 s, as a 6-day simulate
    assertEquals("", drive(48, 2_000_000L, true));
  }

  @Test
  void plainOutputHasOneLinePerTenthOnceTheFirstSecondIsOver() {
    String[] lines = drive(100, 50_000_000L, false).split("\n"); // 5 s in all
    // Quiet until 1.0 s (unit 20), then a line at each tenth: 20 %, 30 %, ..., 100 %, and done.
    assertEquals(10, lines.length, String.join("\n", lines));
    // ETA: the time so far times the units left over the units done (1.0 s x 80/20 = 4.0 s).
    assertEquals("sim: 20% (20/100) after 1.0 s, ETA 4.0 s", lines[0]);
    assertEquals("sim: 50% (50/100) after 2.5 s, ETA 2.5 s", lines[3]);
    assertEquals("sim: 100% (100/100) after 5.0 s", lines[8]);
    assertEquals("sim: done in 5.0 s", lines[9]);
  }

  @Test
  void percentagesAreTheWorkDone() {
    // Four slow units: each line states its true share (25 %, not a rounded tenth).
    String text = drive(4, 2_000_000_000L, false);
    assertEquals("sim: 25% (1/4) after 2.0 s, ETA 6.0 s\nsim: 50% (2/4) after 4.0 s, ETA 4.0 s\n"
        + "sim: 75% (3/4) after 6.0 s, ETA 2.0 s\nsim: 100% (4/4) after 8.0 s\nsim: done in 8.0 s\n", text);
  }

  @Test
  void terminalBarShowsTheEtaFromTheRateSoFar() {
    StringWriter text = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(text), "sim", 10, true, () -> now[0]);
    now[0] = 2_000_000_000L;
    p.update(4);
    // 4 of 10 in 2 s: 6 more take 3 s.
    assertTrue(text.toString().contains("[############..................]  40% 4/10 ETA 3.0 s"), text.toString());
  }

  @Test
  void aNoteAndEventLinesGoWithTheProgress() {
    StringWriter text = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(text), "sweep: periods", 10, false, () -> now[0]);
    now[0] = 2_000_000_000L;
    p.update(5, "1/2 seeds done");
    p.event("sweep: worker W left the cluster: 1 seed(s) re-queued");
    assertEquals("sweep: periods: 50% (5/10), 1/2 seeds done after 2.0 s, ETA 2.0 s\n"
        + "sweep: worker W left the cluster: 1 seed(s) re-queued\n", text.toString());
  }

  @Test
  void theClusterSweepShowsPeriodsSeedsDoneAndEachLostWorkerOnce() {
    // Three jobs of 3, 3 and 1 periods; the coordinator's status as a sweep process polls it.
    StringWriter text = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(text), SweepCommand.PROGRESS_LABEL, 7, false, () -> now[0]);
    var show = SweepCommand.clusterProgress(p, new long[] {3, 3, 1});
    now[0] = 2_000_000_000L;
    show.accept(new io.stackelgrid.cluster.SweepCoordinator.SweepStatus(java.util.List.of(1, 0, 0),
        java.util.List.of(), 0, java.util.List.of()));
    now[0] = 4_000_000_000L;
    // Job 1 was re-queued after its worker left; job 0 finished (its last report may lag: done counts 3).
    java.util.List<String> events = java.util.List.of("worker W left the cluster (UnreachableMember): 1 seed(s) "
        + "re-queued (seed 1 of /out)");
    show.accept(new io.stackelgrid.cluster.SweepCoordinator.SweepStatus(java.util.List.of(2, 1, 0),
        java.util.List.of(0), 1, events));
    now[0] = 6_000_000_000L;
    show.accept(new io.stackelgrid.cluster.SweepCoordinator.SweepStatus(java.util.List.of(3, 3, 1),
        java.util.List.of(0, 1, 2), 1, events));
    assertEquals("sweep: periods: 14% (1/7), 0/3 seeds done after 2.0 s, ETA 12.0 s\n"
        + "sweep: worker W left the cluster (UnreachableMember): 1 seed(s) re-queued (seed 1 of /out)\n"
        + "sweep: periods: 57% (4/7), 1/3 seeds done after 4.0 s, ETA 3.0 s\n"
        + "sweep: periods: 100% (7/7), 3/3 seeds done after 6.0 s\n", text.toString());
  }
}
