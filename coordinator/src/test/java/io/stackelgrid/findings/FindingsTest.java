package io.stackelgrid.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.report.Report;
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
    periods(dir, shows ? new double[] {0.5, 1.0, 1.5} : new double[] {1.5, 1.0, 0.5}, shows);
  }

  /** As above, with the prosumer groups' last charges (b1, b2, b3: incomes rising) given. */
  private static void periods(Path dir, double[] pros, boolean shows) throws IOException {
    StringBuilder sb = new StringBuilder(PERIODS_HEADER).append('\n');
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
    // No tie here: ρ = 1 and −1, both in the mean (0) and σ (√2), nothing left out.
    JsonNode f3 = root.path("points").get(0).path("findings").path("F3");
    assertEquals(0, f3.path("value").path("seedsLeftOut").asInt());
    assertEquals("[false,false]", f3.path("tiedPerSeed").toString());
    assertEquals(Math.sqrt(2), f3.path("value").path("std").asDouble(), 1e-9);
    assertTrue(table.contains("| 1/2 · 0.00 ± 1.41 |") && !table.contains("tied"), table);
    assertTrue(Files.readString(dir.resolve("findings.md")).contains("| 0 | 5.00 / 10.00 | yes |"));
  }

  /** A run folder at {@code dir} whose seed K's prosumer groups end with the charges {@code pros[K]}. */
  private static Path runWithCharges(Path dir, double[]... pros) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("summary.json"), "{\"scenario\": \"three-bus\", \"days\": 4}");
    for (int seed = 0; seed < pros.length; seed++) {
      Path s = Files.createDirectories(dir.resolve("seed-" + seed));
      steps(s, true);
      periods(s, pros[seed], true);
    }
    return dir;
  }

  /**
   * The tie rule. Point "tied": both seeds end with every prosumer charge at 2 $/day (above the
   * consumers' 0.2), so ρ has no order to measure: undefined, F3 not reproduced. Point "mixed": seed 0
   * rises (ρ = 1), seed 1 is tied, seed 2 ends 1.0, 1.0, 1.5 (ranks 1.5, 1.5, 3 against 1, 2, 3: ρ =
   * √3/2). ρ's mean and σ are over seeds 0 and 2 only: (1 + √3/2)/2 and (1 − √3/2)/√2.
   */
  @Test
  void tiedProsumerChargesLeaveRhoUndefinedAndF3NotReproduced(@TempDir Path tmp) throws IOException {
    double[] tied = {2.0, 2.0, 2.0};
    runWithCharges(tmp.resolve("tied"), tied, tied);
    runWithCharges(tmp.resolve("mixed"), new double[] {0.5, 1.0, 1.5}, tied, new double[] {1.0, 1.0, 1.5});
    Files.writeString(tmp.resolve("sweep.json"), """
        {"scenario": "three-bus", "seeds": [0, 1, 2], "points": [
          {"name": "tied", "dir": "tied", "overrides": {}},
          {"name": "mixed", "dir": "mixed", "overrides": {}}]}
        """);
    List<Findings.Point> points = Findings.judge(tmp);
    SeedFindings t = points.get(0).seeds().get(0);
    assertTrue(Double.isNaN(t.rho()) && t.prosumerChargesTied() && !t.f3(), "tied: ρ undefined, F3 not shown");
    assertTrue(t.prosumerFixedUsdPerDay() > t.consumerFixedUsdPerDay(), "F3 fails on the tie alone");
    assertEquals(Math.sqrt(3) / 2, points.get(1).seeds().get(2).rho(), 1e-12);
    assertFalse(points.get(1).seeds().get(2).prosumerChargesTied(), "two of three equal is not a tie");

    String table = Findings.write(tmp, points);
    double mean = (1 + Math.sqrt(3) / 2) / 2;
    double std = (1 - Math.sqrt(3) / 2) / Math.sqrt(2);
    assertTrue(table.contains("| 0/2 · ρ undefined: 2 of 2 tied |"), table);
    assertTrue(table.contains(String.format(Locale.ROOT, "| 2/3 · %.2f ± %.2f over 2; 1 of 3 tied, ρ undefined |",
        mean, std)), table);
    assertFalse(table.contains("0.00 ± 0.00"), "no tied seed is shown as a measured ρ of 0: " + table);
    String md = Files.readString(tmp.resolve("findings.md"));
    assertTrue(md.contains("| undefined (tied), 2.00 / 0.20 | no (tied) |"), md);
    assertTrue(md.contains("| 1.00, 1.00 / 0.20 | yes |"), md);

    JsonNode root = new ObjectMapper().readTree(Files.readString(tmp.resolve("findings.json")));
    JsonNode f3 = root.path("points").get(0).path("findings").path("F3");
    assertEquals(0, f3.path("reproduced").asInt());
    assertEquals(2, f3.path("of").asInt());
    assertTrue(f3.path("value").path("mean").isNull() && f3.path("value").path("std").isNull(), f3.toString());
    assertTrue(f3.path("value").path("perSeed").get(0).isNull() && f3.path("value").path("perSeed").get(1).isNull());
    assertEquals(2, f3.path("value").path("seedsLeftOut").asInt());
    assertEquals("[true,true]", f3.path("tiedPerSeed").toString());
    JsonNode mixed = root.path("points").get(1).path("findings").path("F3");
    assertEquals(2, mixed.path("reproduced").asInt());
    assertEquals("[true,false,true]", mixed.path("perSeed").toString());
    assertEquals("[false,true,false]", mixed.path("tiedPerSeed").toString());
    assertEquals(mean, mixed.path("value").path("mean").asDouble(), 1e-9);
    assertEquals(std, mixed.path("value").path("std").asDouble(), 1e-9);
    assertTrue(mixed.path("value").path("perSeed").get(1).isNull());
    assertEquals(1, mixed.path("value").path("seedsLeftOut").asInt());

    Report.build(tmp); // the sweep's index shows the findings table
    String html = Files.readString(tmp.resolve("report.html"));
    assertTrue(html.contains("0 of 2<br>undefined: 2 of 2 tied</td>"), html);
    assertTrue(html.contains(String.format(Locale.ROOT, "2 of 3<br>%.3f ± %.3f<br>over 2; 1 of 3 tied, left out</td>",
        mean, std)), html);
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
    // All tied: no ranks to correlate, ρ undefined (not 0, which would read as measured).
    assertTrue(Double.isNaN(Spearman.rho(new double[] {1, 2, 3}, new double[] {2, 2, 2})));
    assertTrue(Double.isNaN(Spearman.rho(new double[] {5, 5}, new double[] {1, 2})));
  }
}
