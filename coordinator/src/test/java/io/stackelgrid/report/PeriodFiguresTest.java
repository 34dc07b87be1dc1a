package io.stackelgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.report.ResultsFolder.Run;
import io.stackelgrid.results.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fig. 2's fixed charges and Fig. 6's EEI draw each seed's line and the mean over seeds, per group, learning world only. */
class PeriodFiguresTest {
  private static final String[] GROUPS = {"prosumer-b1", "consumer-b1"};
  /** charges[seed][group][period], $/day; the baseline rows hold other numbers, which must not be drawn. */
  private static final double[][][] CHARGES = {
      {{0.1, 1.0, 2.0}, {0.1, 0.5, 0.4}},
      {{0.1, 0.7, 1.6}, {0.1, 0.3, 0.8}}};

  private static List<Run> runs(Path tmp) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (int seed = 0; seed < CHARGES.length; seed++) {
      Path dir = Files.createDirectories(tmp.resolve("seed-" + seed));
      StringBuilder sb = new StringBuilder("scenario,period,group,fixed_charge_usd_per_day,eei_pct\n");
      for (String world : List.of("learning", "baseline")) {
        for (int p = 0; p < 3; p++) {
          for (int g = 0; g < GROUPS.length; g++) {
            double v = world.equals("learning") ? CHARGES[seed][g][p] : 9.0;
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", world, p, GROUPS[g], v, v * 2));
          }
        }
      }
      Files.writeString(dir.resolve("periods.csv"), sb);
      Files.writeString(dir.resolve("steps.csv"), "scenario,step\n");
      runs.add(new Run("seed-" + seed, new CsvColumns(ResultTable.read(dir.resolve("steps.csv"))),
          new CsvColumns(ResultTable.read(dir.resolve("periods.csv")))));
    }
    return runs;
  }

  /** The drawn lines: y values, and whether each is in the legend (the means) or detail (the seeds). */
  private record Drawn(double[] y, boolean legend) {}

  private static List<Drawn> drawn(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
    List<Drawn> out = new ArrayList<>();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      XYSeries s = data.getSeries(i);
      double[] y = new double[s.getItemCount()];
      for (int j = 0; j < y.length; j++) {
        y[j] = s.getY(j).doubleValue();
        assertEquals(j, s.getX(j).doubleValue(), 0.0, "x is the period");
      }
      out.add(new Drawn(y, plot.getRenderer().isSeriesVisibleInLegend(i)));
    }
    return out;
  }

  private static boolean has(List<Drawn> lines, double[] y, boolean legend) {
    return lines.stream().anyMatch(d -> d.legend() == legend && java.util.Arrays.equals(d.y(), y));
  }

  @Test
  void fixedChargesShowEachSeedThinAndTheMeanInTheLegend(@TempDir Path tmp) throws IOException {
    List<Drawn> lines = drawn(PeriodFigures.byGroup(runs(tmp), "fixed_charge_usd_per_day", "t", "u", null, "tariff.fixed-charge-usd-per-day"));
    assertEquals(GROUPS.length * (CHARGES.length + 1), lines.size());
    for (int g = 0; g < GROUPS.length; g++) {
      for (double[][] seed : CHARGES) {
        assertTrue(has(lines, seed[g], false), "each seed's line of " + GROUPS[g]);
      }
      double[] mean = new double[3];
      for (int p = 0; p < 3; p++) {
        mean[p] = CHARGES[0][g][p] / 2 + CHARGES[1][g][p] / 2;
      }
      assertTrue(has(lines, mean, true), "the mean of " + GROUPS[g]);
    }
    assertEquals(GROUPS.length, lines.stream().filter(Drawn::legend).count(), "only the means are in the legend");
  }

  @Test
  void eeiByGroupDrawsTheLearningWorldOnly(@TempDir Path tmp) throws IOException {
    List<Drawn> lines = drawn(PeriodFigures.byGroup(runs(tmp), "eei_pct", "t", "u", null, null));
    assertEquals(GROUPS.length * (CHARGES.length + 1), lines.size());
    // EEI is twice the charge in the fixture; the prosumer group's mean over the two seeds, not the baseline's 18.
    assertTrue(has(lines, new double[] {0.2, 1.7, 3.6}, true), "the mean EEI of " + GROUPS[0]);
    assertTrue(lines.stream().flatMapToDouble(d -> java.util.Arrays.stream(d.y())).allMatch(v -> v < 9),
        "no baseline row drawn");
  }
}
