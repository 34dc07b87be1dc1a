package io.stackelgrid.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code findings} on a hand-made run folder whose answers are known: seed 0 shows every finding,
 * seed 1 none, with values worked out by hand below.
 */
class FindingsTest {
  private static final String[] BUSES = {"b1", "b2", "b3"};
  /** Σ count × storage of three-bus's prosumer groups: 1000·30 + 500·60 + 300·100 kWh. */
  private static final double STORAGE_KWH = 90_000;

  private static final String STEPS_HEADER = "scenario,step,day,hour,bus,lmp_usd_per_mwh,prosumer_net_kwh";
  private static final String PERIODS_HEADER = "scenario,period,days,group,bus,fixed_charge_usd_per_day,eei_gap_pp,"
      + "inner_iterations,inner_distance,tariff_change,frozen";
  private static final String[] GROUPS = {"prosumer-b1", "prosumer-b2", "prosumer-b3", "consumer-b1", "consumer-b2",
      "consumer-b3"};

  /**
   * Four days of steps. Baseline: LMP 10 at even steps and 0 at odd (IMV 10), prosumers draw 0.1 of
   * their storage every step. Learning ({@code shows}): LMP 10 / 5 (IMV 5, a cut of 5), prosumers
   * draw 0.3 at h = 3, 4 and −0.05 at h = 6 (midday excess 0.2, evening minimum −0.05); otherwise
   * the learning world repeats the baseline.
   */
  private static void steps(Path dir, boolean shows) throws IOException {
    StringBuilder sb = new StringBuilder(STEPS_HEADER).append('\n');
    for (String world : List.of("learning", "baseline")) {
      for (int t = 0; t < 32; t++) {
        int h = t % 8;
        double lmp = t % 2 == 0 ? 10 : (world.equals("learning") && shows ? 5 : 0);
        double share = 0.1;
        if (world.equals("learning") && shows) {
          share = h == 3 || h == 4 ? 0.3 : h == 6 ? -0.05 : 0.1;
        }
        for (String bus : BUSES) {
          // Split unevenly over the buses: the shape is of their sum.
          double part = bus.equals("b1") ? 0.5 : 0.25;
          sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,%s%n", world, t, t / 8, h, bus, lmp,
              part * share * STORAGE_KWH));
        }
      }
    }
    Files.writeString(dir.resolve("steps.csv"), sb);
  }

  /**
   * Two periods (3 days and 1). Period 0: gap 2.0 pp, 5 inner iterations ending at distance 0.5 (above tol 0.01).
   * Period 1: 1 iteration at 0.001, tariff change 0.02, and {@code shows}: prosumer charges 0.5, 1.0,
   * 1.5 $/day by income (ρ = 1), consumers 0.2 each, gap −1.0 (fall 0.5); otherwise prosumer charges
   * falling with income (ρ = −1) and gap 1.9 (fall 0.05).
   */
  private static void periods(Path dir, boolean shows) throws IOException {
    StringBuilder sb = new StringBuilder(PERIODS_HEADER).append('\n');
    double[] pros = shows ? new double[] {0.5, 1.0, 1.5} : new double[] {1.5, 1.0, 0.5};
    for (String world : List.of("learning", "baseline")) {
      for (int p = 0; p < 2; p++) {
        for (int g = 0; g < GROUPS.length; g++) {
          double fixed = p == 0 ? 0.1 : g < 3 ? pros[g] : 0.2;
          double gap = p == 0 ? 2.0 : shows ? -1.0 : 1.9;
          int iterations = world.equals("learning") ? (p == 0 ? 5 : 1) : 0;
          double distance = p == 0 ? 0.5 : 0.001;
          sb.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%d,%s,%s,false%n", world, p, p == 0 ? 3 : 1,
              GROUPS[g], BUSES[g % 3], fixed, gap, iterations, distance, p == 0 ? 1.0 : 0.02));
        }
      }
    }
    Files.writeString(dir.resolve("periods.csv"), sb);
  }

  private static Path run(Path tmp) throws IOException {
    Files.writeString(tmp.resolve("summary.json"), "{\"scenario\": \"three-bus\", \"days\": 4}");
    for (int seed = 0; seed < 2; seed++) {
      Path s = Files.createDirectories(tmp.resolve("seed-" + seed));
      steps(s, seed == 0);
      periods(s, seed == 0);
    }
    return tmp;
  }

  @Test
  void judgesEachSeedByHand(@TempDir Path tmp) throws IOException {
    List<Findings.Point> points = Findings.judge(run(tmp));
    assertEquals(1, points.size());
    SeedFindings yes = points.get(0).seeds().get(0);
    SeedFindings no = points.get(0).seeds().get(1);
    assertEquals(4, yes.days());
    assertEquals(10.0, yes.imvBaselineUsdPerMwh(), 1e-12);
    assertEquals(5.0, yes.imvLearningUsdPerMwh(), 1e-12);
    assertEquals(5.0, yes.imvCutUsdPerMwh(), 1e-12);
    assertEquals(0.2, yes.middayExcess(), 1e-9);
    assertEquals(-0.05, yes.eveningMin(), 1e-9);
    assertEquals(1.0, yes.rho(), 1e-12);
    assertEquals(1.0, yes.prosumerFixedUsdPerDay(), 1e-12);
    assertEquals(0.2, yes.consumerFixedUsdPerDay(), 1e-12);
    assertEquals(0.5, yes.gapFall(), 1e-12);
    assertEquals(0.5, yes.innerMetShare(), 1e-12);
    assertEquals(0.02, yes.lastTariffMove(), 1e-12);
    assertTrue(yes.f1() && yes.f2() && yes.f3() && yes.f4());

    assertEquals(0.0, no.imvCutUsdPerMwh(), 1e-12);
    assertEquals(0.0, no.middayExcess(), 1e-9);
    assertEquals(-1.0, no.rho(), 1e-12);
    assertEquals(0.05, no.gapFall(), 1e-12);
    assertFalse(no.f1() || no.f2() || no.f3() || no.f4());
    assertTrue(Double.isNaN(no.followerGain()), "no summary.json: no exploitability");
  }

  @Test
  void writesKOfNWithMeanAndSampleDeviation(@TempDir Path tmp) throws IOException {
    Path dir = run(tmp);
    String table = Findings.write(dir, Findings.judge(dir));
    JsonNode root = new ObjectMapper().readTree(Files.readString(dir.resolve("findings.json")));
    JsonNode f1 = root.path("points").get(0).path("findings").path("F1");
    assertEquals(1, f1.path("reproduced").asInt());
    assertEquals(2, f1.path("of").asInt());
    assertTrue(f1.path("perSeed").get(0).asBoolean() && !f1.path("perSeed").get(1).asBoolean());
    // Cuts 5 and 0: mean 2.5, sample σ = 5/√2.
    assertEquals(2.5, f1.path("value").path("mean").asDouble(), 1e-9);
    assertEquals(5 / Math.sqrt(2), f1.path("value").path("std").asDouble(), 1e-8);
    JsonNode f4 = root.path("points").get(0).path("findings").path("F4");
    assertEquals(0.275, f4.path("value").path("mean").asDouble(), 1e-9);
    assertTrue(table.contains("1/2 · 2.50 ± 3.54"), table);
    assertTrue(Files.readString(dir.resolve("findings.md")).contains("| 0 | 5.00 / 10.00 | yes |"));
  }

  @Test
  void aFolderWithoutResultsIsAnErrorNamingIt(@TempDir Path tmp) {
    String m = assertThrows(StackelgridException.class, () -> Findings.judge(tmp)).getMessage();
    assertTrue(m.contains(tmp.toString()) && m.contains("seed-K"), m);
  }

  @Test
  void spearmanAveragesTiedRanks() {
    assertEquals(1.0, Spearman.rho(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-12);
    assertEquals(-1.0, Spearman.rho(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
    // Ranks of (1, 1, 2) are (1.5, 1.5, 3): ρ with (1, 2, 3) = 0.866…
    assertEquals(Math.sqrt(3) / 2, Spearman.rho(new double[] {1, 2, 3}, new double[] {1, 1, 2}), 1e-12);
    assertEquals(0.0, Spearman.rho(new double[] {1, 2, 3}, new double[] {2, 2, 2}), 0.0);
  }
}
