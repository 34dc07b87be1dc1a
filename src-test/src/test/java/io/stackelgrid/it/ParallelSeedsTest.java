package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --parallel}: seeds played at once give each seed's files and the summary of a serial run. */
class ParallelSeedsTest {
  @Test
  void seedsRunTogetherWriteWhatTheyWriteAlone(@TempDir Path tmp) throws Exception {
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("together"), "--seeds", "2", "--parallel", "2"));
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("serial"), "--seeds", "2", "--parallel", "1"));
    assertEquals(0, RunDeterminismTest.run(tmp.resolve("alone"), "--seed", "1"));
    for (String f : List.of("steps.csv", "periods.csv")) {
      byte[] alone = Files.readAllBytes(tmp.resolve("alone/seed-1").resolve(f));
      assertArrayEquals(alone, Files.readAllBytes(tmp.resolve("together/seed-1").resolve(f)), f);
      assertArrayEquals(Files.readAllBytes(tmp.resolve("serial/seed-0").resolve(f)),
          Files.readAllBytes(tmp.resolve("together/seed-0").resolve(f)), f);
    }
    assertEquals(Files.readString(tmp.resolve("serial/summary.json")),
        Files.readString(tmp.resolve("together/summary.json")), "cross-seed summary");
  }

  @Test
  void zeroParallelIsRefusedAsBadInputBeforeAnyWrite(@TempDir Path tmp) {
    java.io.StringWriter err = new java.io.StringWriter();
    Path out = tmp.resolve("out");
    assertEquals(2, RunDeterminismTest.runWithErrors(out, 4, err, "--seeds", "2", "--parallel", "0"), err.toString());
    assertEquals("stackelgrid: error: --parallel must be a positive number, got 0", err.toString().strip());
    assertFalse(Files.exists(out), "nothing written");
  }
}
