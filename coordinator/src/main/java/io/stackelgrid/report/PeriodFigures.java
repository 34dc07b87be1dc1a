package io.stackelgrid.report;

import static io.stackelgrid.report.Charts.BASELINE;
import static io.stackelgrid.report.Charts.LEARNING;
import static io.stackelgrid.report.Charts.PALETTE;

import com.typesafe.config.Config;
import io.stackelgrid.report.Charts.Line;
import io.stackelgrid.report.ResultsFolder.Run;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

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

  /** Fig. 2: buy and sell add-ons per period, mean over seeds with each seed thin, and their bounds. */
  static JFreeChart addOns(List<Run> runs, String title, Config config) {
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
    XYPlot plot = Charts.xyPlot(PERIOD_AXIS, "$ per kWh", lines, true);
    String[] keys = {"tariff.buy-add-on-usd-per-kwh", "tariff.sell-add-on-usd-per-kwh"};
    for (int c = 0; c < 2; c++) {
      bounds(plot, config, keys[c], names[c], "$/kWh", PALETTE[c]);
    }
    return Charts.chart(title, plot);
  }

  /**
   * A per-group column per period (learning world, or the simulated one): the mean over seeds thick,
   * each seed thin; prosumer groups solid, consumer groups dashed, each group with a marker of its own
   * so groups of equal income that run together stay told apart. With {@code boundsKeyOrNull}, the
   * bounds the leader may choose in are drawn too.
   */
  static JFreeChart byGroup(List<Run> runs, String column, String title, String unit, Config config,
      String boundsKeyOrNull) {
    CsvColumns first = runs.get(0).periods();
    int g = first.column("group");
    List<String> groups = first.rows().stream().map(r -> r[g]).distinct().toList(); // in file order
    String world = first.has("scenario") ? "learning" : null;
    List<Line> lines = new ArrayList<>();
    int prosumers = 0;
    int consumers = 0;
    for (int i = 0; i < groups.size(); i++) {
      PerSeed s = PerSeed.of(runs, world, column, groups.get(i));
      Color colour = PALETTE[i % PALETTE.length];
      boolean consumer = groups.get(i).startsWith("consumer");
      int style = consumer ? consumers++ : prosumers++;
      if (runs.size() > 1) {
        for (double[] y : s.values()) {
          lines.add(new Line(groups.get(i) + " seed", s.periods(), y, Charts.lighter(colour), 1f, consumer, false,
              false, style));
        }
      }
      lines.add(new Line(groupLabel(groups.get(i), config), s.periods(), s.mean(), colour, 2f, consumer, true, true,
          style));
    }
    XYPlot plot = Charts.xyPlot(PERIOD_AXIS, unit, lines, true);
    if (boundsKeyOrNull != null) {
      bounds(plot, config, boundsKeyOrNull, "bound", "$/day", Color.DARK_GRAY);
    }
    return Charts.chart(title, plot);
  }

  /** The min and max of a tariff part (a scenario key with .min and .max) as labelled lines. */
  private static void bounds(XYPlot plot, Config config, String key, String name, String unit, Color colour) {
    if (config == null || !config.hasPath(key + ".min") || !config.hasPath(key + ".max")) {
      return;
    }
    for (String end : List.of("min", "max")) {
      double v = config.getDouble(key + "." + end);
      Charts.horizontal(plot, v, name + " " + end + " " + String.format(Locale.ROOT, "%s %s", trim(v), unit), colour);
    }
  }

  private static String trim(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** EEI gap per period: each seed thin, mean thick, the baseline's mean dashed. */
  static JFreeChart eeiGap(String title, List<Run> runs, List<String> worlds) {
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
    return Charts.chart(title, Charts.xyPlot(PERIOD_AXIS,
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
