package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import io.stackelgrid.it.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error contract as a user meets it (issue 13): each case runs the CLI in a JVM of its own, the
 * way {@code bin/stackelgrid} starts it, and reads everything the process prints on stdout and
 * stderr together, so a stray line from the JVM, the logging set-up or an actor system started too
 * early would show (the in-process tests see only the CLI's own writers). Bad input is exit 2 and one
 * line {@code stackelgrid: error: ...} naming the culprit, found before any work; result files take
 * the mode the user's umask gives. ClusterFailFastTest does the same for cluster members.
 */
class CliFailFastTest {
  @TempDir
  Path tmp;

  /** {@code stackelgrid ARGS} in its own JVM under {@code umask}; stdout and stderr together. */
  private Result cliUnder(String umask, String... args) throws IOException, InterruptedException {
    // sh sets the umask and execs the JVM: the process is the CLI itself, as the launcher starts it.
    return CliProcess.run(tmp, List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), args);
  }

  private Result cli(String... args) throws IOException, InterruptedException {
    return cliUnder("022", args);
  }

  /** Exit 2 and the process printed exactly one line, the contract's, naming every culprit. */
  private static void assertOneLineError(Result r, String... culprits) {
    assertEquals(2, r.code(), r.output());
    assertEquals(1, r.lines().size(), "one line: " + r.output());
    String line = r.lines().get(0);
    assertTrue(line.startsWith("stackelgrid: error: "), line);
    for (String c : culprits) {
      assertTrue(line.contains(c), "'" + line + "' should name " + c);
    }
  }

  /** {@code run} of a few days with tiny learning budgets. */
  private static String[] run(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--days", "2", "--out", out.toString()));
    args.addAll(List.of(RunDeterminismTest.FAST));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void badInputIsOneLineBeforeAnyWork() throws Exception {
    // picocli printed 22-34 lines of usage.
    assertOneLineError(cli("run", "--bogus"), "--bogus", "try 'stackelgrid run --help'");
    assertOneLineError(cli("nonsense"), "nonsense", "try 'stackelgrid --help'");
    // finite-game used exit 1 and a prefix of its own.
    assertOneLineError(cli("finite-game", "--game", tmp.resolve("missing.json").toString()), "missing.json");
    // run --seed -5 played the whole seed, then failed.
    Path out = tmp.resolve("negative");
    assertOneLineError(cli(run(out, "--seed", "-5")), "--seed -5");
    assertFalse(Files.exists(out), "nothing written for a refused seed");
    // A misspelt key in a scenario file was ignored; no generators shed everything.
    Path typo = tmp.resolve("typo.conf");
    Files.writeString(typo, "include classpath(\"scenarios/three-bus.conf\")\ndispatch.voll-usd-per-mw = 5000\n");
    Path typoOut = tmp.resolve("typo");
    assertOneLineError(cli(run(typoOut, "--scenario", typo.toString())), "typo.conf:2:",
        "dispatch.voll-usd-per-mwh");
    assertFalse(Files.exists(typoOut), "nothing written for a refused scenario");
    assertOneLineError(cli("dispatch", "--set", "grid.generators=[]"), "grid.generators");
  }

  @Test
  void resultsHonourTheUmaskAndAnotherRunsFolderIsNotTouched() throws Exception {
    // Files were written 0600 whatever the umask; under 027 they are 0640 and folders 0750.
    Path dir = tmp.resolve("run");
    Result first = cliUnder("027", run(dir, "--seed", "1"));
    assertEquals(0, first.code(), first.output());
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.toList();
    }
    assertTrue(all.stream().filter(Files::isRegularFile).count() >= 6, all.toString());
    for (Path p : all) {
      assertFalse(p.getFileName().toString().endsWith(".tmp"), "temporary left: " + p);
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
      assertEquals(Files.isDirectory(p) ? "rwxr-x---" : "rw-r-----", mode, p.toString());
    }
    byte[] steps = Files.readAllBytes(dir.resolve("seed-1/steps.csv"));

    // A fresh run into it overwrote its results silently; --resume DIR --out OTHER ignored --out;
    // --resume DIR with a differing option silently started another run.
    assertOneLineError(cli(run(dir, "--seed", "2")), "holds another run", "--overwrite");
    Path other = tmp.resolve("other");
    assertOneLineError(cli("run", "--resume", dir.toString(), "--out", other.toString()), "--out " + other);
    assertOneLineError(cli("run", "--resume", dir.toString(), "--days", "5"), "--days 5", "(--days 2)");
    assertFalse(Files.exists(other));
    assertFalse(Files.exists(dir.resolve("seed-2")));
    assertTrue(Arrays.equals(steps, Files.readAllBytes(dir.resolve("seed-1/steps.csv"))),
        "seed 1's results untouched");
  }
}
