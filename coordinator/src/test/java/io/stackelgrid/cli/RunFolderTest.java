package io.stackelgrid.cli;

import static io.stackelgrid.cli.ExitCodesTest.FAST;
import static io.stackelgrid.cli.ExitCodesTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.checkpoint.CheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results are never lost (issue 13): a run folder records its options (run.json); --resume DIR alone
 * continues it and an explicit option that differs is refused naming both values; a fresh run into a
 * folder holding another run is refused unless --overwrite; --resume DIR --out OTHER is refused;
 * files are 0644 under the usual umask and no temporary is left behind.
 */
class RunFolderTest {
  static CliResult run(Path out, int days, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--days", Integer.toString(days), "--out", out.toString()));
    args.addAll(FAST);
    args.addAll(Arrays.asList(more));
    return CliResult.of(args.toArray(String[]::new));
  }

  @Test
  void aFreshRunIntoAFolderHoldingAnotherRunIsRefusedUnlessOverwrite(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    assertEquals(0, run(dir, 3, "--seed", "1").code());
    byte[] steps = Files.readAllBytes(dir.resolve("seed-1/steps.csv"));
    byte[] checkpoint = Files.readAllBytes(dir.resolve("seed-1/checkpoint"));
    // It overwrote the other run's results and checkpoint silently.
    assertOneLineError(run(dir, 3, "--seed", "2"), 2, "holds another run", "--resume " + dir,
        "--overwrite");
    assertOneLineError(run(dir, 3, "--seed", "1"), 2, "holds another run");
    assertArrayEquals(steps, Files.readAllBytes(dir.resolve("seed-1/steps.csv")));
    assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve("seed-1/checkpoint")));
    assertFalse(Files.exists(dir.resolve("seed-2")));
    // --overwrite replaces it: the old seed's folder goes, so the report shows only the new run.
    assertEquals(0, run(dir, 3, "--seed", "2", "--overwrite").code());
    assertFalse(Files.exists(dir.resolve("seed-1")));
    assertTrue(Files.readString(dir.resolve("run.json")).contains("\"seeds\" : [ 2 ]"));
    // A folder with unrelated files only is not a run.
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertEquals(0, run(other, 3, "--seed", "1").code());
    assertEquals("mine", Files.readString(other.resolve("notes.txt")));
  }

  @Test
  void resumeAloneContinuesTheRecordedRunAndRefusesDifferingOptions(@TempDir Path tmp) throws Exception {
    // The continuation of a killed run is ResumeAfterKillTest's; here the options: a finished run
    // resumed plays nothing and rewrites the same files, with the options run.json recorded.
    Path dir = tmp.resolve("run");
    assertEquals(0, run(dir, 3, "--seed", "4").code());
    byte[] steps = Files.readAllBytes(dir.resolve("seed-4/steps.csv"));

    // It silently started a different run (one seed of 100 days) without the original options.
    assertOneLineError(CliResult.of("run", "--resume", dir.toString(), "--days", "5"), 2, "--days 5",
        "(--days 3)");
    assertOneLineError(CliResult.of("run", "--resume", dir.toString(), "--seed", "0"), 2, "--seeds [0]",
        "(--seeds [4])");
    assertOneLineError(CliResult.of("run", "--resume", dir.toString(), "--set", "learning.ppo.n-steps=96"), 2,
        "--set", "learning.ppo.n-steps=96", "learning.ppo.n-steps=48");
    assertOneLineError(CliResult.of("run", "--resume", dir.toString(), "--scenario", "three-bus-base-load"), 2,
        "--scenario three-bus-base-load", "(--scenario three-bus)");
    assertOneLineError(CliResult.of("run", "--resume", dir.toString(), "--households", "100"), 2,
        "--households 100", "mean field");
    // --out was ignored with --resume.
    Path elsewhere = tmp.resolve("elsewhere");
    assertOneLineError(CliResult.of("run", "--resume", dir.toString(), "--out", elsewhere.toString()), 2,
        "--out " + elsewhere, "drop --out");
    assertFalse(Files.exists(elsewhere));
    assertOneLineError(CliResult.of("run", "--resume", tmp.resolve("nothing").toString()), 2, "no run.json");

    CliResult alone = CliResult.of("run", "--resume", dir.toString());
    assertEquals(0, alone.code(), alone.err());
    assertFalse(Files.exists(dir.resolve("seed-0")), "resume alone must not start seed 0");
    assertArrayEquals(steps, Files.readAllBytes(dir.resolve("seed-4/steps.csv")));
    // The same options given again are fine, --out naming the same folder too.
    List<String> same = new ArrayList<>(List.of("run", "--resume", dir.toString(), "--out", dir.toString(),
        "--seed", "4", "--days", "3"));
    same.addAll(FAST);
    assertEquals(0, CliResult.of(same.toArray(String[]::new)).code());
  }

  @Test
  void aResumeRefusedBecauseTheScenarioFileChangedSaysSoWithoutHashes(@TempDir Path tmp) throws Exception {
    // A refused resume named only the two runs' config hashes. Here every option is the recorded one
    // but the scenario file was edited after the run: the checkpoint is refused in words.
    Path scenario = tmp.resolve("mine.conf");
    Files.writeString(scenario, "include classpath(\"scenarios/three-bus.conf\")\n");
    Path dir = tmp.resolve("run");
    CliResult first = run(dir, 3, "--seed", "1", "--scenario", scenario.toString());
    assertEquals(0, first.code(), first.err());
    byte[] steps = Files.readAllBytes(dir.resolve("seed-1/steps.csv"));
    Files.writeString(scenario, "include classpath(\"scenarios/three-bus.conf\")\ndispatch.voll-usd-per-mwh = 5000\n");
    CliResult r = CliResult.of("run", "--resume", dir.toString());
    assertOneLineError(r, 2, dir.resolve("seed-1/checkpoint").toString(), "another run",
        "the scenario's configuration (its file or the --set values) differs");
    assertFalse(java.util.regex.Pattern.compile("\\p{XDigit}{16}").matcher(r.err().replace(tmp.toString(), ""))
        .find(), "a hash: " + r.err());
    assertArrayEquals(steps, Files.readAllBytes(dir.resolve("seed-1/steps.csv")));
  }

  @Test
  void resultFilesHonourTheUmaskAndLeaveNoTemporaries(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    assertEquals(0, run(dir, 3, "--seed", "1").code());
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() >= 6, files.toString());
    for (Path f : files) {
      assertFalse(f.getFileName().toString().endsWith(".tmp"), "temporary left: " + f);
      // Written 0600 before; the build runs under umask 022.
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
    }
  }

  @Test
  void aCheckpointThatCannotBeWrittenIsNamed(@TempDir Path tmp) throws Exception {
    // A folder where the checkpoint should go, so its rename fails: the error names the checkpoint
    // (it named steps.csv) and no temporary stays.
    Path dir = tmp.resolve("run");
    Files.createDirectories(dir.resolve("seed-1/checkpoint/in-the-way"));
    CliResult r = run(dir, 3, "--seed", "1");
    assertOneLineError(r, 1, dir.resolve("seed-1/checkpoint").toString());
    try (Stream<Path> s = Files.walk(dir)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
    // As on a full disk (aFullDiskNamesTheCheckpointAndLeavesNoTemporary, where a tmpfs can be
    // mounted): the partial steps.csv written after the failed checkpoint fails too. The error is
    // the first one, the checkpoint's; it named steps.csv.
    Path both = tmp.resolve("both");
    Files.createDirectories(both.resolve("seed-1/checkpoint/in-the-way"));
    Files.createDirectories(both.resolve("seed-1/steps.csv/in-the-way"));
    CliResult r2 = run(both, 3, "--seed", "1");
    assertOneLineError(r2, 1, both.resolve("seed-1/checkpoint").toString());
    assertFalse(r2.err().contains("steps.csv"), r2.err());
    try (Stream<Path> s = Files.walk(both)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  @Test
  void aFullDiskNamesTheCheckpointAndLeavesNoTemporary(@TempDir Path tmp) throws Exception {
    // The case: on a full disk the checkpoint write failed, the error named steps.csv (whose
    // flush failed next) and checkpoint.tmp stayed. A 8 KB tmpfs takes run.json but no checkpoint.
    Path disk = tmp.resolve("disk");
    Files.createDirectories(disk);
    String mounted = sh("mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", disk.toString());
    org.junit.jupiter.api.Assumptions.assumeTrue(mounted.isEmpty(), "cannot mount a small tmpfs here: " + mounted);
    try {
      Path dir = disk.resolve("run");
      CliResult r = run(dir, 3, "--seed", "1");
      assertOneLineError(r, 1, dir.resolve("seed-1/checkpoint").toString(), "No space left on device");
      assertFalse(r.err().contains("steps.csv"), r.err());
      try (Stream<Path> s = Files.walk(dir)) {
        assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
      }
      assertTrue(Files.exists(dir.resolve("run.json")));
    } finally {
      sh("umount", disk.toString());
    }
  }

  /** Runs a command; its output, empty when it succeeded silently. */
  private static String sh(String... cmd) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      return e.getMessage();
    }
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? out : "exit " + p.exitValue() + ": " + out;
  }
}
