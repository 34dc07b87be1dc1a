package io.stackelgrid.report;

import com.typesafe.config.Config;
import io.stackelgrid.report.ResultsFolder.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import io.stackelgrid.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a run or simulate folder, numbered in page order, each naming the paper's figure it
 * redraws, with their captions, and their PNG files. A simulation has no learned tariff, so no add-on
 * or fixed-charge figure. The file names are
 * {@link Report#RUN_FIGURES} and {@link Report#SIMULATION_FIGURES}, in this order.
 */
final class Figures {
  private Figures() {}

  record Figure(String file, String caption, JFreeChart chart) {}

  static List<Figure> of(ResultsFolder folder) {
    boolean simulation = folder.simulation();
    List<Run> runs = folder.runs();
    List<String> worlds = folder.worlds();
    Config config = folder.configuration();
    int days = folder.summary() == null ? 0 : folder.summary().path("days").asInt();
    String seeds = simulation ? "" : runs.size() == 1 ? ", one seed" : ", mean over " + runs.size() + " seeds";
    String thin = simulation || runs.size() == 1 ? "" : " (thin lines: each seed)";
    Numbering n = new Numbering();
    List<Figure> figures = new ArrayList<>();
    String both = days > 0 && days <= 2 * Series.WINDOW_DAYS
        ? " The run has " + days + " day" + (days == 1 ? "" : "s") + ", so the two windows overlap" + (days
            <= Series.WINDOW_DAYS ? " (both show all of it)." : ".") : "";
    figures.add(n.figure("fig1-lmp.png", 1, "LMP (mean over buses) in the first and the last 3 days, "
        + runs.get(0).label() + (worlds.size() > 1 ? "; dashed: the baseline without storage and learning." : ".")
        + both, title -> PriceFigures.lmp(title, runs.get(0), worlds), "LMP, mean over buses (" + runs.get(0).label()
        + ")"));
    figures.add(n.figure("fig1-lmp-heat-map.png", 1, "mean LMP over the first and the last 3 days by bus (rows, in "
        + "the case's order) and step of day (columns, 0 = 00:00-03:00), " + runs.get(0).label() + ", every world on "
        + "one colour scale (learning: with storage and learning; baseline: no storage, initial tariff)." + both,
        title -> TerritoryFigures.lmpHeatMap(title, runs.get(0), worlds), "LMP by bus and step of day ("
        + runs.get(0).label() + ")"));
    Scenario scenario = folder.scenario();
    boolean manyGroups = scenario != null && scenario.households().groups().size() > TerritoryFigures.MAX_LINES;
    if (!simulation) {
      figures.add(n.figure("fig2-add-ons.png", 2, "the learned buy and sell add-ons per leader period" + seeds + thin
          + "; dotted: the bounds the leader chooses within.", title -> PeriodFigures.addOns(runs, title, config),
          "learned add-ons"));
      figures.add(manyGroups
          ? n.figure("fig2-fixed-charges.png", 2, "the learned fixed charge of each tariff group per leader period"
              + seeds + ".", title -> TerritoryFigures.fixedChargesByTariffGroup(title, runs, scenario),
              "learned fixed charges by tariff group")
          : n.figure("fig2-fixed-charges.png", 2, "the learned fixed charge of each customer group per leader "
          + "period" + seeds + thin + "; prosumer groups solid, consumer groups dashed; dotted: the bounds the "
          + "leader chooses within (a charge on a bound could go further).",
          title -> PeriodFigures.byGroup(runs, "fixed_charge_usd_per_day", title, "$ per household per day", config,
              "tariff.fixed-charge-usd-per-day"), "learned fixed charges"));
    }
    Map<String, double[]> imvByBus = PriceFigures.imvByBus(runs, worlds, scenario);
    boolean manyBuses = imvByBus.values().stream().anyMatch(v -> v.length > TerritoryFigures.MAX_LINES);
    figures.add(manyBuses
        ? n.figure("fig4-imv.png", 4, "IMV of the last 3 days over the buses that hold aggregators (each the mean over "
            + (simulation ? "the simulation" : runs.size() + " seed(s)") + "): box from the first to the third "
            + "quartile, the median across it, whiskers to the farthest bus within 1.5 box lengths, any beyond drawn "
            + "alone.", title -> TerritoryFigures.imvBoxes(title, worlds, imvByBus), "IMV of the last 3 days over the buses")
        : n.figure("fig4-imv.png", 4, "IMV of the last 3 days by bus" + (runs.size() > 1 ? ": bars are means "
        + "over " + runs.size() + " seeds, dots the single seeds." : "."), title -> PriceFigures.imv(title, runs, worlds),
        "IMV of the last 3 days"));
    double[] storageKwh = NetDemandFigure.storageKwh(config);
    String scaled = storageKwh == null ? "in kWh (this folder records no scenario, so total storage is unknown)"
        : "divided by total storage (prosumers: their batteries; consumers: " + consumerStorage(config)
            + " kWh each, as in the demand scale S)";
    figures.add(n.figure("fig5-net-demand.png", 5, "net grid energy per step of day in the last 3 days, all buses, "
        + scaled + "; mean over " + (runs.size() == 1 ? "the days" : "the days and seeds" + thin) + ". Where a line is "
        + "below the line at zero, its group exports more than it draws.",
        title -> NetDemandFigure.of(title, runs, worlds, storageKwh), "net demand shape, last 3 days"));
    figures.add(manyGroups
        ? n.figure("fig6-eei.png", 6, "energy expenditure incidence (EEI) per leader period by tariff group: the "
            + "median over its household groups (one per aggregator) and the band from their 10th to their 90th "
            + "percentile" + (simulation ? "." : ", learning world, each group the mean over seeds."),
            title -> TerritoryFigures.eeiBands(title, runs, scenario), "EEI by tariff group")
        : n.figure("fig6-eei.png", 6, "energy expenditure incidence (EEI) of each customer group per leader "
        + "period" + (simulation ? "" : ", learning world" + seeds + thin) + "; prosumer groups solid, consumer "
        + "groups dashed, each with its own marker: groups of the same income lie close together.",
        title -> PeriodFigures.byGroup(runs, "eei_pct", title, "EEI (% of income)", config, null),
        "EEI by customer group"));
    figures.add(n.figure("fig6-eei-gap.png", 6, "EEI gap (consumers minus prosumers, population-weighted, the "
        + "measure of the paper's Fig. 6) per leader period" + (simulation ? "." : runs.size() == 1 ? "; dashed: the "
        + "baseline." : ": thin lines each seed, thick the mean; dashed the baseline's mean."),
        title -> PeriodFigures.eeiGap(title, runs, worlds),
        "EEI gap between consumers and prosumers"));
    return figures;
  }

  /** Figures numbered 1, 2, ... in page order, each saying which of the paper's figures it redraws. */
  private static final class Numbering {
    private int next = 1;

    Figure figure(String file, int paperFigure, String caption, java.util.function.Function<String, JFreeChart> draw,
        String title) {
      int k = next++;
      return new Figure(file, "Figure " + k + " (the paper's Fig. " + paperFigure + "): " + caption,
          draw.apply("Figure " + k + " - " + title));
    }
  }

  private static String consumerStorage(Config config) {
    double kwh = config.getDouble("households.consumer-equivalent-storage-kwh");
    return java.math.BigDecimal.valueOf(kwh).stripTrailingZeros().toPlainString();
  }

  /** Writes DIR/FILE as a PNG, via a temporary file so a reader never sees half an image. */
  static void save(Path dir, Figure figure) {
    io.stackelgrid.results.AtomicFiles.write(dir.resolve(figure.file()),
        out -> ChartUtils.writeChartAsPNG(out, figure.chart(), Charts.WIDTH_PX, Charts.HEIGHT_PX));
  }
}
