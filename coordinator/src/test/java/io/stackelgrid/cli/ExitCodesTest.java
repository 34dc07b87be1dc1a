package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.common.RunInterruptedException;
import io.stackelgrid.common.StackelgridException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One exit-code contract for every command (issue 13): 0 done, 2 bad input in one line, 1 a failure
 * of the run in one line naming a log with the details, 130 interrupted (ResumeAfterKillTest sends
 * the signal); picocli's usage errors are one line with "try --help"; every --help lists the codes.
 */
class ExitCodesTest {


  /** Tiny PPO budgets: a run of a few days takes seconds. */
  static final List<String> FAST = List.of("--set", "learning.ppo.total-timesteps=48", "--set",
      "learning.ppo.n-steps=48", "--set", "learning.ppo.batch-size=24", "--set",
      "learning.follower.learn-every-step=false", "--set", "learning.inner-loop.max-iterations=2");

  static void assertOneLineError(CliResult r, int code, String... culprits) {
    assertEquals(code, r.code(), "exit code; stderr: " + r.err());
    assertTrue(r.err().startsWith("stackelgrid: error: "), r.err());
    assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
    for (String c : culprits) {
      assertTrue(r.err().contains(c), "'" + r.err().strip() + "' should name " + c);
    }
  }

  @Test
  void usageErrorsAreOneLineWithTryHelp() {
    // picocli printed 22-34 lines of usage for these.
    assertOneLineError(CliResult.of("run", "--bogus"), 2, "--bogus", "try 'stackelgrid run --help'");
    assertOneLineError(CliResult.of("finite-game"), 2, "--game", "try 'stackelgrid finite-game --help'");
    assertOneLineError(CliResult.of("dispatch", "--hour", "six"), 2, "six", "try 'stackelgrid dispatch --help'");
    assertOneLineError(CliResult.of("simulate", "--out"), 2, "--out", "try 'stackelgrid simulate --help'");
    assertOneLineError(CliResult.of("nonsense"), 2, "nonsense", "try 'stackelgrid --help'");
  }

  @Test
  void everyCommandsHelpListsTheExitCodes() {
    List<String> commands = new ArrayList<>(new picocli.CommandLine(new Main()).getSubcommands().keySet());
    commands.remove("help");
    commands.add(0, "");
    for (String c : commands) {
      CliResult r = c.isEmpty() ? CliResult.of("--help") : CliResult.of(c, "--help");
      assertEquals(0, r.code(), c);
      String help = r.out();
      assertTrue(help.contains("Exit codes:"), c + ": " + help);
      for (String code : List.of(" 0 ", " 1 ", " 2 ", "130 ")) {
        assertTrue(help.contains(code), c + " --help lacks exit code " + code.strip());
      }
      assertEquals(c.equals("finite-game"), help.contains(" 3 "), c + ": did not converge is finite-game's own");
    }
  }

  @Test
  void finiteGameUsesTheContract(@TempDir Path tmp) throws Exception {
    // Its errors used exit 1 and their own prefix.
    assertOneLineError(CliResult.of("finite-game", "--game", tmp.resolve("missing.json").toString()), 2, "missing.json");
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"leader\": {\"states\": 1}}");
    assertOneLineError(CliResult.of("finite-game", "--game", bad.toString()), 2, "bad.json");
    assertOneLineError(CliResult.of("finite-game", "--game", bad.toString(), "--seed", "-1"), 2, "--seed -1");
    // An asymmetric 2x2 game (so the uniform start is no fixed point): one iteration at a tolerance of
    // 1e-300 cannot converge; the answer is printed and the exit code says it is not final.
    Path game = tmp.resolve("game.json");
    Files.writeString(game, "{\"leader\": {\"states\": 1, \"actions\": 2, \"gamma\": 0.5, \"alpha\": 1},"
        + "\"follower\": {\"states\": 1, \"actions\": 2, \"gamma\": 0.5, \"alpha\": 1},"
        + "\"transitionLeader\": [[[[1], [1]], [[1], [1]]]], \"transitionFollower\": [[[[1], [1]], [[1], [1]]]],"
        + "\"rewardLeader\": [[[[0, 1], [3, 0]]]], \"rewardFollower\": [[[[1, 0], [0, 2]]]]}");
    CliResult r = CliResult.of("finite-game", "--game", game.toString(), "--max-iterations", "1", "--tol", "1e-300");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().startsWith("stackelgrid: finite-game: ") && r.err().contains("did not converge"), r.err());
    assertFalse(r.out().isBlank(), "the last iterate is printed");
    assertEquals(0, CliResult.of("finite-game", "--game", game.toString()).code());
  }

  @Test
  void aSeedOutsideTheValidRangeIsRefusedBeforeAnyWork(@TempDir Path tmp) {
    // run --seed -5 played the whole seed, then failed.
    Path out = tmp.resolve("run");
    assertOneLineError(CliResult.of("run", "--seed", "-5", "--out", out.toString()), 2, "--seed -5");
    assertFalse(Files.exists(out), "nothing written");
    assertOneLineError(CliResult.of("simulate", "--seed", "-1", "--out", out.toString()), 2, "--seed -1");
    assertOneLineError(CliResult.of("run", "--seeds", "0", "--out", out.toString()), 2, "--seeds");
  }

  @Test
  void leaderEnvCopiesThatDoNotDivideNStepsAreOneLineNamingTheKey(@TempDir Path tmp) {
    assertOneLineError(CliResult.of("run", "--days", "1", "--out", tmp.resolve("k7").toString(), "--set",
        "learning.leader.env-copies=7"), 2, "learning.leader.env-copies = 7", "learning.ppo.n-steps = 1200");
    assertOneLineError(CliResult.of("run", "--days", "1", "--out", tmp.resolve("k0").toString(), "--set",
        "learning.leader.env-copies=0"), 2, "learning.leader.env-copies = 0", "at least 1");
  }

  @Test
  void aFailureOfTheRunIsOneLineWithExitOneAndALogOfTheDetails(@TempDir Path tmp) throws Exception {
    // 300 times the households overload the generators; strict dispatch makes the shed an error of
    // the run (its input was valid), found in the first step.
    List<String> args = new ArrayList<>(List.of("run", "--days", "1", "--seed", "2", "--out", tmp.toString(),
        "--set", "dispatch.strict=true", "--set", "households.population-scale=300"));
    args.addAll(FAST);
    CliResult r = CliResult.of(args.toArray(String[]::new));
    assertOneLineError(r, 1, "seed 2", "sheds", "details in ");
    String log = r.err().substring(r.err().indexOf("details in ") + "details in ".length()).replaceAll("\\)\\s*$", "");
    String details = Files.readString(Path.of(log));
    assertTrue(details.contains("RunFailedException") && details.contains("\tat "), details);
  }

  @Test
  void exceptionsMapToTheirCodes() {
    assertEquals(130, ExitCodes.codeOf(new RunInterruptedException("stop", new InterruptedException())));
    assertEquals(1, ExitCodes.codeOf(new RunFailedException("learner broke")));
    assertEquals(2, ExitCodes.codeOf(new StackelgridException("bad key")));
    assertEquals(1, ExitCodes.codeOf(new IllegalStateException("a defect")));
    assertEquals("a; b; c", ExitCodes.oneLine("a\n  b\r\nc\n"));
  }
}
