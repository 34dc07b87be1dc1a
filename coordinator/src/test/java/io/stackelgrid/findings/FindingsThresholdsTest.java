package io.stackelgrid.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings at their thresholds (MODEL.md §9), on hand-made runs whose buses see different prices:
 * in each test seed 0 sits just inside a finding's threshold (or on it, where the rule includes it and
 * the arithmetic is exact) and seed 1 just outside, so a rule moved, made strict or averaged the wrong
 * way is caught. FindingsTest has the fixtures far from every threshold.
 */
class FindingsThresholdsTest {
  private static final String[] BUSES = {"b1", "b2", "b3"};
  private static final String[] GROUPS = {"prosumer-b1", "prosumer-b2", "prosumer-b3", "consumer-b1", "consumer-b2",
      "consumer-b3"};
  /** Σ count × storage of three-bus's prosumers, kWh. */
  private static final double STORAGE_KWH = 90_000;
  private static final int STEPS = 32; // 4 days of 8 steps

  /** Prices by bus (index) and step, and the prosumers' net energy per kWh of storage by step of day. */
  interface World {
    double lmp(int bus, int step);

    double prosumerShare(int hour);
  }

  /** A seed's periods: the last period's fixed charges (3 prosumer groups, 3 consumer) and the gaps. */
  record Periods(double[] lastFixed, double firstGapPp, double lastGapPp) {
    static Periods neutral() {
      return new Periods(new double[] {0.5, 1.0, 1.5, 0.2, 0.2, 0.2}, 2.0, 1.0);
    }
  }

  private static World alternating(double[] amplitude, IntToDoubleFunction share) {
    // b1 and b3 high on even steps, b2 on odd ones: the buses move against each other, so the IMV of
    // the bus-mean price differs from the mean of the buses' IMVs (the rule).
    return new World() {
      @Override
      public double lmp(int bus, int step) {
        boolean high = (step % 2 == 0) != (bus == 1);
        return 5 + (high ? amplitude[bus] : 0);
      }

      @Override
      public double prosumerShare(int hour) {
        return share.applyAsDouble(hour);
      }
    };
  }

  private static final IntToDoubleFunction FLAT = h -> 0.1;

  private static void seed(Path dir, World learning, World baseline, Periods p) throws IOException {
    Files.createDirectories(dir);
    StringBuilder steps = new StringBuilder("scenario,step,day,hour,bus,lmp_usd_per_mwh,prosumer_net_kwh\n");
    for (int t = 0; t < STEPS; t++) {
      for (String name : List.of("learning", "baseline")) {
        World w = name.equals("learning") ? learning : baseline;
        for (int b = 0; b < 3; b++) {
          // The prosumers' energy split unevenly over the buses: the rule uses their sum.
          double part = b == 0 ? 0.5 : 0.25;
          steps.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,%s%n", name, t, t / 8, t % 8, BUSES[b],
              w.lmp(b, t), part * w.prosumerShare(t % 8) * STORAGE_KWH));
        }
      }
    }
    Files.writeString(dir.resolve("steps.csv"), steps);
    StringBuilder periods = new StringBuilder("scenario,period,days,group,bus,fixed_charge_usd_per_day,eei_gap_pp,"
        + "inner_iterations,inner_distance,tariff_change,frozen\n");
    for (String name : List.of("learning", "baseline")) {
      for (int k = 0; k < 2; k++) {
        for (int g = 0; g < 6; g++) {
          double fixed = k == 0 ? 0.1 : p.lastFixed()[g];
          double gap = k == 0 ? p.firstGapPp() : p.lastGapPp();
          periods.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,1,0.001,0.01,false%n", name, k,
              k == 0 ? 3 : 1, GROUPS[g], BUSES[g % 3], fixed, gap));
        }
      }
    }
    Files.writeString(dir.resolve("periods.csv"), periods);
  }

  private static List<SeedFindings> judge(Path run) throws IOException {
    Files.writeString(run.resolve("summary.json"), "{\"scenario\": \"three-bus\", \"days\": 4}");
    return Findings.judge(run).get(0).seeds();
  }

  @Test
  void f1TheMeanOfTheBusesImvAtLeastTenPercentBelowTheBaselines(@TempDir Path tmp) throws IOException {
    // Baseline IMVs by bus 10, 20, 0: mean 10 (the IMV of the bus-mean price would be 3.33).
    World baseline = alternating(new double[] {10, 20, 0}, FLAT);
    // Seed 0: 9, 18, 0, mean exactly 9 = 0.9 x 10 (the rule's "at least 10 %" includes it).
    seed(tmp.resolve("seed-0"), alternating(new double[] {9, 18, 0}, FLAT), baseline, Periods.neutral());
    // Seed 1: 9, 18, 0.03, mean 9.01: a cut of 9.9 %.
    seed(tmp.resolve("seed-1"), alternating(new double[] {9, 18, 0.03}, FLAT), baseline, Periods.neutral());
    List<SeedFindings> s = judge(tmp);
    assertEquals(10.0, s.get(0).imvBaselineUsdPerMwh(), 1e-12);
    assertEquals(9.0, s.get(0).imvLearningUsdPerMwh(), 1e-12);
    assertEquals(1.0, s.get(0).imvCutUsdPerMwh(), 1e-12);
    assertTrue(s.get(0).f1(), "a cut of exactly 10 %");
    assertEquals(9.01, s.get(1).imvLearningUsdPerMwh(), 1e-9);
    assertFalse(s.get(1).f1(), "a cut of 9.9 %");
  }

  @Test
  void f2MiddayAtLeastFiveHundredthsAboveTheBaselineAndAnEveningStepBelowZero(@TempDir Path tmp)
      throws IOException {
    World baseline = alternating(new double[] {10, 20, 0}, FLAT);
    double[] prices = {10, 20, 0};
    // Seed 0: midday (h = 3, 4) 0.1501 against 0.1, evening h = 6 at -0.0001.
    seed(tmp.resolve("seed-0"), alternating(prices, h -> h == 3 || h == 4 ? 0.1501 : h == 6 ? -0.0001 : 0.1),
        baseline, Periods.neutral());
    // Seed 1: midday 0.1499 (excess just under 0.05), evening as seed 0.
    seed(tmp.resolve("seed-1"), alternating(prices, h -> h == 3 || h == 4 ? 0.1499 : h == 6 ? -0.0001 : 0.1),
        baseline, Periods.neutral());
    // Seed 2: midday as seed 0, the evening's lowest step exactly 0: not below zero.
    seed(tmp.resolve("seed-2"), alternating(prices, h -> h == 3 || h == 4 ? 0.1501 : h == 6 ? 0 : 0.1),
        baseline, Periods.neutral());
    List<SeedFindings> s = judge(tmp);
    assertEquals(0.0501, s.get(0).middayExcess(), 1e-9);
    assertEquals(-0.0001, s.get(0).eveningMin(), 1e-12);
    assertTrue(s.get(0).f2());
    assertEquals(0.0499, s.get(1).middayExcess(), 1e-9);
    assertFalse(s.get(1).f2(), "midday excess 0.0499");
    assertEquals(0.0, s.get(2).eveningMin(), 0.0);
    assertFalse(s.get(2).f2(), "no evening step below zero");
  }

  @Test
  void f3ChargesRisingWithIncomeAndAboveTheConsumersOnAverage(@TempDir Path tmp) throws IOException {
    World w = alternating(new double[] {10, 20, 0}, FLAT);
    // Seed 0: 1, 1, 1.01 rises (ties ranked 1.5, 1.5: ρ = √3/2), mean 1.00333 above the consumers' 1.00.
    seed(tmp.resolve("seed-0"), w, w, new Periods(new double[] {1, 1, 1.01, 0.9, 1.0, 1.1}, 2, 1));
    // Seed 1: equal charges (tied): ρ undefined, no rise to show, though above the consumers.
    seed(tmp.resolve("seed-1"), w, w, new Periods(new double[] {1, 1, 1, 0.5, 0.5, 0.5}, 2, 1));
    // Seed 2: ρ = 1, but the prosumers' mean 1.0 only equals the consumers' (0.8, 1.0, 1.2).
    seed(tmp.resolve("seed-2"), w, w, new Periods(new double[] {0.5, 1, 1.5, 0.8, 1.0, 1.2}, 2, 1));
    List<SeedFindings> s = judge(tmp);
    assertEquals(Math.sqrt(3) / 2, s.get(0).rho(), 1e-12);
    assertEquals(1.01 / 3 + 2.0 / 3, s.get(0).prosumerFixedUsdPerDay(), 1e-12);
    assertEquals(1.0, s.get(0).consumerFixedUsdPerDay(), 1e-12);
    assertTrue(s.get(0).f3());
    assertTrue(Double.isNaN(s.get(1).rho()) && s.get(1).prosumerChargesTied(), "tied charges: ρ undefined");
    assertFalse(s.get(1).f3(), "no rise with income");
    assertEquals(1.0, s.get(2).rho(), 1e-12);
    assertFalse(s.get(2).f3(), "prosumers' mean equals the consumers'");
  }

  @Test
  void f4TheLastGapsMagnitudeAtLeastTenPercentBelowTheFirsts(@TempDir Path tmp) throws IOException {
    World w = alternating(new double[] {10, 20, 0}, FLAT);
    double[] fixed = Periods.neutral().lastFixed();
    // Seed 0: |−2.0| to 1.8, a fall of exactly 10 % (0.9 × 2.0 is the double 1.8).
    seed(tmp.resolve("seed-0"), w, w, new Periods(fixed, -2.0, 1.8));
    // Seed 1: 2.0 to −1.81, a fall of 9.5 %.
    seed(tmp.resolve("seed-1"), w, w, new Periods(fixed, 2.0, -1.81));
    List<SeedFindings> s = judge(tmp);
    assertEquals(0.1, s.get(0).gapFall(), 1e-12);
    assertTrue(s.get(0).f4());
    assertEquals(0.095, s.get(1).gapFall(), 1e-12);
    assertFalse(s.get(1).f4());
  }
}
