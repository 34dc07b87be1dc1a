package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.cli.SweepCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sweep} without a cluster plays every point × seed in this JVM; each point's files are
 * byte-identical to {@code run} of that point's scenario and overrides (ClusterSweepTest shows the
 * same of a cluster sweep, so the files are the same either way).
 */
class EmbeddedSweepTest {
  @Test
  void everyPointEqualsARunOfItsOwn(@TempDir Path tmp) throws Exception {
    Path plan = tmp.resolve("plan.conf");
    Files.writeString(plan, String.join("\n",
        "seeds = 2",
        "points = [",
        "  { name = default }",
        "  { name = spread, set { learning.leader.reward = spread } }",
        "  { name = first-reading, scenario = three-bus-daily-demand, days = 3 }",
        "]"));
    List<String> args = new ArrayList<>(List.of("--plan", plan.toString(), "--days", "4", "--out",
        tmp.resolve("sweep").toString(), "--parallel", "3"));
    RunDeterminismTest.FAST_SETS.forEach(s -> args.addAll(List.of("--set", s)));
    CommandLine cli = new CommandLine(new SweepCommand());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cli.execute(args.toArray(String[]::new)), out.toString());
    assertTrue(Files.exists(tmp.resolve("sweep/sweep.json")));

    assertEquals(0, RunDeterminismTest.run(tmp.resolve("run-default"), 4, "--seeds", "2"));
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("run-spread"), 4, "--seeds", "2",
        "--set", "learning.leader.reward=spread"));
    // --days on the command line wins over the point's own days.
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("run-first-reading"), 4, "--seeds", "2",
        "--scenario", "three-bus-daily-demand"));
    for (String point : List.of("default", "spread", "first-reading")) {
      for (int seed = 0; seed < 2; seed++) {
        for (String f : List.of("steps.csv", "periods.csv")) {
          assertArrayEquals(Files.readAllBytes(tmp.resolve("run-" + point + "/seed-" + seed + "/" + f)),
              Files.readAllBytes(tmp.resolve("sweep/" + point + "/seed-" + seed + "/" + f)), point + " seed " + seed
                  + " " + f);
        }
      }
    }
    // The points differ where they should: another reward or reading gives another run.
    assertTrue(!Files.readString(tmp.resolve("sweep/default/seed-0/periods.csv"))
        .equals(Files.readString(tmp.resolve("sweep/first-reading/seed-0/periods.csv"))));
  }
}
