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
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;

/**
 * Fig. 5: the net grid energy of prosumers and of consumers per step of day over the last days, all
 * buses, divided by their total storage so that runs of different sizes compare.
 */
final class NetDemandFigure {
  /** steps.csv columns of the two parts: prosumers (index 0) and consumers (index 1). */
  private static final String[] PART_COLUMNS = {"prosumer_net_kwh", "consumer_kwh"};
  private static final String[] PART_NAMES = {"prosumers", "consumers"};

  private NetDemandFigure() {}

  /** @param storageKwh total storage of prosumers and consumers, or null if unknown (kWh are drawn then) */
  static JFreeChart of(String title, List<Run> runs, List<String> worlds, double[] storageKwh) {
    double[] divisor = storageKwh == null ? new double[] {1, 1} : storageKwh;
    List<Line> lines = new ArrayList<>();
    for (int part = 0; part < 2; part++) {
      for (int k = worlds.size() - 1; k >= 0; k--) { // the learning world last, on top
        String w = worlds.get(k);
        double[] hours = null;
        List<double[]> perSeed = new ArrayList<>();
        for (Run run : runs) {
          double[][] shape = Series.dayShape(run.steps(), w, PART_COLUMNS[part]);
          hours = shape[0];
          perSeed.add(Series.divided(shape[1], divisor[part]));
        }
        boolean learning = k == 0;
        Color colour = part == 0 ? (learning ? LEARNING : BASELINE) : (learning ? PALETTE[3] : PALETTE[5]);
        if (part == 0 && learning && runs.size() > 1) {
          for (double[] y : perSeed) {
            lines.add(new Line("seed", hours, y, Charts.lighter(colour), 1f, false, false, false));
          }
        }
        lines.add(new Line(PART_NAMES[part] + ", " + Charts.worldLabel(w), hours, Series.mean(perSeed), colour, 2.5f,
            !learning, true, true));
      }
    }
    String unit = storageKwh == null ? "net grid energy per step (kWh; the folder records no scenario)"
        : "net grid energy per step / total storage";
    XYPlot plot = Charts.xyPlot("hour of day (start of the 3-hour step)", unit, lines, false);
    ((NumberAxis) plot.getDomainAxis()).setTickUnit(new NumberTickUnit(3));
    // Zero in view and marked: below it a group exports more than it draws.
    Charts.horizontal(plot, 0, "0: below, the group exports", Color.BLACK);
    return Charts.chart(title, plot);
  }

  /**
   * Fig. 5's two main lines, as drawn: prosumers' and consumers' net energy per step of day over the
   * last days (all buses, mean over seeds) divided by their total storage, for the learning (or the
   * simulated) world.
   */
  static double[][] mainLines(ResultsFolder folder) {
    double[] known = storageKwh(folder.configuration());
    double[] storageKwh = known == null ? new double[] {1, 1} : known;
    String world = folder.worlds().get(0);
    double[][] out = new double[2][];
    for (int part = 0; part < 2; part++) {
      List<double[]> perSeed = new ArrayList<>();
      for (Run run : folder.runs()) {
        perSeed.add(Series.divided(Series.dayShape(run.steps(), world, PART_COLUMNS[part])[1], storageKwh[part]));
      }
      out[part] = Series.mean(perSeed);
    }
    return out;
  }

  /**
   * Total storage of the prosumers and the consumers' equivalent storage, kWh (1 where a part has
   * none, so it is drawn unscaled rather than divided by zero); null when the folder records no scenario.
   */
  static double[] storageKwh(Config config) {
    if (config == null || !config.hasPath("households.groups")) {
      return null;
    }
    double scale = config.hasPath("households.population-scale") ? config.getDouble("households.population-scale") : 1;
    double equivalentKwh = config.getDouble("households.consumer-equivalent-storage-kwh");
    double[] out = new double[2];
    for (Config g : config.getConfigList("households.groups")) {
      double count = Math.round(g.getDouble("count") * scale);
      if (g.getString("kind").equals("prosumer")) {
        out[0] += count * g.getDouble("storage-kwh");
      } else {
        out[1] += count * equivalentKwh;
      }
    }
    out[0] = out[0] > 0 ? out[0] : 1;
    out[1] = out[1] > 0 ? out[1] : 1;
    return out;
  }
}
