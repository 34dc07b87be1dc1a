package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.common.StackelgridException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  private final StringWriter err = new StringWriter();

  /** Runs simulate as Main will (a StackelgridException is exit code 2 with its message). */
  private int run(String... args) {
    CommandLine cli = new CommandLine(new SimulateCommand());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, c, p) -> {
      if (e instanceof StackelgridException) {
        err.write("stackelgrid: error: " + e.getMessage() + "\n");
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Test
  void sameFlagsGiveByteIdenticalFiles(@TempDir Path dir) throws Exception {
    String[] common = {"--policy", "rule", "--days", "7", "--seed", "9", "--households", "2000"};
    assertEquals(0, run(concat(common, "--out", dir.resolve("a").toString())), err.toString());
    assertEquals(0, run(concat(common, "--out", dir.resolve("b").toString())), err.toString());
    assertEquals(0, run("--policy", "rule", "--days", "7", "--seed", "10", "--households", "2000",
        "--out", dir.resolve("c").toString()), err.toString());
    for (String f : List.of("steps.csv", "periods.csv", "summary.json")) {
      byte[] a = Files.readAllBytes(dir.resolve("a").resolve(f));
      assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(f)), f);
      if (!f.equals("periods.csv")) {
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(f))), "seed changes " + f);
      }
    }
    try (var files = Files.list(dir.resolve("a"))) {
      // The results and the folder's lock (released, kept empty), no temporary.
      assertEquals(List.of(".stackelgrid.lock", "periods.csv", "steps.csv", "summary.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left behind");
    }
  }

  @Test
  void noNoiseBaselineWritesTheTableLoadsAndAShortLastPeriod(@TempDir Path dir) throws Exception {
    assertEquals(0, run("--no-noise", "--days", "4", "--out", dir.toString()), err.toString());
    List<String> steps = Files.readAllLines(dir.resolve("steps.csv"));
    assertEquals(1 + 4 * 8 * 3, steps.size());
    assertTrue(steps.get(0).startsWith("step,day,hour,bus,lmp_usd_per_mwh,load_mwh,base_load_mwh,"
        + "household_net_kwh,prosumer_net_kwh,consumer_kwh,mean_soc,solar_mwh"), steps.get(0));
    double s = (1000 * 30 + 500 * 60 + 300 * 100 + 9000 * 10) / 10800.0;
    // Row for step 13 (h = 5), bus b2: (3000 × 0.997 + 500 × 0.710) × S kWh (per-step demand).
    String[] row = steps.get(1 + 13 * 3 + 1).split(",");
    assertEquals("13", row[0]);
    assertEquals("b2", row[3]);
    assertEquals((3000 * 0.997 + 500 * 0.710) * s / 1000, Double.parseDouble(row[5]), 1e-6);
    List<String> periods = Files.readAllLines(dir.resolve("periods.csv"));
    assertEquals(1 + 2 * 6, periods.size());
    assertTrue(periods.get(0).startsWith("period,days,group,bus,eei_pct,mean_bill_usd,fixed_charge_usd_per_day,"
        + "buy_add_on_usd_per_kwh,sell_add_on_usd_per_kwh"));
    assertTrue(periods.get(12).startsWith("1,1,consumer-b3,b3,"), periods.get(12));
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("three-bus", summary.get("scenario").asText());
    assertEquals(4, summary.get("days").asInt());
    assertTrue(summary.get("imvLastDays").get("perBusUsdPerMwh").has("b3"));
    assertTrue(summary.get("eei").get("runPct").has("prosumer-b1"));
    assertEquals(10000, summary.get("configuration").get("tariff").get("revenue-requirement-usd-per-day").asInt());
  }

  @Test
  void badInputIsAClearErrorAndLeavesEarlierResultsIntact(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("summary.json"), "earlier");
    assertEquals(2, run("--policy", "greedy", "--out", dir.toString()));
    assertTrue(err.toString().contains("unknown policy 'greedy'"), err.toString());
    assertEquals(2, run("--days", "-3", "--out", dir.toString()));
    assertTrue(err.toString().contains("--days must be a positive number, got -3"), err.toString());
    Path tariff = dir.resolve("t.json");
    Files.writeString(tariff, "{\"buy-add-on-usd-per-kwh\": 0.5, \"sell-add-on-usd-per-kwh\": 0, "
        + "\"fixed-charge-usd-per-day\": {\"prosumer-b1\": 0.1, \"prosumer-b2\": 0.1, \"prosumer-b3\": 0.1, "
        + "\"consumer-b1\": 0.1, \"consumer-b2\": 0.1, \"consumer-b3\": 0.1}}");
    assertEquals(2, run("--tariff", tariff.toString(), "--out", dir.toString()));
    assertTrue(err.toString().contains("buy-add-on-usd-per-kwh = 0.5 is outside its bounds [0.0, 0.1]"), err.toString());
    assertEquals(2, run("--set", "households.groups=[{name = x, kind = consumer, bus = b7, count = 1, "
        + "income-usd-per-year = 1}]", "--out", dir.toString()));
    assertTrue(err.toString().contains("bus 'b7'"), err.toString());
    assertEquals("earlier", Files.readString(dir.resolve("summary.json")));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
