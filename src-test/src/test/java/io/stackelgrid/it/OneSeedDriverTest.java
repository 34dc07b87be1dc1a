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
 * A sweep plays its seeds by the same driver as run: every run option (here --households), the
 * same refusal of a damaged checkpoint naming the file, and the same partial results when a seed fails.
 */
class OneSeedDriverTest {
  /** Runs {@code sweep} with the fast budgets; its exit code, with stderr and the error in {@code err}. */
  private static int sweep(StringWriter err, String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    RunDeterminismTest.FAST_SETS.forEach(s -> args.addAll(List.of("--set", s)));
    CommandLine cli = new CommandLine(new SweepCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      err.write(e.getMessage());
      return 2;
    });
    return cli.execute(args.toArray(String[]::new));
  }

  @Test
  void aSweepOfRealHouseholdsEqualsRunWithTheSameOption(@TempDir Path tmp) throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(0, sweep(err, "--seeds", "1", "--days", "3", "--households", "200", "--out",
        tmp.resolve("sweep").toString()), err.toString());
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("run"), 3, "--seed", "0", "--households", "200"));
    for (String f : List.of("steps.csv", "periods.csv")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("run/seed-0/" + f)),
          Files.readAllBytes(tmp.resolve("sweep/seed-0/" + f)), f);
    }
    // The households mattered: the mean-field run differs.
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("mean-field"), 3, "--seed", "0"));
    assertTrue(!Files.readString(tmp.resolve("run/seed-0/steps.csv"))
        .equals(Files.readString(tmp.resolve("mean-field/seed-0/steps.csv"))));
  }

  @Test
  void aDamagedCheckpointIsRefusedNamingTheFileAndAFailingSeedKeepsWhatItPlayed(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("sweep");
    Path checkpoint = out.resolve("seed-0/checkpoint");
    Files.createDirectories(checkpoint.getParent());
    Files.writeString(checkpoint, "not a checkpoint");
    StringWriter err = new StringWriter();
    assertEquals(2, sweep(err, "--seeds", "2", "--days", "3", "--out", out.toString()));
    assertTrue(err.toString().contains("refusing checkpoint " + checkpoint), err.toString());
    assertTrue(Files.exists(out.resolve("seed-1/steps.csv")), "the other seed played on");

    // 300 times the households overload the generators; strict dispatch makes the shed an error.
    Path failing = tmp.resolve("failing");
    StringWriter err2 = new StringWriter();
    assertEquals(2, sweep(err2, "--seeds", "1", "--days", "3", "--out", failing.toString(),
        "--set", "dispatch.strict=true", "--set", "households.population-scale=300"));
    assertTrue(err2.toString().contains("seed 0, period 0") && err2.toString().contains("results so far in"),
        err2.toString());
    assertTrue(Files.exists(failing.resolve("seed-0/steps.csv")), "what the seed played is written");
  }
}
