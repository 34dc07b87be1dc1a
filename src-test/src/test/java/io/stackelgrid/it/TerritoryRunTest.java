package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.cli.FindingsCommand;
import io.stackelgrid.cli.RunCommand;
import io.stackelgrid.findings.Findings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A territory played end to end (MODEL.md §10): case118-territory's generator on case14 (11
 * aggregators on 14 buses, tiny budgets), its files, report and findings. F1 is checked against an
 * IMV worked out here from steps.csv over the 11 buses that hold aggregators (FindingsOnTablesTest
 * shows that the others are left out).
 */
class TerritoryRunTest {
  private static int execute(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void aTerritoryRunsWithItsReportAndFindingsOnTheAggregatorsBuses(@TempDir Path tmp) throws IOException {
    assertEquals(0, execute(new RunCommand(), "--scenario", "case118-territory", "--set", "grid.case=case14_ieee",
        "--days", "6", "--set", "learning.ppo.total-timesteps=48", "--set", "learning.ppo.n-steps=48",
        "--set", "learning.ppo.batch-size=24", "--set", "learning.follower.learn-every-step=false",
        "--set", "learning.inner-loop.max-iterations=1", "--out", tmp.toString()));
    List<String> steps = Files.readAllLines(tmp.resolve("seed-0/steps.csv"));
    String[] header = steps.get(0).split(",");
    // Fixed charges by tariff group: consumers and three prosumer incomes.
    List<String> charges = new ArrayList<>();
    for (String h : header) {
      if (h.startsWith("fixed_charge_usd_per_day_")) {
        charges.add(h.substring("fixed_charge_usd_per_day_".length()));
      }
    }
    assertEquals(List.of("prosumer-25000", "prosumer-45000", "prosumer-65000", "consumer-15000"), charges);
    assertEquals(1 + 2 * 48 * 14, steps.size(), "a row per world, step and bus of case14");
    List<String> periods = Files.readAllLines(tmp.resolve("seed-0/periods.csv"));
    assertEquals(1 + 2 * 2 * 22, periods.size(), "a row per world, period and household group (11 × 2)");
    String html = Files.readString(tmp.resolve("report.html"));
    assertTrue(html.contains("fig1-lmp-heat-map.png") && Files.exists(tmp.resolve("fig1-lmp-heat-map.png")));
    assertTrue(html.contains("tariff group"), "fixed charges and EEI by tariff group past 8 groups");

    // F1 by hand: the IMV of the last 3 days per bus, mean over the aggregators' buses (not bus 1, 7, 8).
    Set<String> aggregatorBuses = Set.of("2", "3", "4", "5", "6", "9", "10", "11", "12", "13", "14");
    int cWorld = index(header, "scenario");
    int cStep = index(header, "step");
    int cBus = index(header, "bus");
    int cLmp = index(header, "lmp_usd_per_mwh");
    Map<String, Map<String, List<Double>>> prices = new LinkedHashMap<>();
    for (String line : steps.subList(1, steps.size())) {
      String[] r = line.split(",");
      if (Integer.parseInt(r[cStep]) >= 24) {
        prices.computeIfAbsent(r[cWorld], k -> new LinkedHashMap<>()).computeIfAbsent(r[cBus], k -> new ArrayList<>())
            .add(Double.parseDouble(r[cLmp]));
      }
    }
    double[] imv = new double[2];
    String[] worlds = {"learning", "baseline"};
    for (int w = 0; w < 2; w++) {
      for (Map.Entry<String, List<Double>> e : prices.get(worlds[w]).entrySet()) {
        List<Double> p = e.getValue();
        double moves = 0;
        for (int t = 1; t < p.size(); t++) {
          moves += Math.abs(p.get(t) - p.get(t - 1));
        }
        double v = moves / (p.size() - 1);
        if (aggregatorBuses.contains(e.getKey())) {
          imv[w] += v / 11;
        }
      }
    }
    assertEquals(0, execute(new FindingsCommand(), tmp.toString()));
    Findings.Point point = Findings.judge(tmp).get(0);
    var seed = point.seeds().get(0);
    assertEquals(imv[0], seed.imvLearningUsdPerMwh(), 1e-9);
    assertEquals(imv[1], seed.imvBaselineUsdPerMwh(), 1e-9);
    assertTrue(Files.exists(tmp.resolve("findings.json")));
  }

  private static int index(String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
