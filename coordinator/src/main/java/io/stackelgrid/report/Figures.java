package io.stackelgrid.report;

import io.stackelgrid.report.ResultsFolder.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import io.stackelgrid.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a run or simulate folder, numbered as in the paper, with their captions, and their
 * PNG files. A simulation has no learned tariff, so no Fig. 2. The file names are
 * {@link Report#RUN_FIGURES} and {@link Report#SIMULATION_FIGURES}, in this order.
 */
final class Figures {
  private Figures() {}

  record Figure(String file, String caption, JFreeChart chart) {}

  static List<Figure> of(ResultsFolder folder) {
    boolean simulation = folder.simulation();
    List<Run> runs = folder.runs();
    List<String> worlds = folder.worlds();
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("fig1-lmp.png", "Fig. 1: LMP (mean over buses) in the first and the last 3 days, "
        + runs.get(0).label() + (worlds.size() > 1 ? "; dashed: the baseline without storage and learning." : "."),
        PriceFigures.lmp(runs.get(0), worlds)));
    figures.add(new Figure("fig1-lmp-heat-map.png", "Fig. 1 by bus: mean LMP over the first and the last 3 days by "
        + "bus (rows, in the case's order) and step of day, " + runs.get(0).label() + ", every world on one colour "
        + "scale.", TerritoryFigures.lmpHeatMap(runs.get(0), worlds)));
    Scenario scenario = folder.scenario();
    boolean manyGroups = scenario != null && scenario.households().groups().size() > TerritoryFigures.MAX_LINES;
    if (!simulation) {
      figures.add(new Figure("fig2-add-ons.png", "Fig. 2: the learned buy and sell add-ons per leader period, mean "
          + "over seeds (thin lines: each seed).", PeriodFigures.addOns(runs)));
      figures.add(manyGroups
          ? new Figure("fig2-fixed-charges.png", "Fig. 2: the learned fixed charge of each tariff group per leader "
              + "period, mean over seeds.", TerritoryFigures.fixedChargesByTariffGroup(runs, scenario))
          : new Figure("fig2-fixed-charges.png", "Fig. 2: the learned fixed charge of each customer group per "
          + "leader period, mean over seeds.", PeriodFigures.byGroup(runs, "fixed_charge_usd_per_day",
              "Fig. 2 - learned fixed charges", "$ per household per day", folder.configuration())));
    }
    Map<String, double[]> imvByBus = PriceFigures.imvByBus(runs, worlds, scenario);
    boolean manyBuses = imvByBus.values().stream().anyMatch(v -> v.length > TerritoryFigures.MAX_LINES);
    figures.add(manyBuses
        ? new Figure("fig4-imv.png", "Fig. 4: IMV of the last 3 days over the buses that hold aggregators (each the "
            + "mean over " + runs.size() + " " + (simulation ? "simulation" : "seed(s)") + "): box from the first to "
            + "the third quartile, the median across it, whiskers to the farthest bus within 1.5 box lengths, any beyond "
            + "drawn alone.",
            TerritoryFigures.imvBoxes(runs, worlds, imvByBus))
        : new Figure("fig4-imv.png", "Fig. 4: IMV of the last 3 days by bus: bars are means over "
        + runs.size() + " " + (simulation ? "simulation" : "seed(s)") + ", dots the single seeds.",
        PriceFigures.imv(runs, worlds)));
    double[] storageKwh = NetDemandFigure.storageKwh(folder.configuration());
    String scaled = storageKwh == null ? "in kWh (this folder records no scenario, so total storage is unknown)"
        : "divided by total storage (prosumers: their batteries; consumers: consumer-equivalent-storage-kwh each)";
    figures.add(new Figure("fig5-net-demand.png", "Fig. 5: net grid energy per step of day in the last 3 days, "
        + "all buses, " + scaled + "; mean over " + (simulation ? "the days" : "seeds (thin: each seed)")
        + ". Below zero the prosumers export.", NetDemandFigure.of(runs, worlds, storageKwh)));
    figures.add(manyGroups
        ? new Figure("fig6-eei.png", "Fig. 6: energy expenditure incidence (EEI) per leader period by tariff group: "
            + "the median over its household groups (one per aggregator) and the band from their 10th to their 90th "
            + "percentile" + (simulation ? "." : ", learning world, each group the mean over seeds."),
            TerritoryFigures.eeiBands(runs, scenario))
        : new Figure("fig6-eei.png", "Fig. 6: energy expenditure incidence (EEI) of each customer group per "
        + "leader period" + (simulation ? "." : ", learning world, mean over seeds."),
        PeriodFigures.byGroup(runs, "eei_pct", "Fig. 6 - EEI by customer group", "EEI (% of income)",
            folder.configuration())));
    figures.add(new Figure("fig6-eei-gap.png", "EEI gap (consumers minus prosumers, population-weighted) per leader "
        + "period" + (simulation ? "." : ": thin lines each seed, thick the mean; dashed the baseline's mean."),
        PeriodFigures.eeiGap(runs, worlds)));
    return figures;
  }

  /** Writes DIR/FILE as a PNG, via a temporary file so a reader never sees half an image. */
  static void save(Path dir, Figure figure) {
    io.stackelgrid.results.AtomicFiles.write(dir.resolve(figure.file()),
        out -> ChartUtils.writeChartAsPNG(out, figure.chart(), Charts.WIDTH_PX, Charts.HEIGHT_PX));
  }
}
