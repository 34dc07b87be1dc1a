package io.stackelgrid.report;

import static io.stackelgrid.report.Charts.BASELINE;
import static io.stackelgrid.report.Charts.LEARNING;
import static io.stackelgrid.report.Charts.PALETTE;

import com.typesafe.config.Config;
import io.stackelgrid.report.Charts.Line;
import io.stackelgrid.report.ResultsFolder.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;

/** The figures over leader periods (periods.csv): Fig. 2's tariff, Fig. 6's EEI by group and the EEI gap. */
final class PeriodFigures {
  private static final String PERIOD_AXIS = "leader period (3 days)";

  private PeriodFigures() {}

  /** One column by period, each seed's line (learning world, or no world column when null). */
  private record PerSeed(double[] periods, List<double[]> values) {
    static PerSeed of(List<Run> runs, String world, String column, String group) {
      double[] periods = null;
      List<double[]> values = new ArrayList<>();
      for (Run run : runs) {
        TreeMap<Integer, Double> v = Series.periodValues(run.periods(), world, column, group);
        periods = Series.keys(v); // the seeds of a folder share their periods: the last one's are kept
        values.add(Series.values(v));
      }
      return new PerSeed(periods, values);
    }

    double[] mean() {
      return Series.mean(values);
    }
  }

  /** Fig. 2: buy and sell add-ons per period, mean over seeds with each seed thin. */
  static JFreeChart addOns(List<Run> runs) {
    List<Line> lines = new ArrayList<>();
    String[] columns = {"buy_add_on_usd_per_kwh", "sell_add_on_usd_per_kwh"};
    String[] names = {"buy add-on", "sell add-on"};
    for (int c = 0; c < 2; c++) {
      PerSeed s = PerSeed.of(runs, "learning", columns[c], null);
      if (runs.size() > 1) {
        for (double[] y : s.values()) {
          lines.add(new Line(names[c] + " seed", s.periods(), y, Charts.lighter(PALETTE[c]), 1f, false, false, false));
        }
      }
      lines.add(new Line(names[c], s.periods(), s.mean(), PALETTE[c], 2.5f, false, true, true));
    }
    return Charts.chart("Fig. 2 - learned add-ons", Charts.xyPlot(PERIOD_AXIS, "$ per kWh", lines, true));
  }

  /**
   * A per-group column per period (learning world, or the simulated one), mean over seeds; with
   * {@code eachSeed} and more than one seed, each seed's line also, thin in a lighter shade of its group's colour.
   */
  static JFreeChart byGroup(List<Run> runs, String column, String title, String unit, Config config,
      boolean eachSeed) {
    CsvColumns first = runs.get(0).periods();
    int g = first.column("group");
    List<String> groups = first.rows().stream().map(r -> r[g]).distinct().toList(); // in file order
    String world = first.has("scenario") ? "learning" : null;
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      PerSeed s = PerSeed.of(runs, world, column, groups.get(i));
      if (eachSeed && runs.size() > 1) {
        for (int seed = 0; seed < s.values().size(); seed++) {
          lines.add(new Line(groups.get(i) + " " + runs.get(seed).label(), s.periods(), s.values().get(seed),
              Charts.lighter(PALETTE[i % PALETTE.length]), 1f, false, false, false));
        }
      }
      lines.add(new Line(groupLabel(groups.get(i), config), s.periods(), s.mean(), PALETTE[i % PALETTE.length], 2f,
          false, true, true));
    }
    return Charts.chart(title, Charts.xyPlot(PERIOD_AXIS, unit, lines, true));
  }

  /** EEI gap per period: each seed thin, mean thick, the baseline's mean dashed. */
  static JFreeChart eeiGap(List<Run> runs, List<String> worlds) {
    List<Line> lines = new ArrayList<>();
    for (int k = worlds.size() - 1; k >= 0; k--) { // the learning world last, on top
      String w = worlds.get(k);
      boolean main = k == 0;
      String world = runs.get(0).periods().has("scenario") ? w : null;
      PerSeed s = PerSeed.of(runs, world, "eei_gap_pp", null);
      if (main && runs.size() > 1) {
        for (int seed = 0; seed < s.values().size(); seed++) {
          lines.add(new Line(runs.get(seed).label(), s.periods(), s.values().get(seed),
              PALETTE[(seed + 2) % PALETTE.length], 1f, false, true, false));
        }
      }
      String name = Charts.worldLabel(w) + (runs.size() > 1 ? ", mean over " + runs.size() + " seeds" : "");
      lines.add(new Line(name, s.periods(), s.mean(), main ? LEARNING : BASELINE, main ? 3f : 2.5f, !main, true,
          main));
    }
    return Charts.chart("EEI gap between consumers and prosumers", Charts.xyPlot(PERIOD_AXIS,
        "EEI gap (percentage points)", lines, true));
  }

  /** "prosumers at b1 (25,000 $/yr)": the group's name in words, with its income when configured. */
  private static String groupLabel(String group, Config config) {
    String label = group.replace("prosumer-", "prosumers at ").replace("consumer-", "consumers at ");
    if (config != null && config.hasPath("households.groups")) {
      for (Config g : config.getConfigList("households.groups")) {
        if (g.getString("name").equals(group) && g.hasPath("income-usd-per-year")) {
          label += String.format(Locale.ROOT, " (%,.0f $/yr)", g.getDouble("income-usd-per-year"));
        }
      }
    }
    return label;
  }
}
