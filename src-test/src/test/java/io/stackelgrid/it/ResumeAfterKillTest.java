package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.checkpoint.RunFingerprint;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checkpoints: a run killed with SIGKILL and resumed ends with the same bytes; bad checkpoints are refused. */
class ResumeAfterKillTest {
  static final int DAYS = 9;

  static List<String> args(Path out, String... more) {
    return args(out, DAYS, more);
  }

  static List<String> args(Path out, int days, String... more) {
    List<String> a = new ArrayList<>(List.of("run", "--days", Integer.toString(days), "--seed", "5",
        "--out", out.toString()));
    a.addAll(Arrays.asList(RunDeterminismTest.FAST));
    // Followers also learn after every real step: the policy history in the checkpoint is long.
    a.addAll(List.of("--set", "learning.follower.learn-every-step=true"));
    a.addAll(Arrays.asList(more));
    return a;
  }

  static int runInProcess(List<String> args) {
    picocli.CommandLine cli = new picocli.CommandLine(new io.stackelgrid.cli.RunCommand());
    cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
    cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    return cli.execute(args.subList(1, args.size()).toArray(String[]::new));
  }

  @Test
  void killedRunResumesToTheSameBytes(@TempDir Path tmp) throws Exception {
    Path whole = tmp.resolve("whole");
    assertEquals(0, runInProcess(args(whole)));

    Path killed = tmp.resolve("killed");
    Path log = tmp.resolve("child.log");
    Process p = CliProcess.start(List.of(), args(killed), log);
    awaitFirstCheckpoint(p, killed);
    assertTrue(p.isAlive(), "the child ended before its first checkpoint could be killed: " + Files.readString(log));
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(!Files.exists(killed.resolve("seed-5/steps.csv")), "killed before the end");

    // --resume alone: the run recorded its options in run.json.
    assertEquals(0, runInProcess(List.of("run", "--resume", killed.toString())));
    for (String f : List.of("steps.csv", "periods.csv")) {
      assertArrayEquals(Files.readAllBytes(whole.resolve("seed-5").resolve(f)),
          Files.readAllBytes(killed.resolve("seed-5").resolve(f)), f);
    }
  }

  /** The whole 30-day run the stopped ones must end equal to (played once for the signal cases). */
  private static Path whole30;

  private static synchronized Path whole30(Path tmp) {
    if (whole30 == null) {
      Path whole = tmp.resolve("whole");
      assertEquals(0, runInProcess(args(whole, 30)));
      whole30 = whole;
    }
    return whole30;
  }

  @TempDir
  static Path shared;

  @ParameterizedTest(name = "SIG{0} exits {1}")
  @CsvSource({"INT, 130", "TERM, 143", "HUP, 129"})
  void aSignalStopsCleanlyKeepingTheLastCheckpointAndTheRunResumesToTheSameBytes(String signal, int code,
      @TempDir Path tmp) throws Exception {
    // Interrupts exited 2 like input errors; SIGTERM exited 143 with no message. Now each: writes
    // under way finish, none starts, one line says what is kept, exit 128 + the signal's number; the
    // checkpoint left is whole and the run resumes to the same bytes. 30 days leave seconds between
    // the first checkpoint and the end for the signal to arrive.
    int days = 30;
    Path whole = whole30(shared);
    Path stopped = tmp.resolve("stopped");
    Path log = tmp.resolve("child.log");
    Process p = CliProcess.start(withDefaultSignals(), args(stopped, days), log);
    awaitFirstCheckpoint(p, stopped);
    assertTrue(p.isAlive(), "the child ended before it could be stopped: " + Files.readString(log));
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no clean stop within 60 s");
    String out = Files.readString(log);
    assertEquals(code, p.exitValue(), out);
    assertTrue(out.contains("stackelgrid: interrupted (SIG" + signal + "); ") && out.contains("--resume " + stopped),
        out);
    try (var s = Files.walk(stopped)) {
      assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
    }
    assertEquals(0, runInProcess(List.of("run", "--resume", stopped.toString())));
    for (String f : List.of("steps.csv", "periods.csv")) {
      assertArrayEquals(Files.readAllBytes(whole.resolve("seed-5").resolve(f)),
          Files.readAllBytes(stopped.resolve("seed-5").resolve(f)), f);
    }
  }

  /** Waits (at most 120 s) until seed 5's first checkpoint is in {@code out} or the child has ended. */
  private static void awaitFirstCheckpoint(Process p, Path out) throws InterruptedException {
    Path checkpoint = out.resolve("seed-5").resolve(CheckpointFile.NAME);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /**
   * A prefix that starts the child with SIGINT's and SIGHUP's default dispositions. A shell running
   * Maven in the background (`mvn verify &` in a CI script) starts it with SIGINT ignored, `nohup`
   * with SIGHUP ignored; every process below inherits that, and a JVM leaves an ignored signal
   * ignored, as `nohup` users expect. perl (Debian's perl-base is essential) restores the defaults, so
   * the child meets the signals a user's terminal would send.
   */
  private static List<String> withDefaultSignals() throws Exception {
    long ignoredMask = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("SigIgn:")).mapToLong(l -> Long.parseLong(l.substring(7).trim(), 16))
        .findFirst().orElse(0);
    boolean ignored = (ignoredMask & (2L | 1L)) != 0; // bit 1: SIGINT (2), bit 0: SIGHUP (1)
    if (!ignored) {
      return List.of();
    }
    boolean perl = new ProcessBuilder("perl", "-e", "exit 0").start().waitFor() == 0;
    assumeTrue(perl, "SIGINT or SIGHUP is ignored in this process tree and perl, which would restore it, is missing");
    return List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; $SIG{HUP} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"");
  }

  @Test
  void truncatedAndForeignCheckpointsAreRefused(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("run");
    List<String> a = new ArrayList<>(List.of("run", "--days", "3", "--seed", "5", "--out", run.toString()));
    a.addAll(Arrays.asList(RunDeterminismTest.FAST));
    assertEquals(0, runInProcess(a));
    Path good = run.resolve("seed-5").resolve(CheckpointFile.NAME);
    var scenario = ScenarioLoader.load("three-bus", ScenarioLoader.parseOverrides(
        List.of(RunDeterminismTest.FAST).stream().filter(s -> !s.equals("--set")).toList()));
    String fingerprint = RunFingerprint.of(scenario, 5, 3);
    assertEquals(24, CheckpointFile.read(good, fingerprint).game().stepsDone());

    byte[] bytes = Files.readAllBytes(good);
    Path truncated = tmp.resolve("truncated");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    StackelgridException t = assertThrows(StackelgridException.class,
        () -> CheckpointFile.read(truncated, fingerprint));
    assertTrue(t.getMessage().contains("truncated"), t.getMessage());

    Path flipped = tmp.resolve("flipped");
    byte[] damaged = bytes.clone();
    damaged[damaged.length - 20] ^= 0x40;
    Files.write(flipped, damaged);
    StackelgridException d = assertThrows(StackelgridException.class, () -> CheckpointFile.read(flipped, fingerprint));
    assertTrue(d.getMessage().contains("damaged"), d.getMessage());

    StackelgridException f = assertThrows(StackelgridException.class,
        () -> CheckpointFile.read(good, RunFingerprint.of(scenario, 6, 3)));
    assertTrue(f.getMessage().contains("another run") && f.getMessage().contains("seed 5"), f.getMessage());

    // Through the CLI: a run of seed 6 whose folder holds seed 5's checkpoint is refused, naming what
    // differs (it named only config hashes), and nothing is written.
    Path run6 = tmp.resolve("run6");
    List<String> b = new ArrayList<>(List.of("run", "--days", "3", "--seed", "6", "--out", run6.toString()));
    b.addAll(Arrays.asList(RunDeterminismTest.FAST));
    assertEquals(0, runInProcess(b));
    Files.copy(good, run6.resolve("seed-6").resolve(CheckpointFile.NAME), StandardCopyOption.REPLACE_EXISTING);
    Files.delete(run6.resolve("seed-6/steps.csv"));
    java.io.StringWriter err = new java.io.StringWriter();
    int code = io.stackelgrid.cli.Main.execute(new String[] {"run", "--resume", run6.toString()},
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("another run (seed 5, not 6)"), err.toString());
    assertTrue(!Files.exists(run6.resolve("seed-6/steps.csv")));
  }

}
