package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void plainOutputHasOneLinePerTenth() {
    StringWriter text = new StringWriter();
    long[] now = {0};
    Progress p = new Progress(new PrintWriter(text), "sim", 100, false, () -> now[0]);
    for (int i = 1; i <= 100; i++) {
      now[0] += 10_000_000L;
      p.update(i);
    }
    p.finish();
    String[] lines = text.toString().split("\n");
    assertEquals(11, lines.length, text.toString());
    assertEquals("sim: 50% (50/100) after 0.5 s", lines[4]);
    assertEquals("sim: done in 1.0 s", lines[10]);
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
