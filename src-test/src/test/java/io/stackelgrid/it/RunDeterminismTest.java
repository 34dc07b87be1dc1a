package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackelgrid run} end to end: same (scenario, seed) gives the same bytes; files are complete. */
class RunDeterminismTest {
  /** Tiny PPO budgets so a 4-day run takes seconds, as key=value overrides (a sweep's or a request's). */
  static final List<String> FAST_SETS = List.of("learning.ppo.total-timesteps=48", "learning.ppo.n-steps=48",
      "learning.ppo.batch-size=24", "learning.follower.learn-every-step=false",
      "learning.inner-loop.max-iterations=2");
  /** The same as {@code run} options. */
  static final String[] FAST = FAST_SETS.stream().flatMap(v -> java.util.stream.Stream.of("--set", v))
      .toArray(String[]::new);

  static int run(Path out, String... more) {
    return run(out, 4, more);
  }

  static int run(Path out, int days, String... more) {
    return runWithErrors(out, days, new StringWriter(), more);
  }

  /** {@code run} through the CLI's own entry point (its exit-code contract), stderr into {@code err}. */
  static int runWithErrors(Path out, int days, StringWriter err, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--days", String.valueOf(days), "--out", out.toString()));
    args.addAll(List.of(FAST));
    args.addAll(List.of(more));
    return Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
  }

  @Test
  void twoRunsOfTheSameSeedAreByteIdentical(@TempDir Path tmp) throws Exception {
    assertEquals(0, run(tmp.resolve("a"), "--seed", "3"));
    assertEquals(0, run(tmp.resolve("b"), "--seed", "3"));
    for (String f : List.of("steps.csv", "periods.csv")) {
      byte[] a = Files.readAllBytes(tmp.resolve("a/seed-3").resolve(f));
      byte[] b = Files.readAllBytes(tmp.resolve("b/seed-3").resolve(f));
      assertArrayEquals(a, b, f);
    }
    List<String> steps = Files.readAllLines(tmp.resolve("a/seed-3/steps.csv"));
    // 4 days x 8 steps x 3 buses x 2 worlds, plus the header.
    assertEquals(1 + 4 * 8 * 3 * 2, steps.size());
    assertTrue(steps.get(1).startsWith("learning,0,"));
    assertTrue(steps.stream().anyMatch(l -> l.startsWith("baseline,31,")));
    assertTrue(Files.exists(tmp.resolve("a/summary.json")));
  }

  @Test
  void failingDispatchStopsTheRunNamingSeedAndPeriodAfterFlushing(@TempDir Path tmp) throws Exception {
    // 300 times the households overload the generators; strict dispatch makes the shed an error of the
    // run (its input was valid): exit 1 by the CLI's own handler, one line naming seed and period.
    StringWriter err = new StringWriter();
    int code = runWithErrors(tmp, 4, err, "--seed", "2", "--set", "dispatch.strict=true", "--set",
        "households.population-scale=300");
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().startsWith("stackelgrid: error: ") && err.toString().contains("seed 2, period 0")
        && err.toString().contains("sheds"), err.toString());
    assertTrue(Files.exists(tmp.resolve("seed-2/steps.csv")), "results so far are flushed");
  }

  @Test
  void anotherSeedGivesOtherPrices(@TempDir Path tmp) throws Exception {
    assertEquals(0, run(tmp.resolve("a"), "--seed", "3"));
    assertEquals(0, run(tmp.resolve("b"), "--seed", "4"));
    String a = Files.readString(tmp.resolve("a/seed-3/steps.csv"));
    String b = Files.readString(tmp.resolve("b/seed-4/steps.csv"));
    assertTrue(!a.equals(b), "the seed must matter");
  }
}
