package io.stackelgrid.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.AtomicFiles;
import io.stackelgrid.results.BuildInfo;
import io.stackelgrid.scenario.ScenarioLoader;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * report.html and its PNG figures for a results folder, rebuilt from the result files alone. A run
 * folder (seed-K sub-folders, learning and baseline worlds) gets the paper's Figures 1, 2, 4, 5 and 6
 * and the EEI gap over periods; a {@code simulate} folder (one world, steps.csv at the top) the
 * figures that apply to it. At the top: what was run (scenario, days, seeds, options that differ
 * from the scenario's defaults, version, date) and a summary table; the findings table when
 * {@code findings.json} is present.
 */
public final class Report {
  /** Figure files of a run folder, in the order the report shows them. */
  public static final List<String> RUN_FIGURES = List.of("fig1-lmp.png", "fig2-add-ons.png",
      "fig2-fixed-charges.png", "fig4-imv.png", "fig5-net-demand.png", "fig6-eei.png", "fig6-eei-gap.png");
  /** Figure files of a simulate folder. */
  public static final List<String> SIMULATION_FIGURES = List.of("fig1-lmp.png", "fig4-imv.png",
      "fig5-net-demand.png", "fig6-eei.png", "fig6-eei-gap.png");
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
  private static final Color LEARNING = new Color(0x1f77b4);
  private static final Color BASELINE = new Color(0x555555);
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Report() {}

  /** One world's results of one seed (or of a simulation). */
  private record Run(String label, CsvColumns steps, CsvColumns periods) {}

  /** One line of a figure; lines out of the legend are per-seed detail drawn thin. */
  private record Line(String name, double[] x, double[] y, Color colour, float width, boolean dashed, boolean legend,
      boolean marker) {}

  private record Figure(String file, String caption, JFreeChart chart) {}

  /** Writes DIR/report.html and the figures; returns the report's path. */
  public static Path build(Path dir) {
    System.setProperty("java.awt.headless", "true");
    if (!Files.isDirectory(dir)) {
      throw new StackelgridException("results folder " + dir + " does not exist");
    }
    boolean simulation = Files.exists(dir.resolve("steps.csv"));
    if (!simulation && seedDirs(dir).isEmpty() && Files.exists(dir.resolve("sweep.json"))) {
      return sweepIndex(dir);
    }
    List<Run> runs = runs(dir, simulation);
    JsonNode summary = readJson(dir.resolve("summary.json"));
    Config configuration = configuration(dir, summary);
    List<String> worlds = worlds(runs.get(0).steps());
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("fig1-lmp.png", "Fig. 1: LMP (mean over buses) in the first and the last 3 days, "
        + runs.get(0).label() + (worlds.size() > 1 ? "; dashed: the baseline without storage and learning." : "."),
        lmpFigure(runs.get(0), worlds)));
    if (!simulation) {
      figures.add(new Figure("fig2-add-ons.png", "Fig. 2: the learned buy and sell add-ons per leader period, mean "
          + "over seeds (thin lines: each seed).", addOnFigure(runs)));
      figures.add(new Figure("fig2-fixed-charges.png", "Fig. 2: the learned fixed charge of each customer group per "
          + "leader period, mean over seeds.", groupFigure(runs, "fixed_charge_usd_per_day",
              "Fig. 2 - learned fixed charges", "$ per household per day", configuration)));
    }
    figures.add(new Figure("fig4-imv.png", "Fig. 4: IMV of the last 3 days by bus: bars are means over "
        + runs.size() + " " + (simulation ? "simulation" : "seed(s)") + ", dots the single seeds.", imvFigure(runs, worlds)));
    double[] storage = storageTotals(configuration);
    figures.add(new Figure("fig5-net-demand.png", "Fig. 5: net grid energy per step of day in the last 3 days, "
        + "all buses, divided by total storage (prosumers: their batteries; consumers: "
        + "consumer-equivalent-storage-kwh each); mean over " + (simulation ? "the days" : "seeds (thin: each seed)")
        + ". Below zero the prosumers export.", netDemandFigure(runs, worlds, storage)));
    figures.add(new Figure("fig6-eei.png", "Fig. 6: energy expenditure incidence (EEI) of each customer group per "
        + "leader period" + (simulation ? "." : ", learning world, mean over seeds."),
        groupFigure(runs, "eei_pct", "Fig. 6 - EEI by customer group", "EEI (% of income)", configuration)));
    figures.add(new Figure("fig6-eei-gap.png", "EEI gap (consumers minus prosumers, population-weighted) per leader "
        + "period" + (simulation ? "." : ": thin lines each seed, thick the mean; dashed the baseline's mean."),
        gapFigure(runs, worlds)));
    for (Figure f : figures) {
      save(dir, f.file(), f.chart());
    }
    Path html = dir.resolve("report.html");
    AtomicFiles.write(html, html(dir, simulation, runs, summary, configuration, figures));
    return html;
  }

  /**
   * A sweep folder's report.html: the findings table when findings.json is present, and each point
   * with its overrides and a link to its own report.
   */
  private static Path sweepIndex(Path dir) {
    JsonNode sweep = readJson(dir.resolve("sweep.json"));
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>stackelgrid sweep report</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f2f2f2}</style>\n</head><body>\n")
        .append("<h1>stackelgrid sweep</h1>\n<table>\n");
    List<String> seeds = new ArrayList<>();
    sweep.path("seeds").forEach(x -> seeds.add(x.asText()));
    row(b, "seeds", String.join(", ", seeds));
    row(b, "report made by", BuildInfo.versionLine());
    b.append("</table>\n");
    findingsTable(b, readJson(dir.resolve("findings.json")));
    b.append("<h2>Points</h2>\n<table>\n<tr><th>point</th><th>scenario</th><th>days</th><th>overrides</th></tr>\n");
    for (JsonNode p : sweep.path("points")) {
      String folder = p.path("dir").asText("");
      List<String> overrides = new ArrayList<>();
      p.path("overrides").fields().forEachRemaining(e -> overrides.add(e.getKey() + " = " + e.getValue().asText()));
      String name = esc(p.path("name").asText(folder));
      b.append("<tr><td>").append(Files.exists(dir.resolve(folder).resolve("report.html"))
              ? "<a href=\"" + esc(folder) + "/report.html\">" + name + "</a>" : name)
          .append("</td><td>").append(esc(p.path("scenario").asText(""))).append("</td><td class=\"n\">")
          .append(esc(p.path("days").asText(""))).append("</td><td>")
          .append(esc(overrides.isEmpty() ? "none" : String.join("; ", overrides))).append("</td></tr>\n");
    }
    b.append("</table>\n</body></html>\n");
    Path html = dir.resolve("report.html");
    AtomicFiles.write(html, b.toString());
    return html;
  }

  /** The seeds' (or the simulation's) result files of a folder; an error when there are none. */
  private static List<Run> runs(Path dir, boolean simulation) {
    List<Run> runs = new ArrayList<>();
    if (simulation) {
      runs.add(new Run("simulation", new CsvColumns(dir.resolve("steps.csv")), new CsvColumns(dir.resolve("periods.csv"))));
    } else {
      for (Path s : seedDirs(dir)) {
        runs.add(new Run(s.getFileName().toString(), new CsvColumns(s.resolve("steps.csv")),
            new CsvColumns(s.resolve("periods.csv"))));
      }
    }
    if (runs.isEmpty()) {
      throw new StackelgridException(dir + " holds no seed-K folders with steps.csv (a run) and no steps.csv "
          + "(a simulation): nothing to report");
    }
    return runs;
  }

  /**
   * Fig. 5's two main lines, as drawn: prosumers' and consumers' net energy per step of day over the
   * last 3 days (all buses, mean over seeds) divided by their total storage, for the learning (or the
   * simulated) world.
   */
  static double[][] netDemandShape(Path dir) {
    boolean simulation = Files.exists(dir.resolve("steps.csv"));
    List<Run> runs = runs(dir, simulation);
    double[] storage = storageTotals(configuration(dir, readJson(dir.resolve("summary.json"))));
    String world = worlds(runs.get(0).steps()).get(0);
    double[][] out = new double[2][];
    String[] parts = {"prosumer_net_kwh", "consumer_kwh"};
    for (int part = 0; part < 2; part++) {
      List<double[]> perSeed = new ArrayList<>();
      for (Run run : runs) {
        double[] y = dayShape(run.steps(), world, parts[part])[1];
        for (int h = 0; h < y.length; h++) {
          y[h] /= storage[part];
        }
        perSeed.add(y);
      }
      out[part] = mean(perSeed);
    }
    return out;
  }

  private static List<Path> seedDirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("seed-\\d+") && Files.exists(p.resolve("steps.csv")))
          .sorted((a, b) -> Long.compare(seedOf(a), seedOf(b))).toList();
    } catch (IOException e) {
      throw new StackelgridException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static long seedOf(Path p) {
    return Long.parseLong(p.getFileName().toString().substring(5));
  }

  private static JsonNode readJson(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new StackelgridException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }

  /**
   * The effective configuration: a run's scenario.json, a simulation's summary.json "configuration",
   * else the built-in scenario summary.json names, else null.
   */
  private static Config configuration(Path dir, JsonNode summary) {
    Path effective = dir.resolve("scenario.json");
    if (Files.exists(effective)) {
      return ConfigFactory.parseFile(effective.toFile());
    }
    if (summary == null) {
      return null;
    }
    if (summary.has("configuration")) {
      return ConfigFactory.parseString(summary.get("configuration").toString());
    }
    String name = summary.path("scenario").asText("");
    return ScenarioLoader.BUILT_IN.contains(name) ? ScenarioLoader.load(name).config() : null;
  }

  /** "learning", "baseline" for a run; one world for a simulation (no scenario column). */
  private static List<String> worlds(CsvColumns steps) {
    if (!steps.has("scenario")) {
      return List.of("simulated");
    }
    int w = steps.column("scenario");
    TreeSet<String> names = new TreeSet<>();
    steps.rows().forEach(r -> names.add(r[w]));
    List<String> out = new ArrayList<>();
    if (names.remove("learning")) {
      out.add("learning");
    }
    out.addAll(names);
    return out;
  }

  private static String world(CsvColumns c, String[] row) {
    return c.has("scenario") ? row[c.column("scenario")] : "simulated";
  }

  private static String worldLabel(String world) {
    return switch (world) {
      case "learning" -> "with storage and learning";
      case "baseline" -> "baseline (no storage, initial tariff)";
      default -> world;
    };
  }

  /** Fig. 1: mean LMP over buses per step, first and last 3 days side by side, each world. */
  private static JFreeChart lmpFigure(Run run, List<String> worlds) {
    CsvColumns steps = run.steps();
    int step = steps.column("step");
    int lmp = steps.column("lmp_usd_per_mwh");
    int perDay = stepsPerDay(steps);
    Map<String, TreeMap<Integer, double[]>> byWorld = new LinkedHashMap<>();
    for (String[] r : steps.rows()) {
      double[] acc = byWorld.computeIfAbsent(world(steps, r), k -> new TreeMap<>())
          .computeIfAbsent(Integer.parseInt(r[step]), k -> new double[2]);
      acc[0] += CsvColumns.number(r[lmp]);
      acc[1]++;
    }
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(new NumberAxis("LMP ($/MWh)"));
    combined.setGap(16);
    LegendItemCollection legend = null;
    for (int part = 0; part < 2; part++) {
      List<Line> lines = new ArrayList<>();
      for (int k = worlds.size() - 1; k >= 0; k--) {
        String w = worlds.get(k);
        TreeMap<Integer, double[]> m = byWorld.get(w);
        int window = Math.min(3 * perDay, m.size());
        int from = part == 0 ? m.firstKey() : m.lastKey() - window + 1;
        double[] x = new double[window];
        double[] y = new double[window];
        for (int t = 0; t < window; t++) {
          double[] acc = m.get(from + t);
          x[t] = (double) t / perDay;
          y[t] = acc[0] / acc[1];
        }
        boolean learning = k == 0;
        lines.add(new Line(worldLabel(w), x, y, learning ? LEARNING : BASELINE, learning ? 2f : 2.5f,
            !learning, true, learning));
      }
      XYPlot plot = xyPlot(part == 0 ? "day of the first 3 days" : "day of the last 3 days", null, lines, true);
      if (legend == null) {
        legend = plot.getLegendItems();
      }
      combined.add(plot);
    }
    combined.setFixedLegendItems(legend);
    return chart("Fig. 1 - LMP, mean over buses (" + run.label() + ")", combined);
  }

  /** Fig. 2: buy and sell add-ons per period, mean over seeds with each seed thin. */
  private static JFreeChart addOnFigure(List<Run> runs) {
    List<Line> lines = new ArrayList<>();
    String[] columns = {"buy_add_on_usd_per_kwh", "sell_add_on_usd_per_kwh"};
    String[] names = {"buy add-on", "sell add-on"};
    for (int c = 0; c < 2; c++) {
      List<double[]> perSeed = new ArrayList<>();
      double[] periods = null;
      for (Run run : runs) {
        TreeMap<Integer, Double> v = periodValues(run.periods(), "learning", columns[c], null);
        periods = keys(v);
        perSeed.add(values(v));
      }
      if (runs.size() > 1) {
        for (double[] y : perSeed) {
          lines.add(new Line(names[c] + " seed", periods, y, lighter(PALETTE[c]), 1f, false, false, false));
        }
      }
      lines.add(new Line(names[c], periods, mean(perSeed), PALETTE[c], 2.5f, false, true, true));
    }
    return chart("Fig. 2 - learned add-ons", xyPlot("leader period (3 days)", "$ per kWh", lines, true));
  }

  /** A per-group column per period (learning world, or the simulated one), mean over seeds. */
  private static JFreeChart groupFigure(List<Run> runs, String column, String title, String unit, Config config) {
    List<String> groups = new ArrayList<>();
    CsvColumns first = runs.get(0).periods();
    int g = first.column("group");
    first.rows().forEach(r -> {
      if (!groups.contains(r[g])) {
        groups.add(r[g]);
      }
    });
    String world = first.has("scenario") ? "learning" : null;
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      List<double[]> perSeed = new ArrayList<>();
      double[] periods = null;
      for (Run run : runs) {
        TreeMap<Integer, Double> v = periodValues(run.periods(), world, column, groups.get(i));
        periods = keys(v);
        perSeed.add(values(v));
      }
      lines.add(new Line(groupLabel(groups.get(i), config), periods, mean(perSeed), PALETTE[i % PALETTE.length], 2f,
          false, true, true));
    }
    return chart(title, xyPlot("leader period (3 days)", unit, lines, true));
  }

  /** EEI gap per period: each seed thin, mean thick, the baseline's mean dashed. */
  private static JFreeChart gapFigure(List<Run> runs, List<String> worlds) {
    List<Line> lines = new ArrayList<>();
    for (int k = worlds.size() - 1; k >= 0; k--) {
      String w = worlds.get(k);
      boolean main = k == 0;
      String world = runs.get(0).periods().has("scenario") ? w : null;
      List<double[]> perSeed = new ArrayList<>();
      double[] periods = null;
      for (Run run : runs) {
        TreeMap<Integer, Double> v = periodValues(run.periods(), world, "eei_gap_pp", null);
        periods = keys(v);
        perSeed.add(values(v));
      }
      if (main && runs.size() > 1) {
        for (int s = 0; s < perSeed.size(); s++) {
          lines.add(new Line(runs.get(s).label(), periods, perSeed.get(s), PALETTE[(s + 2) % PALETTE.length], 1f,
              false, true, false));
        }
      }
      String name = worldLabel(w) + (runs.size() > 1 ? ", mean over " + runs.size() + " seeds" : "");
      lines.add(new Line(name, periods, mean(perSeed), main ? LEARNING : BASELINE, main ? 3f : 2.5f, !main, true,
          main));
    }
    return chart("EEI gap between consumers and prosumers", xyPlot("leader period (3 days)",
        "EEI gap (percentage points)", lines, true));
  }

  /** Fig. 4: IMV of the last 3 days per bus: mean bars per world, each seed a dot. */
  private static JFreeChart imvFigure(List<Run> runs, List<String> worlds) {
    DefaultCategoryDataset means = new DefaultCategoryDataset();
    DefaultMultiValueCategoryDataset dots = new DefaultMultiValueCategoryDataset();
    Map<String, Map<String, List<Double>>> imv = new LinkedHashMap<>(); // world -> bus -> per seed
    for (Run run : runs) {
      CsvColumns c = run.steps();
      int step = c.column("step");
      int bus = c.column("bus");
      int lmp = c.column("lmp_usd_per_mwh");
      int perDay = stepsPerDay(c);
      int lastStep = 0;
      for (String[] r : c.rows()) {
        lastStep = Math.max(lastStep, Integer.parseInt(r[step]));
      }
      int from = Math.max(0, lastStep - 3 * perDay + 1);
      Map<String, List<Double>> prices = new LinkedHashMap<>();
      for (String[] r : c.rows()) {
        if (Integer.parseInt(r[step]) >= from) {
          prices.computeIfAbsent(world(c, r) + "|" + r[bus], k -> new ArrayList<>()).add(CsvColumns.number(r[lmp]));
        }
      }
      prices.forEach((key, p) -> {
        double sum = 0;
        for (int t = 1; t < p.size(); t++) {
          sum += Math.abs(p.get(t) - p.get(t - 1));
        }
        String[] wb = key.split("\\|");
        imv.computeIfAbsent(wb[0], k -> new LinkedHashMap<>()).computeIfAbsent(wb[1], k -> new ArrayList<>())
            .add(p.size() > 1 ? sum / (p.size() - 1) : 0);
      });
    }
    for (String w : worlds) {
      imv.getOrDefault(w, Map.of()).forEach((bus, v) -> {
        means.addValue(v.stream().mapToDouble(Double::doubleValue).average().orElse(0), worldLabel(w), bus);
        dots.add(v, worldLabel(w), bus);
      });
    }
    CategoryPlot plot = new CategoryPlot(means, new CategoryAxis("bus"), new NumberAxis("IMV ($/MWh)"), null);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.05);
    ScatterRenderer points = new ScatterRenderer();
    points.setUseSeriesOffset(true);
    points.setItemMargin(0.05);
    for (int i = 0; i < worlds.size(); i++) {
      Color c = i == 0 ? LEARNING : BASELINE;
      bars.setSeriesPaint(i, lighter(c));
      points.setSeriesPaint(i, c.darker());
      points.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
      points.setSeriesVisibleInLegend(i, false);
    }
    plot.setRenderer(0, bars);
    plot.setDataset(1, dots);
    plot.setRenderer(1, points);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    style(plot);
    return chart("Fig. 4 - IMV of the last 3 days", plot);
  }

  /** Fig. 5: net energy per step of day over the last 3 days, all buses, per total storage. */
  private static JFreeChart netDemandFigure(List<Run> runs, List<String> worlds, double[] storage) {
    List<Line> lines = new ArrayList<>();
    String[] parts = {"prosumer_net_kwh", "consumer_kwh"};
    String[] names = {"prosumers", "consumers"};
    for (int part = 0; part < 2; part++) {
      for (int k = worlds.size() - 1; k >= 0; k--) {
        String w = worlds.get(k);
        List<double[]> perSeed = new ArrayList<>();
        double[] hours = null;
        for (Run run : runs) {
          double[][] shape = dayShape(run.steps(), w, parts[part]);
          hours = shape[0];
          double[] y = shape[1];
          for (int h = 0; h < y.length; h++) {
            y[h] /= storage[part];
          }
          perSeed.add(y);
        }
        boolean learning = k == 0;
        Color colour = part == 0 ? (learning ? LEARNING : BASELINE) : (learning ? PALETTE[3] : PALETTE[5]);
        if (part == 0 && learning && runs.size() > 1) {
          for (double[] y : perSeed) {
            lines.add(new Line("seed", hours, y, lighter(colour), 1f, false, false, false));
          }
        }
        lines.add(new Line(names[part] + ", " + worldLabel(w), hours, mean(perSeed), colour, learning ? 2.5f : 2.5f,
            !learning, true, true));
      }
    }
    XYPlot plot = xyPlot("hour of day (start of the 3-hour step)", "net grid energy per step / total storage", lines,
        false);
    ((NumberAxis) plot.getDomainAxis()).setTickUnit(new NumberTickUnit(3));
    return chart("Fig. 5 - net demand shape, last 3 days", plot);
  }

  /** Hours (x) and mean over the last 3 days of a column summed over buses (y), by step of day. */
  private static double[][] dayShape(CsvColumns c, String world, String column) {
    int step = c.column("step");
    int hour = c.column("hour");
    int col = c.column(column);
    int perDay = stepsPerDay(c);
    int lastStep = 0;
    for (String[] r : c.rows()) {
      lastStep = Math.max(lastStep, Integer.parseInt(r[step]));
    }
    int from = Math.max(0, lastStep - 3 * perDay + 1);
    double[] sum = new double[perDay];
    TreeSet<Integer>[] stepsSeen = newSets(perDay);
    for (String[] r : c.rows()) {
      int t = Integer.parseInt(r[step]);
      if (t >= from && world(c, r).equals(world)) {
        int h = Integer.parseInt(r[hour]);
        sum[h] += CsvColumns.number(r[col]);
        stepsSeen[h].add(t);
      }
    }
    double[] x = new double[perDay];
    double[] y = new double[perDay];
    for (int h = 0; h < perDay; h++) {
      x[h] = h * 24.0 / perDay;
      y[h] = stepsSeen[h].isEmpty() ? Double.NaN : sum[h] / stepsSeen[h].size();
    }
    return new double[][] {x, y};
  }

  @SuppressWarnings("unchecked")
  private static TreeSet<Integer>[] newSets(int n) {
    TreeSet<Integer>[] s = new TreeSet[n];
    for (int i = 0; i < n; i++) {
      s[i] = new TreeSet<>();
    }
    return s;
  }

  /** Total storage of the prosumers and the consumers' equivalent storage, kWh (NaN: unknown, figure unscaled). */
  private static double[] storageTotals(Config config) {
    if (config == null || !config.hasPath("households.groups")) {
      return new double[] {1, 1};
    }
    double scale = config.hasPath("households.population-scale") ? config.getDouble("households.population-scale") : 1;
    double equivalent = config.getDouble("households.consumer-equivalent-storage-kwh");
    double[] out = new double[2];
    for (Config g : config.getConfigList("households.groups")) {
      double count = Math.round(g.getDouble("count") * scale);
      if (g.getString("kind").equals("prosumer")) {
        out[0] += count * g.getDouble("storage-kwh");
      } else {
        out[1] += count * equivalent;
      }
    }
    out[0] = out[0] > 0 ? out[0] : 1;
    out[1] = out[1] > 0 ? out[1] : 1;
    return out;
  }

  private static int stepsPerDay(CsvColumns c) {
    int hour = c.column("hour");
    int max = 0;
    for (String[] r : c.rows()) {
      max = Math.max(max, Integer.parseInt(r[hour]));
    }
    return max + 1;
  }

  /** A column of periods.csv by period for one world (null: no world column) and one group (null: the first). */
  private static TreeMap<Integer, Double> periodValues(CsvColumns c, String world, String column, String group) {
    int period = c.column("period");
    int g = c.column("group");
    int col = c.column(column);
    TreeMap<Integer, Double> out = new TreeMap<>();
    for (String[] r : c.rows()) {
      if (world != null && !world(c, r).equals(world)) {
        continue;
      }
      if (group != null ? !r[g].equals(group) : out.containsKey(Integer.parseInt(r[period]))) {
        continue; // tariff-wide values repeat on every group's row: the first is taken
      }
      out.put(Integer.parseInt(r[period]), CsvColumns.number(r[col]));
    }
    return out;
  }

  private static double[] keys(TreeMap<Integer, Double> m) {
    return m.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
  }

  private static double[] values(TreeMap<Integer, Double> m) {
    return m.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] mean(List<double[]> rows) {
    int n = rows.stream().mapToInt(r -> r.length).min().orElse(0);
    double[] out = new double[n];
    for (double[] r : rows) {
      for (int i = 0; i < n; i++) {
        out[i] += r[i] / rows.size();
      }
    }
    return out;
  }

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

  private static Color lighter(Color c) {
    return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
  }

  /**
   * An XY plot of lines. Legend lines with the same points are drawn once and named together, so no
   * line hides another; detail lines (out of the legend) go first, under the legend lines.
   */
  private static XYPlot xyPlot(String xLabel, String yLabel, List<Line> lines, boolean integerX) {
    List<Line> kept = new ArrayList<>();
    for (Line l : lines) {
      if (!l.legend()) {
        kept.add(0, l);
        continue;
      }
      boolean merged = false;
      for (int i = 0; i < kept.size(); i++) {
        Line k = kept.get(i);
        if (k.legend() && samePoints(k, l)) {
          kept.set(i, new Line(k.name() + " = " + l.name(), k.x(), k.y(), k.colour(), k.width(), false, true, true));
          merged = true;
          break;
        }
      }
      if (!merged) {
        kept.add(l);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < kept.size(); i++) {
      Line l = kept.get(i);
      XYSeries s = new XYSeries(l.name() + "#" + i, false, true);
      for (int j = 0; j < l.x().length; j++) {
        s.add(l.x()[j], l.y()[j]);
      }
      data.addSeries(s);
      r.setSeriesPaint(i, l.colour());
      r.setSeriesStroke(i, l.dashed()
          ? new BasicStroke(l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
          : new BasicStroke(l.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShapesVisible(i, l.marker());
      r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
      r.setSeriesVisibleInLegend(i, l.legend());
    }
    r.setLegendItemLabelGenerator((dataset, series) -> {
      String key = dataset.getSeriesKey(series).toString();
      return key.substring(0, key.lastIndexOf('#'));
    });
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    if (integerX) {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    NumberAxis y = yLabel == null ? null : new NumberAxis(yLabel);
    if (y != null) {
      y.setAutoRangeIncludesZero(false);
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    return plot;
  }

  /** The legend a line plot of these series gets (for tests: identical series share one entry). */
  static List<String> legend(double[] x, Map<String, double[]> series) {
    List<Line> lines = new ArrayList<>();
    series.forEach((name, y) -> lines.add(new Line(name, x, y, LEARNING, 2f, false, true, true)));
    List<String> out = new ArrayList<>();
    LegendItemCollection items = xyPlot("x", "y", lines, true).getLegendItems();
    for (int i = 0; i < items.getItemCount(); i++) {
      out.add(items.get(i).getLabel());
    }
    return out;
  }

  private static boolean samePoints(Line a, Line b) {
    if (!Arrays.equals(a.x(), b.x()) || a.y().length != b.y().length) {
      return false;
    }
    for (int i = 0; i < a.y().length; i++) {
      double scale = Math.max(1e-12, Math.max(Math.abs(a.y()[i]), Math.abs(b.y()[i])));
      if (Math.abs(a.y()[i] - b.y()[i]) > 1e-9 * scale) {
        return false;
      }
    }
    return true;
  }

  private static void style(org.jfree.chart.plot.Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    if (plot instanceof XYPlot p) {
      p.setDomainGridlinePaint(Color.LIGHT_GRAY);
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (plot instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
  }

  private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 17), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemFont(new Font("SansSerif", Font.PLAIN, 13));
    return chart;
  }

  private static void save(Path dir, String name, JFreeChart chart) {
    Path tmp = dir.resolve(name + ".tmp");
    try {
      ChartUtils.saveChartAsPNG(tmp.toFile(), chart, WIDTH, HEIGHT);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StackelgridException("cannot write figure " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  // ---- the page ----

  private static String html(Path dir, boolean simulation, List<Run> runs, JsonNode summary, Config config,
      List<Figure> figures) {
    StringBuilder b = new StringBuilder();
    String scenario = summary != null ? summary.path("scenario").asText("?") : "?";
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>stackelgrid ")
        .append(simulation ? "simulation" : "run").append(" report: ").append(esc(scenario)).append("</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
            + "img{max-width:100%}table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f2f2f2}"
            + "figure{margin:1.5em 0}figcaption{color:#444}code{background:#f4f4f4}</style>\n</head><body>\n");
    b.append("<h1>stackelgrid ").append(simulation ? "simulation" : "learning run").append(": ")
        .append(esc(scenario)).append("</h1>\n");
    header(b, dir, simulation, runs, summary, config);
    summaryTable(b, simulation, summary);
    findingsTable(b, readJson(dir.resolve("findings.json")));
    b.append("<h2>Figures</h2>\n<p>Numbered as in the paper. Files in this folder: <code>steps.csv</code> and "
        + "<code>periods.csv</code>").append(simulation ? "" : " of each <code>seed-K</code>")
        .append(" (columns in docs/OUTPUTS.md).</p>\n");
    for (Figure f : figures) {
      b.append("<figure><img src=\"").append(f.file()).append("\" width=\"").append(WIDTH).append("\" height=\"")
          .append(HEIGHT).append("\" alt=\"").append(esc(f.caption())).append("\"><figcaption>")
          .append(esc(f.caption())).append("</figcaption></figure>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  private static void header(StringBuilder b, Path dir, boolean simulation, List<Run> runs, JsonNode summary,
      Config config) {
    b.append("<table>\n");
    row(b, "scenario", summary == null ? "?" : summary.path("scenario").asText("?")
        + (config != null && config.hasPath("scenario.description") ? ": " + config.getString("scenario.description") : "")
        + (summary.has("scenarioOrigin") ? " (" + summary.get("scenarioOrigin").asText() + ")" : ""));
    row(b, "days", summary == null ? "?" : summary.path("days").asText("?"));
    if (simulation) {
      row(b, "seed", summary == null ? "?" : summary.path("seed").asText("?"));
      for (String k : List.of("policy", "mode", "households", "noise")) {
        if (summary != null && summary.has(k)) {
          row(b, k, summary.get(k).asText());
        }
      }
    } else {
      row(b, "seeds", String.join(", ", runs.stream().map(r -> r.label().substring(5)).toList()));
    }
    row(b, "options", options(summary, config, Files.exists(dir.resolve("scenario.json")) || summary != null
        && summary.has("configuration")));
    JsonNode runJson = readJson(dir.resolve("run.json"));
    if (runJson != null && runJson.isObject()) {
      runJson.fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode()) {
          row(b, e.getKey() + " (run.json)", e.getValue().asText());
        }
      });
    }
    Path written = dir.resolve(simulation ? "steps.csv" : "summary.json");
    try {
      row(b, "results written", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
          .format(Files.getLastModifiedTime(Files.exists(written) ? written : dir).toInstant().atOffset(ZoneOffset.UTC)));
    } catch (IOException e) {
      throw new StackelgridException("cannot read the time of " + written + ": " + e.getMessage(), e);
    }
    row(b, "report made by", BuildInfo.versionLine());
    b.append("</table>\n");
  }

  /** The keys whose values differ from the named built-in scenario's (the --set overrides, or a file's changes). */
  private static String options(JsonNode summary, Config config, boolean recorded) {
    if (config == null || summary == null || !recorded) {
      return "not recorded (no scenario.json)";
    }
    String name = summary.path("scenario").asText("");
    String base = ScenarioLoader.BUILT_IN.contains(name) ? name : "three-bus";
    Config defaults = ScenarioLoader.load(base).config();
    List<String> diffs = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>();
    config.entrySet().forEach(e -> paths.add(e.getKey()));
    defaults.entrySet().forEach(e -> paths.add(e.getKey()));
    for (String p : paths) {
      ConfigValue now = config.hasPath(p) ? config.getValue(p) : null;
      ConfigValue before = defaults.hasPath(p) ? defaults.getValue(p) : null;
      Object a = now == null ? null : now.unwrapped();
      Object d = before == null ? null : before.unwrapped();
      if (!equalValues(a, d)) {
        diffs.add(p + " = " + (a == null ? "(absent)" : a));
      }
    }
    return diffs.isEmpty() ? "none: the defaults of " + base
        : String.join("; ", diffs) + " (differences from the defaults of " + base + ")";
  }

  private static boolean equalValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equalValues(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!equalValues(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("imvLastDaysUsdPerMwhLearning", "IMV of the last 3 days, learning world ($/MWh)"),
      Map.entry("imvLastDaysUsdPerMwhBaseline", "IMV of the last 3 days, baseline ($/MWh)"),
      Map.entry("eeiGapLastPeriodPpLearning", "EEI gap, last period, learning world (pp)"),
      Map.entry("eeiGapLastPeriodPpBaseline", "EEI gap, last period, baseline (pp)"),
      Map.entry("eeiGapFirstPeriodPpLearning", "EEI gap, first period, learning world (pp)"));

  private static void summaryTable(StringBuilder b, boolean simulation, JsonNode summary) {
    b.append("<h2>Summary</h2>\n");
    if (summary == null) {
      b.append("<p>No summary.json in this folder.</p>\n");
      return;
    }
    if (!simulation) {
      b.append("<table>\n<tr><th>quantity</th><th>mean</th><th>σ over seeds</th><th>per seed</th></tr>\n");
      summary.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        if (v.isObject() && v.has("mean")) {
          List<String> per = new ArrayList<>();
          v.path("perSeed").forEach(x -> per.add(number(x)));
          b.append("<tr><td>").append(esc(LABELS.getOrDefault(e.getKey(), e.getKey()))).append("</td><td class=\"n\">")
              .append(number(v.get("mean"))).append("</td><td class=\"n\">").append(number(v.path("std")))
              .append("</td><td class=\"n\">").append(String.join(", ", per)).append("</td></tr>\n");
        }
      });
      b.append("</table>\n");
      return;
    }
    b.append("<table>\n<tr><th>quantity</th><th>value</th></tr>\n");
    flatten(summary, "", b);
    b.append("</table>\n");
  }

  /** Rows for the scalar leaves of a simulation's summary.json (configuration and event lists left out). */
  private static void flatten(JsonNode node, String path, StringBuilder b) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode v = e.getValue();
      if (List.of("configuration", "scenario", "scenarioOrigin", "seed", "days", "policy", "mode", "households", "noise")
          .contains(p)) {
        continue;
      }
      if (v.isObject()) {
        flatten(v, p, b);
      } else if (v.isArray()) {
        if (v.size() > 0 && v.get(0).isNumber()) {
          List<String> items = new ArrayList<>();
          v.forEach(x -> items.add(number(x)));
          b.append("<tr><td>").append(esc(p)).append("</td><td class=\"n\">").append(String.join(", ", items))
              .append("</td></tr>\n");
        }
      } else {
        b.append("<tr><td>").append(esc(p)).append("</td><td class=\"n\">").append(esc(number(v)))
            .append("</td></tr>\n");
      }
    }
  }

  /** The table of findings.json (MODEL.md §9's F1-F4 per point), when the folder has one. */
  private static void findingsTable(StringBuilder b, JsonNode findings) {
    if (findings == null) {
      return;
    }
    b.append("<h2>Findings</h2>\n<p>The paper's findings judged per seed (docs/MODEL.md, section 9): "
        + "seeds that reproduce it, of all, and the finding's value, mean ± σ over seeds. F1 IMV cut ($/MWh), "
        + "F2 prosumers' midday excess over the baseline, F3 Spearman ρ of prosumers' fixed charges on income, "
        + "F4 relative fall of |EEI gap|.</p>\n<table>\n<tr><th>point</th><th>overrides</th><th>seeds</th>");
    List<String> ids = List.of("F1", "F2", "F3", "F4");
    ids.forEach(f -> b.append("<th>").append(f).append("</th>"));
    b.append("<th>convergence</th></tr>\n");
    for (JsonNode p : findings.path("points")) {
      List<String> overrides = new ArrayList<>();
      p.path("overrides").fields().forEachRemaining(e -> overrides.add(e.getKey() + " = " + e.getValue().asText()));
      String point = p.path("name").asText("");
      String dirName = p.path("dir").asText("");
      b.append("<tr><td>").append(esc(point.isEmpty() || point.equals(dirName) ? dirName
          : dirName.isEmpty() || dirName.equals(".") ? point : point + " (" + dirName + ")"))
          .append("</td><td>")
          .append(esc(overrides.isEmpty() ? "none" : String.join("; ", overrides))).append("</td><td class=\"n\">")
          .append(p.path("seeds").size()).append("</td>");
      for (String f : ids) {
        JsonNode v = p.path("findings").path(f);
        if (v.isMissingNode()) {
          b.append("<td>—</td>");
          continue;
        }
        b.append("<td class=\"n\">").append(v.path("reproduced").asText("?")).append(" of ")
            .append(v.path("of").asText("?")).append("<br>").append(number(v.path("value").path("mean")))
            .append(" ± ").append(number(v.path("value").path("std"))).append("</td>");
      }
      List<String> conv = new ArrayList<>();
      p.path("convergence").fields().forEachRemaining(e -> conv.add(e.getKey() + ": "
          + (e.getValue().isNumber() ? number(e.getValue()) : e.getValue().isValueNode() ? e.getValue().asText()
              : e.getValue().has("mean") ? number(e.getValue().get("mean")) : e.getValue().toString())));
      b.append("<td>").append(esc(String.join("; ", conv))).append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static String number(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "—";
    }
    if (!v.isNumber()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    double d = v.asDouble();
    return d != 0 && Math.abs(d) < 1e-3 ? String.format(Locale.ROOT, "%.3g", d) : String.format(Locale.ROOT, "%.3f", d);
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
