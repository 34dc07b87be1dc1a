package io.stackelgrid.report;

import static io.stackelgrid.report.Charts.BASELINE;
import static io.stackelgrid.report.Charts.LEARNING;
import static io.stackelgrid.report.Series.WINDOW_DAYS;

import io.stackelgrid.report.Charts.Line;
import io.stackelgrid.report.ResultsFolder.Run;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;

/** The figures of the locational marginal prices (steps.csv): Fig. 1, the LMP, and Fig. 4, its volatility (IMV). */
final class PriceFigures {
  private PriceFigures() {}

  /** Fig. 1: mean LMP over buses per step, first and last days side by side, each world. */
  static JFreeChart lmp(String title, Run run, List<String> worlds) {
    CsvColumns steps = run.steps();
    int step = steps.column("step");
    int lmp = steps.column("lmp_usd_per_mwh");
    int perDay = Series.stepsPerDay(steps);
    // world -> step -> {sum of LMP over buses, buses}
    Map<String, TreeMap<Integer, double[]>> byWorld = new LinkedHashMap<>();
    for (String[] r : steps.rows()) {
      double[] acc = byWorld.computeIfAbsent(ResultsFolder.worldOf(steps, r), k -> new TreeMap<>())
          .computeIfAbsent(Integer.parseInt(r[step]), k -> new double[2]);
      acc[0] += CsvColumns.number(r[lmp]);
      acc[1]++;
    }
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(new NumberAxis("LMP ($/MWh)"));
    combined.setGap(16);
    LegendItemCollection legend = null;
    for (int part = 0; part < 2; part++) {
      List<Line> lines = new ArrayList<>();
      for (int k = worlds.size() - 1; k >= 0; k--) { // the learning world last, on top
        String w = worlds.get(k);
        TreeMap<Integer, double[]> m = byWorld.get(w);
        int window = Math.min(WINDOW_DAYS * perDay, m.size());
        int from = part == 0 ? m.firstKey() : m.lastKey() - window + 1;
        double[] x = new double[window];
        double[] y = new double[window];
        for (int t = 0; t < window; t++) {
          double[] acc = m.get(from + t);
          x[t] = (double) t / perDay;
          y[t] = acc[0] / acc[1];
        }
        boolean learning = k == 0;
        lines.add(new Line(Charts.worldLabel(w), x, y, learning ? LEARNING : BASELINE, learning ? 2f : 2.5f,
            !learning, true, learning));
      }
      XYPlot plot = Charts.xyPlot(part == 0 ? "day of the first 3 days" : "day of the last 3 days", null, lines, true);
      if (legend == null) {
        legend = plot.getLegendItems(); // both halves have the same lines: one legend for the pair
      }
      combined.add(plot);
    }
    combined.setFixedLegendItems(legend);
    return Charts.chart(title, combined);
  }

  /** Fig. 4: IMV of the last days per bus: mean bars per world, each seed a dot. */
  static JFreeChart imv(String title, List<Run> runs, List<String> worlds) {
    Map<String, Map<String, List<Double>>> imv = new LinkedHashMap<>(); // world -> bus -> per seed
    for (Run run : runs) {
      imvByWorldAndBus(run.steps()).forEach((key, value) -> {
        String[] wb = key.split("\\|");
        imv.computeIfAbsent(wb[0], k -> new LinkedHashMap<>()).computeIfAbsent(wb[1], k -> new ArrayList<>())
            .add(value);
      });
    }
    DefaultCategoryDataset means = new DefaultCategoryDataset();
    DefaultMultiValueCategoryDataset dots = new DefaultMultiValueCategoryDataset();
    for (String w : worlds) {
      imv.getOrDefault(w, Map.of()).forEach((bus, v) -> {
        means.addValue(v.stream().mapToDouble(Double::doubleValue).average().orElse(0), Charts.worldLabel(w), bus);
        dots.add(v, Charts.worldLabel(w), bus);
      });
    }
    CategoryPlot plot = new CategoryPlot(means, new CategoryAxis("bus"), new NumberAxis("IMV ($/MWh)"), null);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.05);
    ScatterRenderer points = new ScatterRenderer();
    points.setUseSeriesOffset(true); // each seed's dot over its own world's bar
    points.setItemMargin(0.05);
    for (int i = 0; i < worlds.size(); i++) {
      Color c = i == 0 ? LEARNING : BASELINE;
      bars.setSeriesPaint(i, Charts.lighter(c));
      points.setSeriesPaint(i, c.darker());
      points.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
      points.setSeriesVisibleInLegend(i, false);
    }
    plot.setRenderer(0, bars);
    plot.setDataset(1, dots);
    plot.setRenderer(1, points);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    Charts.style(plot);
    return Charts.chart(title, plot);
  }

  /**
   * The IMV of the last days per world by bus (each the mean over the runs), over the buses that hold
   * an aggregator when the scenario is known, else over every bus.
   */
  static Map<String, double[]> imvByBus(List<Run> runs, List<String> worlds, io.stackelgrid.scenario.Scenario s) {
    java.util.Set<String> aggregatorBuses = new java.util.HashSet<>();
    if (s != null) {
      s.households().aggregators().forEach(a -> aggregatorBuses.add(a.busName()));
    }
    Map<String, Map<String, List<Double>>> imv = new LinkedHashMap<>();
    for (Run run : runs) {
      imvByWorldAndBus(run.steps()).forEach((key, value) -> {
        String[] wb = key.split("\\|");
        if (aggregatorBuses.isEmpty() || aggregatorBuses.contains(wb[1])) {
          imv.computeIfAbsent(wb[0], k -> new LinkedHashMap<>()).computeIfAbsent(wb[1], k -> new ArrayList<>())
              .add(value);
        }
      });
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String w : worlds) {
      out.put(w, imv.getOrDefault(w, Map.of()).values().stream()
          .mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toArray());
    }
    return out;
  }

  /**
   * One seed's IMV ($/MWh) of the last days, keyed "world|bus": the mean absolute change of the LMP
   * from one step to the next.
   */
  private static Map<String, Double> imvByWorldAndBus(CsvColumns c) {
    int step = c.column("step");
    int bus = c.column("bus");
    int lmp = c.column("lmp_usd_per_mwh");
    int from = Series.windowStart(c);
    Map<String, List<Double>> prices = new LinkedHashMap<>();
    for (String[] r : c.rows()) {
      if (Integer.parseInt(r[step]) >= from) {
        prices.computeIfAbsent(ResultsFolder.worldOf(c, r) + "|" + r[bus], k -> new ArrayList<>())
            .add(CsvColumns.number(r[lmp]));
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    prices.forEach((key, p) -> {
      double sum = 0;
      for (int t = 1; t < p.size(); t++) {
        sum += Math.abs(p.get(t) - p.get(t - 1));
      }
      out.put(key, p.size() > 1 ? sum / (p.size() - 1) : 0);
    });
    return out;
  }
}
