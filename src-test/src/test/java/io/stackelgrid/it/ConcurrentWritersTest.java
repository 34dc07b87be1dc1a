package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.results.FolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run}s of different seeds into one {@code --out}, each in a JVM of its own (issue 21: both
 * exited 0 and the folder held both seeds while run.json and summary.json listed only the second):
 * the second is refused with one line naming the first, and the folder ends with the first's seed
 * alone, listed by run.json and summary.json.
 */
class ConcurrentWritersTest {
  @Test
  void aRunIntoAFolderAnotherRunIsWritingIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Process first = CliProcess.start(List.of(), ResumeAfterKillTest.args(out, 30), tmp.resolve("first.log"));
    Path lock = out.resolve(FolderLock.NAME);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(lock) && Files.readString(lock).contains("pid=" + first.pid() + "\n")) && first.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling a file; the condition, not the sleep, synchronises
    }
    assertTrue(first.isAlive(), "the first run ended before the second started: " + log(tmp, "first.log"));
    List<String> second = new ArrayList<>(ResumeAfterKillTest.args(out, 4));
    second.set(second.indexOf("--seed") + 1, "6");
    CliProcess.Result refused = CliProcess.run(tmp, List.of(), second.toArray(String[]::new));
    assertEquals(2, refused.code(), refused.output());
    List<String> errors = refused.lines().stream().filter(l -> l.startsWith("stackelgrid: error: ")).toList();
    assertEquals(1, errors.size(), refused.output());
    assertTrue(errors.get(0).contains("--out " + out + ": is in use by 'stackelgrid run' (process " + first.pid()
        + " on host "), errors.get(0));
    assertTrue(first.waitFor(240, TimeUnit.SECONDS), "the first run ended");
    assertEquals(0, first.exitValue(), log(tmp, "first.log"));
    assertOnlySeeds(out, List.of(5L));
  }

  @Test
  void ofTwoRunsStartedTogetherOneWritesAndTheOtherIsRefused(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    List<String> other = new ArrayList<>(ResumeAfterKillTest.args(out, 30));
    other.set(other.indexOf("--seed") + 1, "6");
    Process a = CliProcess.start(List.of(), ResumeAfterKillTest.args(out, 30), tmp.resolve("a.log"));
    Process b = CliProcess.start(List.of(), other, tmp.resolve("b.log"));
    assertTrue(a.waitFor(240, TimeUnit.SECONDS) && b.waitFor(240, TimeUnit.SECONDS), "both ended");
    String logs = log(tmp, "a.log") + "\n---\n" + log(tmp, "b.log");
    List<Integer> codes = List.of(a.exitValue(), b.exitValue());
    assertTrue(codes.contains(0) && codes.contains(2), "one wrote, one was refused: " + codes + "\n" + logs);
    long winner = a.exitValue() == 0 ? 5 : 6;
    // The loser met the lock, or (had the winner already ended) the winner's results.
    String loser = a.exitValue() == 0 ? log(tmp, "b.log") : log(tmp, "a.log");
    assertTrue(loser.contains("is in use by 'stackelgrid run'") || loser.contains("holds another run"), loser);
    assertOnlySeeds(out, List.of(winner));
  }

  /** The folder holds results of exactly these seeds, and run.json and summary.json list exactly them. */
  private static void assertOnlySeeds(Path out, List<Long> seeds) throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertEquals(seeds, longs(json.readTree(out.resolve("run.json").toFile()).path("seeds")), "run.json");
    assertEquals(seeds, longs(json.readTree(out.resolve("summary.json").toFile()).path("seeds")), "summary.json");
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(seeds.stream().map(k -> "seed-" + k).toList(), s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("seed-")).sorted().toList(), "seed folders");
    }
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  private static String log(Path tmp, String name) throws Exception {
    return Files.readString(tmp.resolve(name));
  }
}
