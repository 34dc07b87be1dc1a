package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress: quiet under a second, one plain line per tenth passed, true percentages, a bar with ETA. */
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
    assertEquals("sim: 20% (20/100) after 1.0 s", lines[0]);
    assertEquals("sim: 50% (50/100) after 2.5 s", lines[3]);
    assertEquals("sim: done in 5.0 s", lines[9]);
  }

  @Test
  void percentagesAreTheWorkDone() {
    // Four slow units: each line states its true share (25 %, not a rounded tenth).
    String text = drive(4, 2_000_000_000L, false);
    assertEquals("sim: 25% (1/4) after 2.0 s\nsim: 50% (2/4) after 4.0 s\nsim: 75% (3/4) after 6.0 s\n"
        + "sim: 100% (4/4) after 8.0 s\nsim: done in 8.0 s\n", text);
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
}
