package io.stackelgrid.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stackelgrid.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings on tables (MODEL.md §10), from a hand-made folder whose scenario.json puts aggregators at
 * b1 and b2 only (b3 holds consumers alone) and prices fixed charges by income: F1 averages the IMV
 * over b1 and b2, and F3 counts each tariff group's charge once, whatever number of household
 * groups pay it.
 */
class FindingsOnTablesTest {
  private static final String[] GROUPS = {"p1", "p1b", "p2", "c1", "c3"};
  private static final String[] GROUP_BUS = {"b1", "b1", "b2", "b1", "b3"};

  private static void write(Path dir) throws IOException {
    String config = ScenarioLoader.load("three-bus", Map.of(
        "households.aggregators", "[{id = a1, bus = b1}, {id = a2, bus = b2}]",
        "households.groups", "["
            + "{name = p1, kind = prosumer, aggregator = a1, count = 100, storage-kwh = 30, income-usd-per-year = 25000},"
            + "{name = p1b, kind = prosumer, aggregator = a1, count = 100, storage-kwh = 30, income-usd-per-year = 25000},"
            + "{name = p2, kind = prosumer, aggregator = a2, count = 100, storage-kwh = 60, income-usd-per-year = 45000},"
            + "{name = c1, kind = consumer, aggregator = a1, count = 300, income-usd-per-year = 15000},"
            + "{name = c3, kind = consumer, bus = b3, count = 300, income-usd-per-year = 15000}]",
        "tariff.groups", "by-income-and-kind")).renderConfig();
    Files.writeString(dir.resolve("scenario.json"), config);
    Files.writeString(dir.resolve("summary.json"), "{\"scenario\": \"three-bus\", \"days\": 3}");
    Path seed = Files.createDirectories(dir.resolve("seed-0"));
    StringBuilder steps = new StringBuilder("scenario,step,day,hour,bus,lmp_usd_per_mwh,prosumer_net_kwh\n");
    for (String world : List.of("learning", "baseline")) {
      for (int t = 0; t < 24; t++) {
        for (String bus : List.of("b1", "b2", "b3")) {
          // b1, b2: 10 / 5 (learning, IMV 5) or 10 / 0 (baseline, IMV 10); b3 swings 0 / 100 (IMV 100).
          double lmp = bus.equals("b3") ? (t % 2 == 0 ? 0 : 100)
              : t % 2 == 0 ? 10 : world.equals("learning") ? 5 : 0;
          steps.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,0%n", world, t, t / 8, t % 8, bus, lmp));
        }
      }
    }
    Files.writeString(seed.resolve("steps.csv"), steps);
    StringBuilder periods = new StringBuilder("scenario,period,days,group,bus,fixed_charge_usd_per_day,eei_gap_pp,"
        + "inner_iterations,inner_distance,tariff_change,frozen\n");
    // The last period's charges by tariff group: prosumers at 25 000 $ 0.5, at 45 000 $ 1.5; consumers 0.2.
    double[] fixed = {0.5, 0.5, 1.5, 0.2, 0.2};
    for (String world : List.of("learning", "baseline")) {
      for (int g = 0; g < GROUPS.length; g++) {
        periods.append(String.format(Locale.ROOT, "%s,0,3,%s,%s,%s,1.0,1,0.001,0.02,false%n", world, GROUPS[g],
            GROUP_BUS[g], fixed[g]));
      }
    }
    Files.writeString(seed.resolve("periods.csv"), periods);
  }

  @Test
  void f1AveragesTheAggregatorsBusesAndF3CountsEachTariffGroupOnce(@TempDir Path tmp) throws IOException {
    write(tmp);
    SeedFindings s = Findings.judge(tmp).get(0).seeds().get(0);
    assertEquals(5.0, s.imvLearningUsdPerMwh(), 1e-12, "b3's swings left out");
    assertEquals(10.0, s.imvBaselineUsdPerMwh(), 1e-12);
    assertEquals(1.0, s.rho(), 1e-12);
    // (0.5 + 1.5) / 2 over the two prosumer tariff groups, not (0.5 + 0.5 + 1.5) / 3 over household groups.
    assertEquals(1.0, s.prosumerFixedUsdPerDay(), 1e-12);
    assertEquals(0.2, s.consumerFixedUsdPerDay(), 1e-12);
  }
}
