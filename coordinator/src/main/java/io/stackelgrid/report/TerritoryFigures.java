package io.stackelgrid.report;

import static io.stackelgrid.report.Charts.BASELINE;
import static io.stackelgrid.report.Charts.LEARNING;
import static io.stackelgrid.report.Charts.PALETTE;
import static io.stackelgrid.report.Series.WINDOW_DAYS;

import io.stackelgrid.report.ResultsFolder.Run;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.TariffGroups;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The figures of a territory (MODEL.md §10), where one line per bus or group would be unreadable:
 * LMPs as a heat map (bus × step of day), distributions over buses and groups (median and
 * 10–90 % band) instead of one line each, and fixed charges by tariff group.
 */
final class TerritoryFigures {
  /** Past this many lines a figure shows a distribution instead. */
  static final int MAX_LINES = 8;

  private TerritoryFigures() {}

  /**
   * Mean LMP over the first and the last {@link Series#WINDOW_DAYS} days by bus (rows, case order)
   * and step of day (columns), one panel each for every world, on one colour scale.
   */
  static JFreeChart lmpHeatMap(String title, Run run, List<String> worlds) {
    CsvColumns steps = run.steps();
    int cStep = steps.column("step");
    int cHour = steps.column("hour");
    int cBus = steps.column("bus");
    int cLmp = steps.column("lmp_usd_per_mwh");
    int perDay = Series.stepsPerDay(steps);
    int lastStep = steps.rows().stream().mapToInt(r -> Integer.parseInt(r[cStep])).max().orElse(0);
    int window = WINDOW_DAYS * perDay;
    List<String> buses = new ArrayList<>();
    Map<String, double[][]> sums = new LinkedHashMap<>(); // world|part -> [bus][hour] {sum}, counts alike
    Map<String, double[][]> counts = new LinkedHashMap<>();
    Map<String, Integer> busIndex = new LinkedHashMap<>();
    for (String[] r : steps.rows()) {
      busIndex.computeIfAbsent(r[cBus], b -> {
        buses.add(b);
        return buses.size() - 1;
      });
    }
    for (String[] r : steps.rows()) {
      int t = Integer.parseInt(r[cStep]);
      String part = t < window ? "first" : t > lastStep - window ? "last" : null;
      if (part == null) {
        continue;
      }
      String key = ResultsFolder.worldOf(steps, r) + "|" + part;
      double[][] s = sums.computeIfAbsent(key, k -> new double[buses.size()][perDay]);
      double[][] c = counts.computeIfAbsent(key, k -> new double[buses.size()][perDay]);
      int b = busIndex.get(r[cBus]);
      int h = Integer.parseInt(r[cHour]);
      s[b][h] += CsvColumns.number(r[cLmp]);
      c[b][h]++;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (String key : sums.keySet()) {
      for (int b = 0; b < buses.size(); b++) {
        for (int h = 0; h < perDay; h++) {
          double v = sums.get(key)[b][h] / counts.get(key)[b][h];
          sums.get(key)[b][h] = v;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    PaintScale scale = new BlueRedScale(lo, hi == lo ? lo + 1 : hi);
    NumberAxis busAxis = buses.size() <= 40 ? new SymbolAxis("bus", buses.toArray(String[]::new))
        : new NumberAxis("bus (row of the case, first = 0)");
    busAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, buses.size() <= 12 ? 11 : 9));
    busAxis.setInverted(true);
    busAxis.setRange(-0.5, buses.size() - 0.5);
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(busAxis);
    combined.setGap(10);
    for (String w : worlds) {
      for (String part : List.of("first", "last")) {
        double[][] v = sums.get(w + "|" + part);
        if (v == null) {
          continue;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        int n = buses.size() * perDay;
        double[][] xyz = new double[3][n];
        for (int b = 0; b < buses.size(); b++) {
          for (int h = 0; h < perDay; h++) {
            int i = b * perDay + h;
            xyz[0][i] = h;
            xyz[1][i] = b;
            xyz[2][i] = v[b][h];
          }
        }
        data.addSeries(w + " " + part, xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        // Short labels: four panels share the width (the caption says what each world is).
        NumberAxis hours = new NumberAxis(w + ", " + part + " " + WINDOW_DAYS + " days");
        hours.setRange(-0.5, perDay - 0.5);
        hours.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        hours.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        XYPlot plot = new XYPlot(data, hours, null, renderer);
        Charts.style(plot);
        combined.add(plot);
      }
    }
    JFreeChart chart = Charts.chart(title, combined);
    chart.removeLegend();
    NumberAxis legendAxis = new NumberAxis("mean LMP ($/MWh)");
    legendAxis.setRange(lo, hi == lo ? lo + 1 : hi);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 4, 40, 4);
    legend.setStripWidth(12);
    chart.addSubtitle(legend);
    return chart;
  }

  /**
   * Fig. 4 for many buses: per world, the IMV of the last days over the aggregators' buses (each bus
   * the mean over seeds) as a box: median, quartiles, and whiskers to the extremes.
   */
  static JFreeChart imvBoxes(String title, List<String> worlds, Map<String, double[]> imvByWorldAndBus) {
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    for (String w : worlds) {
      double[] v = imvByWorldAndBus.get(w);
      if (v != null) {
        data.add(Arrays.stream(v).boxed().toList(), Charts.worldLabel(w), "IMV over " + v.length + " buses");
      }
    }
    BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
    r.setMeanVisible(false);
    r.setMaximumBarWidth(0.2);
    for (int i = 0; i < worlds.size(); i++) {
      r.setSeriesPaint(i, Charts.lighter(i == 0 ? LEARNING : BASELINE));
      r.setSeriesOutlinePaint(i, i == 0 ? LEARNING : BASELINE);
    }
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), new NumberAxis("IMV ($/MWh)"), r);
    Charts.style(plot);
    return Charts.chart(title, plot);
  }

  /** The fixed charge of each tariff group per period (learning world), mean over seeds. */
  static JFreeChart fixedChargesByTariffGroup(String title, List<Run> runs, Scenario scenario) {
    List<Charts.Line> lines = new ArrayList<>();
    TariffGroups tg = scenario.tariffGroups();
    String world = runs.get(0).periods().has("scenario") ? "learning" : null;
    for (int t = 0; t < tg.size(); t++) {
      String member = firstMember(scenario, t);
      List<double[]> perSeed = new ArrayList<>();
      double[] periods = null;
      for (Run run : runs) {
        TreeMap<Integer, Double> v = Series.periodValues(run.periods(), world, "fixed_charge_usd_per_day", member);
        periods = Series.keys(v);
        perSeed.add(Series.values(v));
      }
      TariffGroups.TariffGroup g = tg.group(t);
      lines.add(new Charts.Line(label(g), periods, Series.mean(perSeed), PALETTE[t % PALETTE.length], 2f, false, true,
          true));
    }
    return Charts.chart(title, Charts.xyPlot("leader period (3 days)",
        "$ per household per day", lines, true));
  }

  /**
   * EEI per period for many household groups: per tariff group, the median over its household groups
   * (each the mean over seeds) and their 10–90 % band.
   */
  static JFreeChart eeiBands(String title, List<Run> runs, Scenario scenario) {
    TariffGroups tg = scenario.tariffGroups();
    String world = runs.get(0).periods().has("scenario") ? "learning" : null;
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer r = new DeviationRenderer(true, true);
    for (int t = 0; t < tg.size(); t++) {
      List<double[]> members = new ArrayList<>();
      double[] periods = null;
      for (int g = 0; g < scenario.households().groups().size(); g++) {
        if (tg.of(g) != t) {
          continue;
        }
        List<double[]> perSeed = new ArrayList<>();
        for (Run run : runs) {
          TreeMap<Integer, Double> v = Series.periodValues(run.periods(), world, "eei_pct",
              scenario.households().groups().get(g).name());
          periods = Series.keys(v);
          perSeed.add(Series.values(v));
        }
        members.add(Series.mean(perSeed));
      }
      TariffGroups.TariffGroup group = tg.group(t);
      YIntervalSeries s = new YIntervalSeries(label(group) + ", " + members.size() + " groups");
      for (int p = 0; periods != null && p < periods.length; p++) {
        double[] at = new double[members.size()];
        for (int m = 0; m < at.length; m++) {
          at[m] = p < members.get(m).length ? members.get(m)[p] : Double.NaN;
        }
        s.add(periods[p], quantile(at, 0.5), quantile(at, 0.1), quantile(at, 0.9));
      }
      data.addSeries(s);
      Color c = PALETTE[t % PALETTE.length];
      r.setSeriesPaint(t, c);
      r.setSeriesFillPaint(t, Charts.lighter(c));
      r.setSeriesStroke(t, new java.awt.BasicStroke(2f));
    }
    r.setAlpha(0.35f);
    NumberAxis x = new NumberAxis("leader period (3 days)");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis("EEI (% of income)");
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, r);
    Charts.style(plot);
    return Charts.chart(title, plot);
  }

  /** The first household group (scenario order) of tariff group t: its rows carry the group's charge. */
  private static String firstMember(Scenario scenario, int t) {
    for (int g = 0; g < scenario.households().groups().size(); g++) {
      if (scenario.tariffGroups().of(g) == t) {
        return scenario.households().groups().get(g).name();
      }
    }
    throw new IllegalStateException("tariff group " + scenario.tariffGroups().group(t).name() + " has no households");
  }

  /** "prosumers, 25,000 $/yr (2 970 households)". */
  static String label(TariffGroups.TariffGroup g) {
    return String.format(Locale.ROOT, "%s, %,.0f $/yr", g.prosumer() ? "prosumers" : "consumers",
        g.incomeUsdPerYear()) + (g.name().matches("(prosumer|consumer)-\\d+") ? "" : " (" + g.name() + ")");
  }

  /** The q-quantile of the finite values, linear between order statistics; NaN if none. */
  static double quantile(double[] values, double q) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double pos = q * (v.length - 1);
    int i = (int) Math.floor(pos);
    return i + 1 < v.length ? v[i] + (pos - i) * (v[i + 1] - v[i]) : v[i];
  }

  /** Blue (cheap) through white to red (dear). */
  private record BlueRedScale(double lower, double upper) implements PaintScale {
    @Override
    public double getLowerBound() {
      return lower;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      double f = Math.max(0, Math.min(1, (value - lower) / (upper - lower)));
      Color a = f < 0.5 ? new Color(0x2166ac) : Color.WHITE;
      Color b = f < 0.5 ? Color.WHITE : new Color(0xb2182b);
      double u = f < 0.5 ? f * 2 : f * 2 - 1;
      return new Color((int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
          (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }
  }
}
