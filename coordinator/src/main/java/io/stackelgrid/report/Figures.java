package io.stackelgrid.report;

import io.stackelgrid.report.ResultsFolder.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    if (!simulation) {
      figures.add(new Figure("fig2-add-ons.png", "Fig. 2: the learned buy and sell add-ons per leader period, mean "
          + "over seeds (thin lines: each seed).", PeriodFigures.addOns(runs)));
      figures.add(new Figure("fig2-fixed-charges.png", "Fig. 2: the learned fixed charge of each customer group per "
          + "leader period, mean over seeds (thin lines: each seed, in a lighter shade of its group's colour).",
          PeriodFigures.byGroup(runs, "fixed_charge_usd_per_day", "Fig. 2 - learned fixed charges",
              "$ per household per day", folder.configuration(), true)));
    }
    figures.add(new Figure("fig4-imv.png", "Fig. 4: IMV of the last 3 days by bus: bars are means over "
        + runs.size() + " " + (simulation ? "simulation" : "seed(s)") + ", dots the single seeds.",
        PriceFigures.imv(runs, worlds)));
    double[] storageKwh = NetDemandFigure.storageKwh(folder.configuration());
    String scaled = storageKwh == null ? "in kWh (this folder records no scenario, so total storage is unknown)"
        : "divided by total storage (prosumers: their batteries; consumers: consumer-equivalent-storage-kwh each)";
    figures.add(new Figure("fig5-net-demand.png", "Fig. 5: net grid energy per step of day in the last 3 days, "
        + "all buses, " + scaled + "; mean over " + (simulation ? "the days" : "seeds (thin: each seed)")
        + ". Below zero the prosumers export.", NetDemandFigure.of(runs, worlds, storageKwh)));
    figures.add(new Figure("fig6-eei.png", "Fig. 6: energy expenditure incidence (EEI) of each customer group per "
        + "leader period" + (simulation ? "." : ", learning world, mean over seeds."),
        PeriodFigures.byGroup(runs, "eei_pct", "Fig. 6 - EEI by customer group", "EEI (% of income)",
            folder.configuration(), false)));
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
