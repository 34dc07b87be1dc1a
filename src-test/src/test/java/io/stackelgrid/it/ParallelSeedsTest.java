package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
  void zeroParallelIsRefused(@TempDir Path tmp) {
    assertNotEquals(0, RunDeterminismTest.run(tmp, "--seeds", "2", "--parallel", "0"));
  }
}
