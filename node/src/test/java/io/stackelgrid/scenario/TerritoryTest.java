package io.stackelgrid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.grid.Grid;
import io.stackelgrid.grid.MatpowerCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The territory generator of MODEL.md §10 against hand computations and the paper's own tables. */
class TerritoryTest {
  private static Scenario territory(String caseName, Map<String, String> more) {
    java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
    set.put("grid.case", caseName);
    set.putAll(more);
    return ScenarioLoader.load("case118-territory", set);
  }

  @Test
  void onCase3WithThePapersCountsItGivesSectionThreesPopulationExactly() {
    Scenario t = territory("case3_lmbd", Map.of("territory.households", "paper"));
    Scenario paper = ScenarioLoader.load("three-bus");
    List<HouseholdGroup> got = t.households().groups();
    List<HouseholdGroup> want = paper.households().groups();
    assertEquals(want.size(), got.size());
    for (int g = 0; g < want.size(); g++) {
      HouseholdGroup a = want.get(g);
      HouseholdGroup b = got.get(g);
      assertEquals(a.kind(), b.kind(), "group " + g);
      assertEquals(a.count(), b.count(), "count of group " + g);
      assertEquals(a.storageKwh(), b.storageKwh(), "storage of group " + g);
      assertEquals(a.incomeUsdPerYear(), b.incomeUsdPerYear(), "income of group " + g);
      // case3_lmbd's buses 1, 2, 3 are three-bus's b1, b2, b3.
      assertEquals(a.bus(), b.bus(), "bus of group " + g);
      assertEquals(a.bus(), t.households().aggregators().get(b.aggregator()).bus());
    }
    assertEquals(3, t.households().aggregators().size());
    assertEquals(16.666666666666668, t.households().demandScaleKwh(), 1e-12, "S of §3");
    // No base load; the grid in energy per 3-hour step; the same households give the paper's solar:
    // 2 × 30 MW × 3 h = 180 MWh per step in all, now at the three buses by their energy.
    double solar = 0;
    Grid grid = t.grid();
    for (int n = 0; n < grid.busCount(); n++) {
      assertEquals(0, grid.busLoad(n), 0.0, "base load at bus " + grid.busName(n));
    }
    for (int u = 0; u < grid.generatorCount(); u++) {
      if (grid.hasAvailabilityProfile(u)) {
        solar += grid.pMax(u);
      }
    }
    assertEquals(180, solar, 1e-9);
    assertEquals(Grid.Unit.MWH_PER_STEP, grid.unit());
    // Its revenue requirement is per household as the paper's: the same population, the same R.
    assertEquals(paper.tariff().revenueRequirementUsdPerDay(), t.tariff().revenueRequirementUsdPerDay(), 1e-9);
  }

  @Test
  void onCase14TheCountsFollowTheLoadsAsComputedByHand() {
    // By hand (MODEL.md §10, half-up rounding), from case14's Pd and the three-bus shapes: bands cycle
    // low, mid, high over the 11 load buses; k_b and st_b per band; S = Σ w st / Σ w with w = Pd / k;
    // N = 3 Pd 1000 / (S k); prosumers round(share N), consumers the rest. S = 17.0375442411 kWh.
    String[] buses = {"2", "3", "4", "5", "6", "9", "10", "11", "12", "13", "14"};
    long[] prosumers = {1237, 3009, 963, 433, 358, 594, 513, 112, 123, 769, 476};
    long[] consumers = {3709, 18054, 9627, 1299, 2146, 5942, 1539, 671, 1228, 2308, 2856};
    double[] storage = {30, 60, 100};
    Scenario t = territory("case14_ieee", Map.of());
    List<Aggregator> aggregators = t.households().aggregators();
    assertEquals(buses.length, aggregators.size(), "one aggregator per bus with Pd > 0");
    for (int i = 0; i < buses.length; i++) {
      Aggregator a = aggregators.get(i);
      assertEquals(buses[i], a.busName());
      assertEquals("agg-" + buses[i], a.id());
      HouseholdGroup p = group(t, "prosumer-" + buses[i]);
      HouseholdGroup c = group(t, "consumer-" + buses[i]);
      assertEquals(prosumers[i], p.count(), "prosumers at bus " + buses[i]);
      assertEquals(consumers[i], c.count(), "consumers at bus " + buses[i]);
      assertEquals(storage[i % 3], p.storageKwh(), "band of bus " + buses[i]);
      assertEquals(a.id(), p.aggregatorId());
      assertEquals(a.id(), c.aggregatorId());
    }
    // load-share 1: the households carry every load (case14 has no shunt conductance, only bus 9's
    // susceptance Bs, which a DC flow ignores); MW became MWh per 3-hour step.
    Grid caseGrid = MatpowerCase.load("case14_ieee");
    Grid grid = t.grid();
    for (int n = 0; n < grid.busCount(); n++) {
      assertEquals(0, grid.busLoad(n), 1e-9, "base load at bus " + grid.busName(n));
    }
    for (int u = 0; u < caseGrid.generatorCount(); u++) {
      assertEquals(3 * caseGrid.pMax(u), grid.pMax(u), 1e-9, "capacity of unit " + u);
      assertEquals(caseGrid.costC1(u), grid.costC1(u), 1e-12);
      assertEquals(caseGrid.costC2(u) / 3, grid.costC2(u), 1e-12);
    }
    // Tariff groups by income and kind: consumers, and prosumers of each band.
    assertEquals(List.of("prosumer-25000", "prosumer-45000", "prosumer-65000", "consumer-15000"),
        t.tariffGroups().groups().stream().map(TariffGroups.TariffGroup::name).toList());
  }

  @Test
  void loadShareLeavesTheRestAsBaseLoadAndTheHouseholdsCarryTheirShare() {
    Scenario t = territory("case14_ieee", Map.of("territory.load-share", "0.5"));
    Grid caseGrid = MatpowerCase.load("case14_ieee");
    double perStepKwh = t.households().energyScaleKwh(8);
    for (int n = 0; n < t.grid().busCount(); n++) {
      double pd = caseGrid.busDemand(n);
      double shunt = caseGrid.busLoad(n) - pd;
      assertEquals(3 * (shunt + 0.5 * pd), t.grid().busLoad(n), 1e-9, "bus " + caseGrid.busName(n));
      // The households' mean energy per step (storage idle, ξ = 1) is half the bus's 3 h × Pd, up to rounding.
      double energyMwh = 0;
      for (HouseholdGroup g : t.households().groups()) {
        if (g.bus() == n) {
          energyMwh += g.count() * Territory.mean(g.shape()) * perStepKwh / 1000;
        }
      }
      assertEquals(0.5 * 3 * pd, energyMwh, 0.5 * 3 * pd * 0.01 + 0.05, "households' energy at bus " + caseGrid.busName(n));
    }
  }

  @Test
  void everyShippedCaseCarriesATerritory() {
    for (String name : MatpowerCase.SHIPPED) {
      if (name.equals("case2000_goc")) {
        continue; // loads, but a 2 000-bus case is for the dispatch benchmarks, not a game
      }
      Scenario t = territory(name, Map.of());
      assertTrue(t.households().aggregators().size() > 0, name);
      for (Aggregator a : t.households().aggregators()) {
        assertTrue(t.households().groups().stream().anyMatch(g -> g.prosumer() && g.aggregator() >= 0
            && t.households().aggregators().get(g.aggregator()) == a), name + " " + a.id());
      }
    }
  }

  @Test
  void randomBandsAreDrawnFromTheSeedAndNotEveryCycle() {
    Scenario a = territory("case118_ieee", Map.of("territory.band-rule", "random", "territory.seed", "4"));
    Scenario b = territory("case118_ieee", Map.of("territory.band-rule", "random", "territory.seed", "4"));
    Scenario c = territory("case118_ieee", Map.of());
    List<Double> sa = storages(a);
    assertEquals(sa, storages(b), "the same seed, the same bands");
    assertTrue(!sa.equals(storages(c)), "random is not the cycle");
    assertTrue(sa.containsAll(List.of(30.0, 60.0, 100.0)), "every band drawn on 99 buses");
  }

  @Test
  void aCaseWithNoLoadBusIsRefusedNamingTheKeyAndTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path noLoad = dir.resolve("no-load.m");
    java.nio.file.Files.writeString(noLoad, String.join("\n",
        "function mpc = no_load", "mpc.version = '2';", "mpc.baseMVA = 100.0;", "mpc.bus = [",
        "\t1\t 3\t 0.0\t 0.0\t 0.0\t 0.0\t 1\t 1.0\t 0.0\t 240.0\t 1\t 1.1\t 0.9;",
        "\t2\t 1\t 0.0\t 0.0\t 0.0\t 0.0\t 1\t 1.0\t 0.0\t 240.0\t 1\t 1.1\t 0.9;", "];",
        "mpc.gen = [", "\t1\t 10.0\t 0.0\t 10.0\t -10.0\t 1.0\t 100.0\t 1\t 50.0\t 0.0;", "];",
        "mpc.gencost = [", "\t2\t 0.0\t 0.0\t 3\t 0.1\t 5.0\t 0.0;", "];",
        "mpc.branch = [", "\t1\t 2\t 0.01\t 0.1\t 0.0\t 100.0\t 100.0\t 100.0\t 0.0\t 0.0\t 1\t -30.0\t 30.0;",
        "];", ""));
    String m = assertThrows(ScenarioException.class, () -> territory(noLoad.toString(), Map.of())).getMessage();
    assertTrue(m.contains("grid.case") && m.contains("no-load.m") && m.contains("Pd > 0"), m);
  }

  @Test
  void badTerritoriesAreOneLineNamingTheKey() {
    // A case with no load bus: a hand-written grid has no case.
    String m = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("case118-territory",
        Map.of("grid.case", "/nonexistent/case.m"))).getMessage();
    assertTrue(m.contains("grid.case"), m);
    m = assertThrows(ScenarioException.class, () -> territory("case14_ieee", Map.of("territory.band-rule", "zigzag")))
        .getMessage();
    assertTrue(m.contains("territory.band-rule") && m.contains("zigzag"), m);
    m = assertThrows(ScenarioException.class, () -> territory("case14_ieee", Map.of("tariff.groups", "by-colour")))
        .getMessage();
    assertTrue(m.contains("tariff.groups") && m.contains("by-colour"), m);
    m = assertThrows(ScenarioException.class, () -> territory("case14_ieee",
        Map.of("households.groups", "[{name = x, kind = consumer, bus = \"2\", count = 1, income-usd-per-year = 1}]")))
        .getMessage();
    assertTrue(m.contains("households.groups") && m.contains("territory"), m);
  }

  private static HouseholdGroup group(Scenario s, String name) {
    return s.households().groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Double> storages(Scenario s) {
    return s.households().groups().stream().filter(HouseholdGroup::prosumer).map(HouseholdGroup::storageKwh).toList();
  }
}
