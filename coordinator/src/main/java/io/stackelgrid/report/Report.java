package io.stackelgrid.report;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * report.html and its PNG figures for a run folder, rebuilt from the result files alone: the paper's
 * Figures 1 (LMPs at the start and end, with and without learning), 2 (learned tariff over time),
 * 4 (IMV of the last 3 days with 1σ over seeds), 5 (net-demand shapes before and after) and 6 (EEI
 * by group over time). Single-seed figures use the first seed; means are over seeds.
 */
public final class Report {
  /** The figure files, in the order the report shows them. */
  public static final List<String> FIGURES = List.of("fig1-lmp.png", "fig2-add-ons.png", "fig2-fixed-charges.png",
      "fig4-imv.png", "fig5-net-demand.png", "fig6-eei.png");
  /** Dark, distinguishable colours (the default palette's yellow vanishes on white). */
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;

  private Report() {}

  /** Writes DIR/report.html and the figures; returns the report's path. */
  public static Path build(Path dir) {
    System.setProperty("java.awt.headless", "true");
    List<Path> seeds = seedDirs(dir);
    if (seeds.isEmpty()) {
      throw new StackelgridException(dir + " holds no seed-K folders with steps.csv: nothing to report");
    }
    List<CsvColumns> steps = seeds.stream().map(s -> new CsvColumns(s.resolve("steps.csv"))).toList();
    List<CsvColumns> periods = seeds.stream().map(s -> new CsvColumns(s.resolve("periods.csv"))).toList();
    save(dir, "fig1-lmp.png", lmpFigure(steps.get(0)));
    save(dir, "fig2-add-ons.png", periodFigure(periods, "Fig. 2 - learned add-ons (mean over seeds)", "$/kWh",
        List.of("buy_add_on_usd_per_kwh", "sell_add_on_usd_per_kwh"), false));
    save(dir, "fig2-fixed-charges.png", periodFigure(periods, "Fig. 2 - learned fixed charges by group (mean over seeds)",
        "$/household/day", List.of("fixed_charge_usd_per_day"), true));
    save(dir, "fig4-imv.png", imvFigure(steps));
    save(dir, "fig5-net-demand.png", netDemandFigure(steps.get(0)));
    save(dir, "fig6-eei.png", periodFigure(periods, "Fig. 6 - EEI by group, learning world (mean over seeds)", "EEI (%)",
        List.of("eei_pct"), true));
    Path html = dir.resolve("report.html");
    AtomicFiles.write(html, html(dir, seeds));
    return html;
  }

  private static List<Path> seedDirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StackelgridException("results folder " + dir + " does not exist");
    }
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

  /** Fig. 1: mean LMP over buses in the first and last 3 days, learning vs baseline. */
  private static JFreeChart lmpFigure(CsvColumns steps) {
    int step = steps.column("step");
    int world = steps.column("scenario");
    int lmp = steps.column("lmp_usd_per_mwh");
    Map<String, TreeMap<Integer, double[]>> byWorld = new LinkedHashMap<>();
    for (String[] r : steps.rows()) {
      double[] acc = byWorld.computeIfAbsent(r[world], k -> new TreeMap<>())
          .computeIfAbsent(Integer.parseInt(r[step]), k -> new double[2]);
      acc[0] += CsvColumns.number(r[lmp]);
      acc[1]++;
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (var e : byWorld.entrySet()) {
      TreeMap<Integer, double[]> m = e.getValue();
      int last = m.lastKey();
      int window = Math.min(24, m.size());
      XYSeries start = new XYSeries(e.getKey() + ", first 3 days");
      XYSeries end = new XYSeries(e.getKey() + ", last 3 days");
      for (int t = 0; t < window; t++) {
        start.add(t, m.get(t)[0] / m.get(t)[1]);
        int s = last - window + 1 + t;
        end.add(t, m.get(s)[0] / m.get(s)[1]);
      }
      data.addSeries(start);
      data.addSeries(end);
    }
    return line("Fig. 1 - LMP (mean over buses), first seed", "step in window (3 h)", "$/MWh", data);
  }

  /**
   * A per-period series of columns (learning rows), mean over seeds; {@code perGroup} splits by the
   * group column (one series per group).
   */
  private static JFreeChart periodFigure(List<CsvColumns> seeds, String title, String unit, List<String> columns,
      boolean perGroup) {
    Map<String, TreeMap<Integer, double[]>> series = new LinkedHashMap<>();
    for (CsvColumns c : seeds) {
      int world = c.column("scenario");
      int period = c.column("period");
      int group = c.column("group");
      for (String col : columns) {
        int k = c.column(col);
        for (String[] r : c.rows()) {
          if (!r[world].equals("learning")) {
            continue;
          }
          if (!perGroup && !r[group].equals(c.rows().get(0)[group])) {
            continue; // tariff-wide values repeat on every group's row: take one
          }
          String name = perGroup ? r[group] : col;
          double[] acc = series.computeIfAbsent(name, x -> new TreeMap<>())
              .computeIfAbsent(Integer.parseInt(r[period]), x -> new double[2]);
          acc[0] += CsvColumns.number(r[k]);
          acc[1]++;
        }
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (var e : series.entrySet()) {
      XYSeries s = new XYSeries(e.getKey());
      e.getValue().forEach((k, v) -> s.add((double) k, v[0] / v[1]));
      data.addSeries(s);
    }
    return line(title, "leader period (3 days)", unit, data);
  }

  /** Fig. 4: IMV of the last 3 days per bus, learning vs baseline, mean ± 1σ over seeds. */
  private static JFreeChart imvFigure(List<CsvColumns> seeds) {
    Map<String, Map<String, List<Double>>> imv = new TreeMap<>();
    for (CsvColumns c : seeds) {
      int step = c.column("step");
      int world = c.column("scenario");
      int bus = c.column("bus");
      int lmp = c.column("lmp_usd_per_mwh");
      int lastStep = 0;
      for (String[] r : c.rows()) {
        lastStep = Math.max(lastStep, Integer.parseInt(r[step]));
      }
      int from = Math.max(0, lastStep - 23);
      Map<String, List<Double>> prices = new LinkedHashMap<>();
      for (String[] r : c.rows()) {
        if (Integer.parseInt(r[step]) >= from) {
          prices.computeIfAbsent(r[world] + "|" + r[bus], k -> new ArrayList<>()).add(CsvColumns.number(r[lmp]));
        }
      }
      prices.forEach((key, p) -> {
        double sum = 0;
        for (int t = 1; t < p.size(); t++) {
          sum += Math.abs(p.get(t) - p.get(t - 1));
        }
        String[] wb = key.split("\\|");
        imv.computeIfAbsent(wb[1], k -> new TreeMap<>()).computeIfAbsent(wb[0], k -> new ArrayList<>())
            .add(p.size() > 1 ? sum / (p.size() - 1) : 0);
      });
    }
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    imv.forEach((bus, worlds) -> worlds.forEach((world, v) -> {
      double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
      data.add(mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0, world, bus);
    }));
    JFreeChart chart = ChartFactory.createBarChart("Fig. 4 - IMV of the last 3 days (mean, 1 sigma over "
        + seeds.size() + " seed(s))", "bus", "$/MWh", data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    StatisticalBarRenderer r = new StatisticalBarRenderer();
    r.setErrorIndicatorPaint(Color.BLACK);
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Fig. 5: prosumers' and consumers' net energy per step of day, first vs last 3 days (learning world). */
  private static JFreeChart netDemandFigure(CsvColumns steps) {
    int step = steps.column("step");
    int hour = steps.column("hour");
    int world = steps.column("scenario");
    int pro = steps.column("prosumer_net_kwh");
    int con = steps.column("consumer_kwh");
    int lastStep = 0;
    for (String[] r : steps.rows()) {
      lastStep = Math.max(lastStep, Integer.parseInt(r[step]));
    }
    int window = Math.min(24, lastStep + 1);
    double[][] sums = new double[4][8];
    double[][] counts = new double[4][8];
    for (String[] r : steps.rows()) {
      if (!r[world].equals("learning")) {
        continue;
      }
      int t = Integer.parseInt(r[step]);
      int h = Integer.parseInt(r[hour]);
      for (int part = 0; part < 2; part++) {
        boolean in = part == 0 ? t < window : t > lastStep - window;
        if (!in) {
          continue;
        }
        // Sum over buses within a step; count each step once per bus row, so divide by days later.
        sums[part * 2][h] += CsvColumns.number(r[pro]) / 1000;
        sums[part * 2 + 1][h] += CsvColumns.number(r[con]) / 1000;
        counts[part * 2][h] += 1;
        counts[part * 2 + 1][h] += 1;
      }
    }
    int buses = (int) Math.round(counts[0][0] / Math.max(1, window / 8));
    String[] names = {"prosumers, first 3 days", "consumers, first 3 days", "prosumers, last 3 days",
        "consumers, last 3 days"};
    XYSeriesCollection data = new XYSeriesCollection();
    for (int k = 0; k < 4; k++) {
      XYSeries s = new XYSeries(names[k]);
      for (int h = 0; h < 8; h++) {
        s.add(h, counts[k][h] == 0 ? Double.NaN : sums[k][h] / counts[k][h] * Math.max(1, buses));
      }
      data.addSeries(s);
    }
    return line("Fig. 5 - net grid energy per step of day (all buses), first seed", "step of day (3 h from 00:00)",
        "MWh per step", data);
  }

  private static JFreeChart line(String title, String x, String y, XYSeriesCollection data) {
    JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
      plot.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    return chart;
  }

  private static void save(Path dir, String name, JFreeChart chart) {
    AtomicFiles.write(dir.resolve(name), out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
  }

  private static String html(Path dir, List<Path> seeds) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>stackelgrid run report</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto}img{max-width:100%}"
            + "pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body>\n")
        .append("<h1>stackelgrid run report</h1>\n<p>Seeds: ");
    b.append(String.join(", ", seeds.stream().map(p -> p.getFileName().toString()).toList()))
        .append(". Figures follow the paper's numbering (MODEL.md section 9).</p>\n");
    String[] captions = {"Fig. 1: LMPs at the start and end of the run, with and without learning.",
        "Fig. 2: learned buy and sell add-ons over time.", "Fig. 2: learned fixed charges by customer group over time.",
        "Fig. 4: IMV of the last 3 days, learning vs baseline, 1 sigma over seeds.",
        "Fig. 5: prosumer and consumer net demand per step of day, before and after learning.",
        "Fig. 6: EEI by group over time."};
    for (int i = 0; i < FIGURES.size(); i++) {
      b.append("<figure><img src=\"").append(FIGURES.get(i)).append("\" alt=\"").append(captions[i])
          .append("\"><figcaption>").append(captions[i]).append("</figcaption></figure>\n");
    }
    Path summary = dir.resolve("summary.json");
    if (Files.exists(summary)) {
      try {
        b.append("<h2>Summary (summary.json)</h2>\n<pre>")
            .append(Files.readString(summary).replace("&", "&amp;").replace("<", "&lt;")).append("</pre>\n");
      } catch (IOException e) {
        throw new StackelgridException("cannot read " + summary + ": " + e.getMessage(), e);
      }
    }
    return b.append("</body></html>\n").toString();
  }
}
