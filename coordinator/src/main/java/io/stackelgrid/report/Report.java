package io.stackelgrid.report;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.report.Figures.Figure;
import io.stackelgrid.results.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * report.html and its PNG figures for a results folder, rebuilt from the result files alone. A run
 * folder (seed-K sub-folders, learning and baseline worlds) gets the paper's Figures 1, 2, 4, 5 and 6
 * and the EEI gap over periods; a {@code simulate} folder (one world, steps.csv at the top) the
 * figures that apply to it; a sweep folder an index of its points. At the top: what was run
 * (scenario, days, seeds, options that differ from the scenario's defaults, version, date) and a
 * summary table; the findings table when {@code findings.json} is present.
 *
 * <p>The parts: {@link ResultsFolder} reads the folder; {@link Figures} lists the figures, drawn by
 * {@link PriceFigures}, {@link PeriodFigures} and {@link NetDemandFigure} from {@link Series} in the
 * look of {@link Charts}; {@link RunPage} and {@link SweepIndex} write the page.
 */
public final class Report {
  /** Figure files of a run folder, in the order the report shows them. */
  public static final List<String> RUN_FIGURES = List.of("fig1-lmp.png", "fig1-lmp-heat-map.png", "fig2-add-ons.png",
      "fig2-fixed-charges.png", "fig4-imv.png", "fig5-net-demand.png", "fig6-eei.png", "fig6-eei-gap.png");
  /** Figure files of a simulate folder. */
  public static final List<String> SIMULATION_FIGURES = List.of("fig1-lmp.png", "fig1-lmp-heat-map.png",
      "fig4-imv.png", "fig5-net-demand.png", "fig6-eei.png", "fig6-eei-gap.png");

  private Report() {}

  /** Writes DIR/report.html and the figures; returns the report's path. */
  public static Path build(Path dir) {
    System.setProperty("java.awt.headless", "true"); // drawing needs no display (servers, CI)
    ResultsFolder.requireFolder(dir);
    if (ResultsFolder.isSweep(dir)) {
      return SweepIndex.write(dir);
    }
    ResultsFolder folder = ResultsFolder.read(dir);
    List<Figure> figures = Figures.of(folder);
    figures.forEach(f -> Figures.save(dir, f));
    Path html = dir.resolve("report.html");
    AtomicFiles.write(html, RunPage.html(folder, figures));
    return html;
  }

  /**
   * Fig. 5's two main lines, as drawn: prosumers' and consumers' net energy per step of day over the
   * last 3 days (all buses, mean over seeds) divided by their total storage, for the learning (or the
   * simulated) world.
   */
  static double[][] netDemandShape(Path dir) {
    return NetDemandFigure.mainLines(ResultsFolder.read(dir));
  }

  /** The legend a line plot of these series gets (for tests: identical series share one entry). */
  static List<String> legend(double[] x, Map<String, double[]> series) {
    return Charts.legend(x, series);
  }
}
