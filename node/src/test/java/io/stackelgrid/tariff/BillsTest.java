package io.stackelgrid.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillsTest {

  private static Scenario solo() {
    return ScenarioLoader.load("three-bus", Map.of("households.aggregators", "[]", "households.groups",
        "[{ name = solo, kind = consumer, bus = b1, count = 1, income-usd-per-year = 36500 }]"));
  }

  @Test
  void importingHouseholdPaysLmpPlusAddOnAndAnEighthOfItsDailyCharge() {
    Tariff t = new Tariff(0.01, 0.0, new double[] {0.10});
    // (8/1000 + 0.01) $/kWh × 5 kWh + 0.10/8 $ = 0.09 + 0.0125
    assertEquals(0.1025, Bills.householdUsd(5, 8, t, 0, 8), 1e-15);
  }

  @Test
  void exportingHouseholdIsCreditedAtLmpPlusSellAddOn() {
    Tariff t = new Tariff(0.01, 0.02, new double[] {0.10});
    // −(0.008 + 0.02) × 3 + 0.0125
    assertEquals(-0.0715, Bills.householdUsd(-3, 8, t, 0, 8), 1e-15);
  }

  @Test
  void eeiAndRevenueOfOneHouseholdOverThreeDaysByHand() {
    Scenario s = solo();
    GroupLayout layout = new GroupLayout(s);
    BillLedger ledger = new BillLedger(layout, 8);
    Tariff t = new Tariff(0.01, 0.0, new double[] {0.10});
    GroupFlows f = new GroupFlows(1);
    f.netKwh[0] = 5;
    f.importKwh[0] = 5;
    double[] lmp = {8, 8, 8};
    for (int step = 0; step < 24; step++) {
      ledger.record(f, lmp, t);
    }
    // 24 bills of 0.1025 $ = 2.46 $ in 3 days: 2.46 × 365 / 3 / 36 500 × 100 = 0.82 %.
    assertEquals(2.46, ledger.meanBillUsd(0), 1e-12);
    assertEquals(0.82, ledger.eeiPct(0), 1e-12);
    // Net revenue: bills minus the wholesale 24 × 5 kWh × 0.008 $/kWh = 0.96 $.
    assertEquals(1.50, ledger.netRevenueUsd(), 1e-12);
    assertEquals(1.50 / (2000 * 3), ledger.revenueRatio(2000), 1e-15);
  }

  @Test
  void tariffOutsideItsBoundsIsAnErrorNamingTheComponent() {
    Scenario s = ScenarioLoader.load("three-bus");
    Tariff t = Tariff.initial(s);
    Tariff bad = new Tariff(0.5, 0, t.fixedChargeUsdPerDay());
    StackelgridException e = assertThrows(StackelgridException.class, () -> bad.validate(s, "tariff"));
    assertTrue(e.getMessage().contains("buy-add-on-usd-per-kwh = 0.5"), e.getMessage());
    double[] fixed = t.fixedChargeUsdPerDay();
    fixed[4] = 2.5;
    Tariff badFixed = new Tariff(0.01, 0, fixed);
    e = assertThrows(StackelgridException.class, () -> badFixed.validate(s, "tariff"));
    assertTrue(e.getMessage().contains("consumer-b2"), e.getMessage());
  }

  @Test
  void tariffFileIsReadAndCheckedAgainstBounds(@TempDir Path dir) throws Exception {
    Scenario s = ScenarioLoader.load("three-bus");
    File ok = dir.resolve("ok.json").toFile();
    Files.writeString(ok.toPath(), "{\"buy-add-on-usd-per-kwh\": 0.02, \"sell-add-on-usd-per-kwh\": -0.01,"
        + " \"fixed-charge-usd-per-day\": {\"prosumer-b1\": 0.1, \"prosumer-b2\": 0.2, \"prosumer-b3\": 0.3,"
        + " \"consumer-b1\": 0.05, \"consumer-b2\": 0.05, \"consumer-b3\": 0.05}}");
    Tariff t = Tariff.read(ok, s);
    assertEquals(0.02, t.buyAddOnUsdPerKwh(), 0.0);
    assertEquals(0.3, t.fixedChargeUsdPerDay(2), 0.0);
    File bad = dir.resolve("bad.json").toFile();
    Files.writeString(bad.toPath(), Files.readString(ok.toPath()).replace("-0.01", "-0.2"));
    StackelgridException e = assertThrows(StackelgridException.class, () -> Tariff.read(bad, s));
    assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("sell-add-on-usd-per-kwh"), e.getMessage());
    File missing = dir.resolve("missing.json").toFile();
    Files.writeString(missing.toPath(), "{\"buy-add-on-usd-per-kwh\": 0.02, \"sell-add-on-usd-per-kwh\": 0}");
    e = assertThrows(StackelgridException.class, () -> Tariff.read(missing, s));
    assertTrue(e.getMessage().contains("fixed-charge-usd-per-day.prosumer-b1 is missing"), e.getMessage());
  }
}
