package io.stackelgrid.cli;

import static io.stackelgrid.cli.ExitCodesTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's bad inputs, each refused with one line that names the scenario key or option as the
 * user wrote it (never an internal field), exit 2, nothing written: a range of docs/CONFIG.md by every
 * command that loads a scenario (simulate too, for keys it does not use), finite-game's options, an
 * unreadable case file, a file given where a folder is expected. ScenarioRangesTest tries every key.
 */
class BadInputNamesTest {
  /** A key of each kind of range, and a value outside it: learning keys that simulate does not use among them. */
  private static final List<String[]> OUT_OF_RANGE = List.of(
      new String[] {"learning.ppo.gamma", "1", "must be in [0, 1), got 1"},
      new String[] {"learning.ppo.gamma", "1.5", "must be in [0, 1), got 1.5"},
      new String[] {"learning.ppo.gae-lambda", "1.5", "must be in [0, 1], got 1.5"},
      new String[] {"learning.ppo.batch-size", "2.5", "must be an integer ≥ 1, got 2.5"},
      new String[] {"learning.follower.hidden", "[18, 0]", "is not an integer ≥ 1"},
      new String[] {"learning.engine", "torch", "must be auto or java or dl4j, got 'torch'"},
      new String[] {"mean-field.quadrature-nodes", "65", "must be an integer in 1 … 64, got 65"},
      new String[] {"noise.solar.min", "1.1", "needs min <= mode <= max"},
      new String[] {"clock.steps-per-day", "1.5", "must be a whole number, got 1.5"});

  @Test
  void everyCommandThatLoadsAScenarioRefusesAValueOutOfRangeNamingItsKey(@TempDir Path tmp) {
    for (String[] bad : OUT_OF_RANGE) {
      String set = bad[0] + "=" + bad[1];
      Path out = tmp.resolve("out");
      List<String[]> commands = List.of(
          new String[] {"run", "--days", "1", "--out", out.toString(), "--set", set},
          new String[] {"simulate", "--days", "1", "--out", out.toString(), "--set", set},
          new String[] {"sweep", "--days", "1", "--out", out.toString(), "--set", set},
          new String[] {"dispatch", "--set", set});
      for (String[] c : commands) {
        CliResult r = CliResult.of(c);
        assertOneLineError(r, 2, "--set " + set + ": " + bad[0] + ": ", bad[2]);
        assertFalse(r.err().contains("'gamma'") || r.err().contains("gaeLambda") || r.err().contains("@ jar:"),
            r.err());
        assertFalse(Files.exists(out), c[0] + " wrote before refusing " + set);
      }
    }
  }

  @Test
  void finiteGameNamesItsOptions(@TempDir Path tmp) throws Exception {
    Path game = tmp.resolve("game.json");
    Files.copy(Path.of("..", "examples", "games", "price-and-charge.json"), game);
    assertOneLineError(CliResult.of("finite-game", "--game", game.toString(), "--max-iterations", "0"), 2,
        "--max-iterations 0: must be at least 1");
    assertOneLineError(CliResult.of("finite-game", "--game", game.toString(), "--samples", "0"), 2,
        "--samples 0: must be at least 1");
    assertOneLineError(CliResult.of("finite-game", "--game", game.toString(), "--tol", "0"), 2, "--tol 0.0");
    assertOneLineError(CliResult.of("finite-game", "--game", game.toString(), "--epsilon", "0.3"), 2, "--epsilon 0.3");
    CliResult r = CliResult.of("finite-game", "--game", game.toString(), "--max-iterations", "0");
    assertFalse(r.err().contains("maxIterations"), r.err());
  }

  @Test
  void aCaseFileThatIsNotTextIsNamed(@TempDir Path tmp) throws Exception {
    Path garbage = Files.write(tmp.resolve("garbage.m"), new byte[] {(byte) 0xc3, 0x28, 0, (byte) 0xff, '\n'});
    CliResult r = CliResult.of("dispatch", "--case", garbage.toString());
    assertOneLineError(r, 2, garbage + ": not a text file; a MATPOWER case is text");
    assertFalse(r.err().contains("Input length"), r.err());
  }

  @Test
  void aFileGivenWhereAFolderIsExpectedIsNamed(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("steps.csv"), "step\n0\n");
    assertOneLineError(CliResult.of("report", file.toString()), 2, file + " is a file, not a results folder");
    assertOneLineError(CliResult.of("findings", file.toString()), 2, file + " is a file, not a results folder");
    assertOneLineError(CliResult.of("run", "--resume", file.toString()), 2, "--resume " + file
        + ": is a file, not a run's folder");
    assertOneLineError(CliResult.of("run", "--days", "1", "--out", file.toString()), 2, "--out " + file
        + ": is a file, not a folder");
    assertOneLineError(CliResult.of("simulate", "--days", "1", "--out", file.toString()), 2, "--out " + file
        + ": is a file, not a folder");
    assertOneLineError(CliResult.of("sweep", "--days", "1", "--out", file.toString()), 2, "--out " + file
        + ": is a file, not a folder");
    assertTrue(Files.readString(file).equals("step\n0\n"), "the file is untouched");
  }

  @Test
  void aSweepRefusesAFolderHoldingSeedsItWouldNotListOrAnotherSweepsCheckpoints(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("sweep");
    List<String> first = new java.util.ArrayList<>(List.of("sweep", "--seeds", "2", "--days", "1", "--out",
        out.toString()));
    first.addAll(ExitCodesTest.FAST);
    CliResult done = CliResult.of(first.toArray(String[]::new));
    org.junit.jupiter.api.Assertions.assertEquals(0, done.code(), done.err());
    byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
    // One seed of the two: its summary.json would list seed 0 while the folder holds seed-1 too.
    List<String> fewer = new java.util.ArrayList<>(first);
    fewer.set(2, "1");
    assertOneLineError(CliResult.of(fewer.toArray(String[]::new)), 2, "holds seed-1, which this sweep (seeds [0]) "
        + "does not play");
    // Other days: every seed's checkpoint is another run's, refused before any work (it failed each job).
    List<String> longer = new java.util.ArrayList<>(first);
    longer.set(4, "2");
    assertOneLineError(CliResult.of(longer.toArray(String[]::new)), 2, "seed-0" + java.io.File.separator
        + "checkpoint is another run's (days 1, not 2)");
    org.junit.jupiter.api.Assertions.assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")),
        "the first sweep's results stay");
  }
}
