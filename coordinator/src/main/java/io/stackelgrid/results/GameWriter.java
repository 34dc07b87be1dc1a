package io.stackelgrid.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.PeriodInfo;
import io.stackelgrid.game.StackelbergGame;
import io.stackelgrid.metrics.Imv;
import io.stackelgrid.scenario.Aggregator;
import io.stackelgrid.scenario.HouseholdGroup;
import io.stackelgrid.scenario.TariffGroups;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.StepRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result files of {@code stackelgrid run} for one seed: steps.csv and periods.csv (both worlds,
 * column {@code scenario} = learning|baseline, the tariff in force) and summary.json. The CSVs are a
 * function of (scenario, seed); summary.json also holds wall times.
 */
public final class GameWriter {
  /** Names of the two worlds in the {@code scenario} column. */
  public static final String LEARNING = "learning";
  public static final String BASELINE = "baseline";

  private GameWriter() {}

  /** Writes the seed's files into {@code dir} (each to a temporary name, then renamed). */
  public static void write(Path dir, Scenario scenario, long seed, GameRecords r, Map<String, Object> wallSeconds) {
    AtomicFiles.write(dir.resolve("steps.csv"), steps(scenario, r));
    AtomicFiles.write(dir.resolve("periods.csv"), periods(scenario, r));
    AtomicFiles.write(dir.resolve("summary.json"), json(summary(scenario, seed, r, wallSeconds)));
  }

  static CharSequence steps(Scenario scenario, GameRecords r) {
    List<String> header = new ArrayList<>(List.of("scenario", "step", "day", "hour", "bus", "lmp_usd_per_mwh",
        "load_mwh", "household_net_kwh", "prosumer_net_kwh", "consumer_kwh", "mean_soc", "solar_mwh",
        "solar_available_mwh", "shed_mwh", "spill_mwh", "buy_add_on_usd_per_kwh", "sell_add_on_usd_per_kwh"));
    List<TariffGroups.TariffGroup> tariffGroups = scenario.tariffGroups().groups();
    for (TariffGroups.TariffGroup g : tariffGroups) {
      header.add("fixed_charge_usd_per_day_" + g.name());
    }
    CsvTable t = new CsvTable(header.toArray(String[]::new));
    int buses = scenario.grid().busCount();
    for (int i = 0; i < r.learning.size(); i++) {
      for (String world : List.of(LEARNING, BASELINE)) {
        StepRecord s = world.equals(LEARNING) ? r.learning.get(i) : r.baseline.get(i);
        Tariff tariff = world.equals(LEARNING) ? r.tariffs.get(i) : Tariff.initial(scenario);
        for (int n = 0; n < buses; n++) {
          t.add(world).add(s.step()).add(s.day()).add(s.hour()).add(scenario.grid().busName(n))
              .add(s.lmpUsdPerMwh()[n]).add(s.loadMwh()[n]).add(s.householdNetKwh()[n])
              .add(s.prosumerNetKwh()[n]).add(s.consumerKwh()[n]).add(s.meanSoc()[n]).add(s.solarMwh()[n])
              .add(s.solarAvailableMwh()[n]).add(s.shedMwh()[n]).add(s.spillMwh()[n])
              .add(tariff.buyAddOnUsdPerKwh()).add(tariff.sellAddOnUsdPerKwh());
          for (int g = 0; g < tariffGroups.size(); g++) {
            t.add(tariff.fixedChargeUsdPerDay(g));
          }
        }
      }
    }
    return t.text();
  }

  static CharSequence periods(Scenario scenario, GameRecords r) {
    CsvTable t = new CsvTable("scenario", "period", "days", "group", "bus", "eei_pct", "mean_bill_usd",
        "fixed_charge_usd_per_day", "buy_add_on_usd_per_kwh", "sell_add_on_usd_per_kwh", "eei_gap_pp",
        "income_spread_pp", "net_revenue_usd", "revenue_ratio", "inner_iterations", "inner_distance",
        "tariff_change", "frozen");
    List<HouseholdGroup> groups = scenario.households().groups();
    for (StackelbergGame.PeriodResult pr : r.periods) {
      PeriodInfo info = pr.info();
      for (String world : List.of(LEARNING, BASELINE)) {
        PeriodRecord p = world.equals(LEARNING) ? pr.learning() : pr.baseline();
        for (int g = 0; g < groups.size(); g++) {
          t.add(world).add(p.period()).add(p.days()).add(groups.get(g).name()).add(groups.get(g).busName())
              .add(p.eeiPct()[g]).add(p.meanBillUsd()[g])
              .add(p.tariff().fixedChargeUsdPerDay(scenario.tariffGroups().of(g)))
              .add(p.tariff().buyAddOnUsdPerKwh()).add(p.tariff().sellAddOnUsdPerKwh()).add(p.eeiGapPp())
              .add(p.incomeSpreadPp()).add(p.netRevenueUsd()).add(p.revenueRatio())
              .add(world.equals(LEARNING) ? info.innerIterations() : 0)
              .add(world.equals(LEARNING) ? info.innerDistance() : Double.NaN)
              .add(world.equals(LEARNING) ? info.tariffChange() : 0.0)
              .add(world.equals(LEARNING) && info.frozen() ? "true" : "false");
        }
      }
    }
    return t.text();
  }

  /** IMV over the last {@code days} days per bus of one world's steps, $/MWh. */
  public static double[] imvLastDays(List<StepRecord> steps, int buses, int stepsPerDay, int days) {
    int window = Math.min(days * stepsPerDay, steps.size());
    int from = steps.size() - window;
    double[] out = new double[buses];
    for (int n = 0; n < buses; n++) {
      double[] lmp = new double[steps.size()];
      for (int t = 0; t < lmp.length; t++) {
        lmp[t] = steps.get(t).lmpUsdPerMwh()[n];
      }
      out[n] = Imv.of(lmp, from, steps.size());
    }
    return out;
  }

  static Map<String, Object> summary(Scenario scenario, long seed, GameRecords r, Map<String, Object> wall) {
    int buses = scenario.grid().busCount();
    int perDay = scenario.clock().stepsPerDay();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", scenario.name());
    root.put("seed", seed);
    root.put("days", r.learning.size() / perDay);
    Map<String, Object> imv = new LinkedHashMap<>();
    imv.put("days", Math.min(3, r.learning.size() / perDay));
    imv.put(LEARNING, perBus(scenario, imvLastDays(r.learning, buses, perDay, 3)));
    imv.put(BASELINE, perBus(scenario, imvLastDays(r.baseline, buses, perDay, 3)));
    root.put("imvLastDaysUsdPerMwh", imv);
    if (!r.periods.isEmpty()) {
      Map<String, Object> gap = new LinkedHashMap<>();
      StackelbergGame.PeriodResult first = r.periods.get(0);
      StackelbergGame.PeriodResult last = r.periods.get(r.periods.size() - 1);
      gap.put("learningFirstPeriod", Numbers.json(first.learning().eeiGapPp()));
      gap.put("learningLastPeriod", Numbers.json(last.learning().eeiGapPp()));
      gap.put("baselineFirstPeriod", Numbers.json(first.baseline().eeiGapPp()));
      gap.put("baselineLastPeriod", Numbers.json(last.baseline().eeiGapPp()));
      root.put("eeiGapPp", gap);
    }
    List<Map<String, Object>> periods = new ArrayList<>();
    for (StackelbergGame.PeriodResult p : r.periods) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", p.info().period());
      m.put("tariff", tariff(scenario, p.info().tariff()));
      m.put("innerIterations", p.info().innerIterations());
      m.put("innerDistance", Numbers.json(p.info().innerDistance()));
      m.put("tariffChange", Numbers.json(p.info().tariffChange()));
      m.put("frozen", p.info().frozen());
      periods.add(m);
    }
    root.put("periods", periods);
    if (r.exploitability != null) {
      Map<String, Object> ex = new LinkedHashMap<>();
      double[] e = r.exploitability;
      List<Aggregator> aggregators = scenario.households().aggregators();
      Map<String, BigDecimal> byAggregator = new LinkedHashMap<>();
      for (int a = 0; a < aggregators.size(); a++) {
        byAggregator.put(aggregators.get(a).id(), Numbers.json(e[a]));
      }
      ex.put("followerGainPerEpisodeByAggregator", byAggregator);
      ex.put("leaderCommitmentGapPerEpisode", Numbers.json(e[aggregators.size()]));
      ex.put("method", "fresh best response warm-started from the final policy, one budget of training; "
          + "gain of its mean policy over the final one, same start states (reward units)");
      root.put("exploitabilityAtEnd", ex);
    }
    root.put("wallSeconds", wall);
    return root;
  }

  /** A tariff as JSON: add-ons and the fixed charge of every tariff group by name. */
  static Map<String, Object> tariff(Scenario scenario, Tariff t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("buyAddOnUsdPerKwh", Numbers.json(t.buyAddOnUsdPerKwh()));
    m.put("sellAddOnUsdPerKwh", Numbers.json(t.sellAddOnUsdPerKwh()));
    Map<String, Object> fixed = new LinkedHashMap<>();
    List<TariffGroups.TariffGroup> groups = scenario.tariffGroups().groups();
    for (int g = 0; g < groups.size(); g++) {
      fixed.put(groups.get(g).name(), Numbers.json(t.fixedChargeUsdPerDay(g)));
    }
    m.put("fixedChargeUsdPerDay", fixed);
    return m;
  }

  static Map<String, BigDecimal> perBus(Scenario scenario, double[] v) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    for (int n = 0; n < v.length; n++) {
      m.put(scenario.grid().busName(n), Numbers.json(v[n]));
    }
    return m;
  }

  /** Pretty JSON with plain decimals and a final newline. */
  public static String json(Object value) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new StackelgridException("cannot write JSON: " + e.getMessage(), e);
    }
  }

}
