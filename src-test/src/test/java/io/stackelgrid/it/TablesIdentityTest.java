package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stackelgrid.cli.RunCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code three-bus} and {@code three-bus-daily-demand} with their tables (aggregators, groups,
 * tariff groups) and the one step engine give the files the build before them wrote, byte for byte:
 * 5 seeds × 9 days with followers learning every step (resources/tables-identity, its README).
 */
class TablesIdentityTest {
  private static String reference(String name) throws IOException {
    try (InputStream in = new GZIPInputStream(TablesIdentityTest.class.getResourceAsStream("/tables-identity/" + name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"three-bus", "three-bus-daily-demand"})
  void fiveSeedsOfNineDaysAreByteIdentical(String scenario, @TempDir Path tmp) throws IOException {
    CommandLine cli = new CommandLine(new RunCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cli.execute("--scenario", scenario, "--seeds", "5", "--days", "9",
        "--set", "learning.ppo.total-timesteps=96", "--set", "learning.ppo.n-steps=48",
        "--set", "learning.ppo.batch-size=24", "--set", "learning.inner-loop.max-iterations=2",
        "--out", tmp.toString()));
    for (int seed = 0; seed < 5; seed++) {
      for (String f : new String[] {"steps", "periods"}) {
        String expected = reference(scenario + "-seed-" + seed + "-" + f + ".csv.gz");
        String actual = Files.readString(tmp.resolve("seed-" + seed + "/" + f + ".csv"));
        // Compared line by line first, so a failure names the first row that differs.
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
          assertEquals(e[i], a[i], scenario + " seed " + seed + " " + f + ".csv line " + (i + 1));
        }
        assertEquals(expected, actual, scenario + " seed " + seed + " " + f + ".csv");
      }
    }
  }
}
