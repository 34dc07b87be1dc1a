package io.stackelgrid.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.scenario.HouseholdGroup;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.tariff.Tariff;
import io.stackelgrid.world.PeriodRecord;
import io.stackelgrid.world.SimulationResult;
import io.stackelgrid.world.SlackEvent;
import io.stackelgrid.world.StepRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a simulation's steps.csv, periods.csv and summary.json (each atomically). */
public final class SimulationWriter {
  /** At most this many shed/spill events are listed in the summary (all are counted). */
  static final int MAX_LISTED_EVENTS = 100;

  /**
   * What the run was, for the summary.
   *
   * @param mode "mean-field" or "finite-n"
   * @param meanFieldGap relative RMS gap of finite-N bus energy to the mean field's, or null
   */
  public record RunInfo(String policy, String mode, long households, boolean noise, long seed,
      int days, Tariff tariff, Double meanFieldGap) {}

  private SimulationWriter() {}

  public static void write(Path dir, Scenario scenario, SimulationResult result, RunInfo info) {
    AtomicFiles.write(dir.resolve("steps.csv"), steps(scenario, result));
    AtomicFiles.write(dir.resolve("periods.csv"), periods(scenario, result));
    AtomicFiles.write(dir.resolve("summary.json"), summary(scenario, result, info));
  }

  static CharSequence steps(Scenario scenario, SimulationResult result) {
    CsvTable t = new CsvTable("step", "day", "hour", "bus", "lmp_usd_per_mwh", "load_mwh", "base_load_mwh",
        "household_net_kwh", "prosumer_net_kwh", "consumer_kwh", "mean_soc", "solar_mwh",
        "solar_available_mwh", "shed_mwh", "spill_mwh");
    int buses = scenario.grid().busCount();
    for (StepRecord r : result.steps()) {
      for (int n = 0; n < buses; n++) {
        t.add(r.step()).add(r.day()).add(r.hour()).add(scenario.grid().busName(n))
            .add(r.lmpUsdPerMwh()[n]).add(r.loadMwh()[n]).add(r.baseLoadMwh()[n])
            .add(r.householdNetKwh()[n]).add(r.prosumerNetKwh()[n]).add(r.consumerKwh()[n])
            .add(r.meanSoc()[n]).add(r.solarMwh()[n]).add(r.solarAvailableMwh()[n])
            .add(r.shedMwh()[n]).add(r.spillMwh()[n]);
      }
    }
    return t.text();
  }

  static CharSequence periods(Scenario scenario, SimulationResult result) {
    CsvTable t = new CsvTable("period", "days", "group", "bus", "eei_pct", "mean_bill_usd",
        "fixed_charge_usd_per_day", "buy_add_on_usd_per_kwh", "sell_add_on_usd_per_kwh",
        "eei_gap_pp", "revenue_ratio");
    List<HouseholdGroup> groups = scenario.households().groups();
    for (PeriodRecord p : result.periods()) {
      for (int g = 0; g < groups.size(); g++) {
        t.add(p.period()).add(p.days()).add(groups.get(g).name()).add(groups.get(g).busName())
            .add(p.eeiPct()[g]).add(p.meanBillUsd()[g])
            .add(p.tariff().fixedChargeUsdPerDay(scenario.tariffGroups().of(g)))
            .add(p.tariff().buyAddOnUsdPerKwh()).add(p.tariff().sellAddOnUsdPerKwh())
            .add(p.eeiGapPp()).add(p.revenueRatio());
      }
    }
    return t.text();
  }

  static String summary(Scenario scenario, SimulationResult result, RunInfo info) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    GroupLayout layout = new GroupLayout(scenario);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", scenario.name());
    root.put("scenarioOrigin", scenario.origin());
    root.put("seed", info.seed());
    root.put("days", info.days());
    root.put("policy", info.policy());
    root.put("mode", info.mode());
    root.put("households", info.households());
    root.put("noise", info.noise());
    root.put("tariff", GameWriter.tariff(scenario, info.tariff()));

    Map<String, Object> imv = new LinkedHashMap<>();
    imv.put("days", result.imvDays());
    imv.put("perBusUsdPerMwh", perBus(scenario, result.imvLastDaysUsdPerMwh()));
    imv.put("systemUsdPerMwh", Numbers.json(result.imvLastDaysSystemUsdPerMwh()));
    root.put("imvLastDays", imv);

    PeriodRecord last = result.lastPeriod();
    Map<String, Object> eei = new LinkedHashMap<>();
    eei.put("runPct", perGroup(layout, result.eeiPct()));
    eei.put("lastPeriodPct", perGroup(layout, last.eeiPct()));
    eei.put("gapRunPp", Numbers.json(result.eeiGapPp()));
    eei.put("gapLastPeriodPp", Numbers.json(last.eeiGapPp()));
    eei.put("incomeSpreadRunPp", Numbers.json(result.incomeSpreadPp()));
    eei.put("incomeSpreadLastPeriodPp", Numbers.json(last.incomeSpreadPp()));
    root.put("eei", eei);

    Map<String, Object> revenue = new LinkedHashMap<>();
    revenue.put("netRevenueUsd", Numbers.json(result.netRevenueUsd()));
    revenue.put("requirementUsdPerDay", Numbers.json(scenario.tariff().revenueRequirementUsdPerDay()));
    revenue.put("ratioRun", Numbers.json(result.revenueRatio()));
    revenue.put("ratioLastPeriod", Numbers.json(last.revenueRatio()));
    root.put("revenue", revenue);

    root.put("generationCostUsd", Numbers.json(result.generationCostUsd()));
    root.put("solarCurtailed" + unitSuffix(scenario), Numbers.json(result.curtailedMwh()));
    Map<String, Object> slack = new LinkedHashMap<>();
    slack.put("count", result.slackEvents().size());
    List<Map<String, Object>> events = new ArrayList<>();
    for (SlackEvent e : result.slackEvents().subList(0, Math.min(MAX_LISTED_EVENTS, result.slackEvents().size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", e.step());
      m.put("bus", e.bus());
      m.put("shed", Numbers.json(e.shedMwh()));
      m.put("spill", Numbers.json(e.spillMwh()));
      events.add(m);
    }
    slack.put("events", events);
    root.put("shedSpill", slack);

    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("prosumerPerStorage", list(result.prosumerNetDemandShape()));
    shape.put("consumerPerEquivalentStorage", list(result.consumerDemandShape()));
    root.put("netDemandShape", shape);
    if (info.meanFieldGap() != null) {
      root.put("finiteVsMeanFieldRelativeRms", Numbers.json(info.meanFieldGap()));
    }
    try {
      JsonNode config = json.readTree(scenario.renderConfig());
      root.put("configuration", config);
      return json.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new StackelgridException("cannot write summary.json: " + e.getMessage(), e);
    }
  }

  private static String unitSuffix(Scenario scenario) {
    return scenario.grid().unit() == io.stackelgrid.grid.Grid.Unit.MW ? "MwSteps" : "Mwh";
  }

  private static Map<String, BigDecimal> perBus(Scenario scenario, double[] v) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    for (int n = 0; n < v.length; n++) {
      m.put(scenario.grid().busName(n), Numbers.json(v[n]));
    }
    return m;
  }

  private static Map<String, BigDecimal> perGroup(GroupLayout layout, double[] v) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    for (int g = 0; g < v.length; g++) {
      m.put(layout.group(g).name(), Numbers.json(v[g]));
    }
    return m;
  }

  private static List<BigDecimal> list(double[] v) {
    List<BigDecimal> out = new ArrayList<>();
    for (double x : v) {
      out.add(Numbers.json(x));
    }
    return out;
  }
}
