package io.stackelgrid.tariff;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.TariffGroups;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.TariffBounds;
import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * The leader's tariff a_L of MODEL.md §4: buy and sell add-ons ($/kWh) on the bus LMP, and a
 * fixed charge per household and day for each tariff group (indexed like the scenario's tariff groups,
 * MODEL.md §10).
 */
public record Tariff(double buyAddOnUsdPerKwh, double sellAddOnUsdPerKwh, double[] fixedChargeUsdPerDay) {

  public Tariff {
    fixedChargeUsdPerDay = fixedChargeUsdPerDay.clone();
  }

  /** The initial (and baseline) tariff of the scenario. */
  public static Tariff initial(Scenario scenario) {
    TariffBounds b = scenario.tariff();
    double[] fixed = new double[scenario.tariffGroups().size()];
    Arrays.fill(fixed, b.fixedChargeUsdPerDay().initial());
    return new Tariff(b.buyAddOnUsdPerKwh().initial(), b.sellAddOnUsdPerKwh().initial(), fixed);
  }

  /**
   * Reads a tariff file (JSON or HOCON): {@code buy-add-on-usd-per-kwh}, {@code sell-add-on-usd-per-kwh}
   * and {@code fixed-charge-usd-per-day { <tariff group> = ... }}, one per tariff group; checked
   * against bounds.
   */
  public static Tariff read(File file, Scenario scenario) {
    if (!file.isFile()) {
      throw new StackelgridException("tariff file " + file + " does not exist");
    }
    Config c;
    try {
      c = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      throw new StackelgridException("tariff file " + file + ": cannot parse: " + e.getMessage(), e);
    }
    List<TariffGroups.TariffGroup> groups = scenario.tariffGroups().groups();
    double[] fixed = new double[groups.size()];
    for (int g = 0; g < fixed.length; g++) {
      fixed[g] = number(c, file, "fixed-charge-usd-per-day.\"" + groups.get(g).name() + "\"",
          "fixed-charge-usd-per-day." + groups.get(g).name());
    }
    if (c.hasPath("fixed-charge-usd-per-day")) {
      for (String key : c.getConfig("fixed-charge-usd-per-day").root().keySet()) {
        if (groups.stream().noneMatch(g -> g.name().equals(key))) {
          throw new StackelgridException("tariff file " + file + ": fixed-charge-usd-per-day." + key
              + ": scenario " + scenario.name() + " has no tariff group '" + key + "' (it has "
              + String.join(", ", groups.stream().map(TariffGroups.TariffGroup::name).toList()) + ")");
        }
      }
    }
    Tariff t = new Tariff(number(c, file, "buy-add-on-usd-per-kwh", "buy-add-on-usd-per-kwh"),
        number(c, file, "sell-add-on-usd-per-kwh", "sell-add-on-usd-per-kwh"), fixed);
    t.validate(scenario, "tariff file " + file);
    return t;
  }

  private static double number(Config c, File file, String path, String label) {
    try {
      double v = c.getDouble(path);
      if (!Double.isFinite(v)) {
        throw new StackelgridException("tariff file " + file + ": " + label + " is " + v);
      }
      return v;
    } catch (ConfigException e) {
      String why = e instanceof ConfigException.Missing ? "is missing" : "must be a number";
      throw new StackelgridException("tariff file " + file + ": " + label + " " + why, e);
    }
  }

  /** Throws, naming {@code source} and the component, if any value lies outside the scenario's bounds. */
  public void validate(Scenario scenario, String source) {
    TariffBounds b = scenario.tariff();
    List<TariffGroups.TariffGroup> groups = scenario.tariffGroups().groups();
    if (fixedChargeUsdPerDay.length != groups.size()) {
      throw new StackelgridException(source + ": " + fixedChargeUsdPerDay.length
          + " fixed charges for " + groups.size() + " tariff groups");
    }
    check(source, "buy-add-on-usd-per-kwh", buyAddOnUsdPerKwh, b.buyAddOnUsdPerKwh());
    check(source, "sell-add-on-usd-per-kwh", sellAddOnUsdPerKwh, b.sellAddOnUsdPerKwh());
    for (int g = 0; g < groups.size(); g++) {
      check(source, "fixed-charge-usd-per-day." + groups.get(g).name(), fixedChargeUsdPerDay[g],
          b.fixedChargeUsdPerDay());
    }
  }

  private static void check(String source, String key, double v, TariffBounds.Range r) {
    if (!r.contains(v)) {
      throw new StackelgridException(source + ": " + key + " = " + v + " is outside its bounds ["
          + r.min() + ", " + r.max() + "] (scenario key tariff." + key.replaceFirst("\\..*", "") + ")");
    }
  }

  /** Retail buy price at a bus, $/kWh. */
  public double buyPriceUsdPerKwh(double lmpUsdPerMwh) {
    return lmpUsdPerMwh / 1000 + buyAddOnUsdPerKwh;
  }

  /** Retail sell (net billing) price at a bus, $/kWh. */
  public double sellPriceUsdPerKwh(double lmpUsdPerMwh) {
    return lmpUsdPerMwh / 1000 + sellAddOnUsdPerKwh;
  }

  /** The live copy of fixed charges is not exposed; this is tariff group t's. */
  public double fixedChargeUsdPerDay(int g) {
    return fixedChargeUsdPerDay[g];
  }

  @Override
  public double[] fixedChargeUsdPerDay() {
    return fixedChargeUsdPerDay.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tariff t && t.buyAddOnUsdPerKwh == buyAddOnUsdPerKwh
        && t.sellAddOnUsdPerKwh == sellAddOnUsdPerKwh && Arrays.equals(t.fixedChargeUsdPerDay, fixedChargeUsdPerDay);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(buyAddOnUsdPerKwh) + Arrays.hashCode(fixedChargeUsdPerDay);
  }

  @Override
  public String toString() {
    return "Tariff[buy=" + buyAddOnUsdPerKwh + ", sell=" + sellAddOnUsdPerKwh + ", fixed="
        + Arrays.toString(fixedChargeUsdPerDay) + "]";
  }
}
