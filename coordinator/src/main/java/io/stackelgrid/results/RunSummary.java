package io.stackelgrid.results;

import io.stackelgrid.scenario.Scenario;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The across-seeds summary.json of a run: per-seed headline figures, their means and standard deviations. */
public final class RunSummary {
  /**
   * One seed's headline figures.
   *
   * @param imvLearning IMV of the last 3 days, mean over the buses that hold aggregators, learning world, $/MWh
   * @param gapLearning EEI gap of the last period, learning world, pp
   */
  public record Seed(long seed, double imvLearning, double imvBaseline, double gapLearning, double gapBaseline,
      double gapFirstLearning) {}

  /** Days of the IMV window: the paper's last 3 days (the whole run when shorter). */
  public static final int IMV_DAYS = 3;

  private RunSummary() {}

  /** The mean of a per-bus value over the buses that hold an aggregator (each once; MODEL.md §10's F1). */
  static double meanAtAggregators(Scenario scenario, double[] byBus) {
    java.util.Set<Integer> buses = new java.util.TreeSet<>();
    scenario.households().aggregators().forEach(a -> buses.add(a.bus()));
    if (buses.isEmpty()) {
      return mean(byBus);
    }
    double s = 0;
    for (int n : buses) {
      s += byBus[n];
    }
    return s / buses.size();
  }

  /** The headline figures of one seed's records. */
  public static Seed of(Scenario scenario, long seed, GameRecords r) {
    int buses = scenario.grid().busCount();
    int perDay = scenario.clock().stepsPerDay();
    var last = r.periods.get(r.periods.size() - 1);
    return new Seed(seed, meanAtAggregators(scenario, GameWriter.imvLastDays(r.learning, buses, perDay, IMV_DAYS)),
        meanAtAggregators(scenario, GameWriter.imvLastDays(r.baseline, buses, perDay, IMV_DAYS)),
        last.learning().eeiGapPp(),
        last.baseline().eeiGapPp(), r.periods.get(0).learning().eeiGapPp());
  }

  /**
   * Writes DIR/summary.json, and DIR/scenario.json with the effective scenario (every key after
   * overrides), so the results can be judged later without the command line that made them.
   */
  public static void write(Path dir, Scenario scenario, int days, List<Seed> seeds) {
    AtomicFiles.write(dir.resolve("scenario.json"), scenario.renderConfig() + "\n");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", scenario.name());
    root.put("days", days);
    root.put("seeds", seeds.stream().map(Seed::seed).toList());
    root.put("imvLastDaysUsdPerMwhLearning", stats(seeds, Seed::imvLearning));
    root.put("imvLastDaysUsdPerMwhBaseline", stats(seeds, Seed::imvBaseline));
    root.put("eeiGapLastPeriodPpLearning", stats(seeds, Seed::gapLearning));
    root.put("eeiGapLastPeriodPpBaseline", stats(seeds, Seed::gapBaseline));
    root.put("eeiGapFirstPeriodPpLearning", stats(seeds, Seed::gapFirstLearning));
    AtomicFiles.write(dir.resolve("summary.json"), GameWriter.json(root));
  }

  private static Map<String, Object> stats(List<Seed> seeds, ToDoubleFunction<Seed> f) {
    double[] v = seeds.stream().mapToDouble(f).toArray();
    double mean = 0;
    for (double x : v) {
      mean += x / v.length;
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", Numbers.json(mean));
    // Sample standard deviation over seeds (0 for a single seed).
    m.put("std", Numbers.json(v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0));
    m.put("perSeed", java.util.Arrays.stream(v).mapToObj(Numbers::json).toList());
    return m;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x / v.length;
    }
    return s;
  }
}
