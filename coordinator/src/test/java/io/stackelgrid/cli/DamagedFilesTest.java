package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of result files refuses a damaged one with one line naming the file and line, exit 2,
 * and writes nothing (issue 21: {@code report} drew 1.3 days from a truncated steps.csv and exited 0):
 * report and findings a truncated steps.csv or periods.csv, cut mid-line or at a line end; resume a
 * truncated run.json or checkpoint. Each case damages a copy of one real 3-day run of two seeds.
 */
class DamagedFilesTest {
  @TempDir
  static Path tmp;
  static Path run;

  @BeforeAll
  static void aWholeRun() {
    run = tmp.resolve("run");
    List<String> args = new ArrayList<>(List.of("run", "--seeds", "2", "--days", "3", "--out", run.toString()));
    args.addAll(ExitCodesTest.FAST);
    CliResult r = CliResult.of(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
  }

  /** A copy of the run whose {@code file} keeps only its first {@code keep} bytes. */
  private static Path withTruncated(String name, String file, long keep) throws IOException {
    Path copy = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(run)) {
      for (Path p : s.toList()) {
        Path to = copy.resolve(run.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path f = copy.resolve(file);
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(bytes, (int) keep));
    return copy;
  }

  /** The byte offset just after the {@code n}-th line end of {@code file} in the whole run. */
  private static long afterLine(String file, int n) throws IOException {
    byte[] b = Files.readAllBytes(run.resolve(file));
    int seen = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' && ++seen == n) {
        return i + 1;
      }
    }
    throw new AssertionError(file + " has fewer than " + n + " lines");
  }

  private static void assertRefused(CliResult r, String... named) {
    ExitCodesTest.assertOneLineError(r, 2, named);
  }

  @Test
  void reportAndFindingsRefuseAStepsFileCutMidLine() throws Exception {
    // 3 days x 8 steps x 3 buses x 2 worlds = 144 rows after the header: cut inside line 100.
    Path dir = withTruncated("mid-line", "seed-1/steps.csv", afterLine("seed-1/steps.csv", 99) + 20);
    byte[] report = Files.readAllBytes(dir.resolve("report.html"));
    Path steps = dir.resolve("seed-1/steps.csv");
    assertRefused(CliResult.of("report", dir.toString()), steps + ":100: the last line is cut short");
    assertRefused(CliResult.of("findings", dir.toString()), steps + ":100: the last line is cut short");
    assertArrayEquals(report, Files.readAllBytes(dir.resolve("report.html")), "the earlier report stays");
    assertTrue(!Files.exists(dir.resolve("findings.json")), "no findings from a damaged file");
  }

  @Test
  void reportAndFindingsRefuseAStepsFileCutAtALineEnd() throws Exception {
    // Every line complete, a day and a half missing: only the days run.json records can tell.
    Path dir = withTruncated("line-end", "seed-0/steps.csv", afterLine("seed-0/steps.csv", 1 + 72));
    Path steps = dir.resolve("seed-0/steps.csv");
    String counted = "12 steps of the learning world";
    assertRefused(CliResult.of("report", dir.toString()), steps + ":73: ", counted, "3 days (" + dir.resolve("run.json"));
    assertRefused(CliResult.of("findings", dir.toString()), steps + ":73: ", counted);
  }

  @Test
  void reportAndFindingsRefuseAPeriodsFileMissingItsLastPeriod() throws Exception {
    // One period (3 days) of 6 groups and 2 worlds: 12 rows; drop the last row.
    Path dir = withTruncated("periods", "seed-1/periods.csv", afterLine("seed-1/periods.csv", 12));
    Path periods = dir.resolve("seed-1/periods.csv");
    assertRefused(CliResult.of("report", dir.toString()), periods + ":12: a period with 5 rows");
    assertRefused(CliResult.of("findings", dir.toString()), periods + ":12: a period with 5 rows");
  }

  @Test
  void reportRefusesADamagedSummary() throws Exception {
    Path dir = withTruncated("summary", "summary.json", afterLine("summary.json", 3));
    assertRefused(CliResult.of("report", dir.toString()), dir.resolve("summary.json") + ":", "not whole JSON");
  }

  @Test
  void resumeRefusesATruncatedRunJsonOrCheckpoint() throws Exception {
    Path dir = withTruncated("run-json", "run.json", afterLine("run.json", 2));
    Path runJson = dir.resolve("run.json");
    assertRefused(CliResult.of("run", "--resume", dir.toString()), runJson + ":", "not whole JSON");
    Path cp = withTruncated("checkpoint", "seed-0/checkpoint", 100);
    assertRefused(CliResult.of("run", "--resume", cp.toString()), "refusing checkpoint "
        + cp.resolve("seed-0/checkpoint"), "truncated");
  }
}
