package io.stackelgrid.cluster;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.proto.SeedResult;
import io.stackelgrid.proto.SweepJob;
import io.stackelgrid.results.AtomicFiles;
import io.stackelgrid.results.GameWriter;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep plays: the scenario points (every combination of multi-valued {@code --set key=v1,v2})
 * times the seeds, one job each, and where their results go — DIR itself for a single point (the
 * layout of {@code run}), else DIR/point-I with DIR/sweep.json naming each point's overrides.
 */
public final class SweepPlan {
  /** One scenario point: its overrides in order, the loaded scenario, its results folder. */
  public record Point(Map<String, String> overrides, Scenario scenario, Path dir) {}

  private final List<Point> points;
  private final List<Long> seeds;
  private final int days;
  private final String scenarioName;
  private final Path out;

  private SweepPlan(String scenarioName, List<Point> points, List<Long> seeds, int days, Path out) {
    this.scenarioName = scenarioName;
    this.points = points;
    this.seeds = seeds;
    this.days = days;
    this.out = out;
  }

  /**
   * Expands the sweep; every point's scenario is loaded here, so a bad key fails before any work.
   *
   * @param daysOrNull days per seed, or null for the scenario's clock.days
   */
  public static SweepPlan of(String scenarioName, List<String> sets, List<Long> seeds, Integer daysOrNull, Path out) {
    if (seeds.isEmpty()) {
      throw new StackelgridException("--seeds must be a positive number");
    }
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, String> e : ScenarioLoader.parseOverrides(sets).entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> c : combos) {
        for (String v : e.getValue().split(",", -1)) {
          if (v.isBlank()) {
            throw new StackelgridException("--set " + e.getKey() + "=" + e.getValue() + ": empty value in the list");
          }
          Map<String, String> m = new LinkedHashMap<>(c);
          m.put(e.getKey(), v.trim());
          next.add(m);
        }
      }
      combos = next;
    }
    Path abs = out.toAbsolutePath().normalize();
    List<Point> points = new ArrayList<>();
    Integer days = daysOrNull;
    for (int i = 0; i < combos.size(); i++) {
      Scenario s = ScenarioLoader.load(scenarioName, combos.get(i));
      days = days != null ? days : s.clock().days();
      points.add(new Point(combos.get(i), s, combos.size() == 1 ? abs : abs.resolve("point-" + i)));
    }
    if (days <= 0) {
      throw new StackelgridException("--days must be a positive number, got " + days);
    }
    return new SweepPlan(scenarioName, points, List.copyOf(seeds), days, abs);
  }

  /** One job per (point, seed), points outer: job id = point × seeds + seed index. */
  public List<SweepJob> jobs() {
    List<SweepJob> jobs = new ArrayList<>();
    for (Point p : points) {
      List<String> flags = p.overrides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
      for (long seed : seeds) {
        jobs.add(SweepJob.newBuilder().setSeed(seed).setScenario(scenarioName).addAllOverrides(flags)
            .setDays(days).setOutDir(p.dir().toString()).build());
      }
    }
    return jobs;
  }

  /**
   * Writes each point's summary.json (as {@code run} does) and, for several points, DIR/sweep.json;
   * a failed job fails the sweep, naming its seed and error.
   */
  public void writeSummaries(List<SeedResult> byJobId) {
    List<String> errors = byJobId.stream().filter(r -> !r.getOk())
        .map(r -> "seed " + r.getSeed() + ": " + r.getError()).toList();
    if (!errors.isEmpty()) {
      throw new io.stackelgrid.common.RunFailedException("sweep: " + errors.size() + " job(s) failed: " + String.join("; ", errors));
    }
    if (byJobId.size() != points.size() * seeds.size()) {
      throw new io.stackelgrid.common.RunFailedException("sweep: " + byJobId.size() + " results for " + points.size() * seeds.size()
          + " jobs");
    }
    List<Map<String, Object>> index = new ArrayList<>();
    for (int p = 0; p < points.size(); p++) {
      List<RunSummary.Seed> s = new ArrayList<>();
      for (int k = 0; k < seeds.size(); k++) {
        SeedResult r = byJobId.get(p * seeds.size() + k);
        s.add(new RunSummary.Seed(r.getSeed(), r.getImvLearningUsdPerMwh(), r.getImvBaselineUsdPerMwh(),
            r.getGapLearningPp(), r.getGapBaselinePp(), r.getGapFirstLearningPp()));
      }
      Point point = points.get(p);
      RunSummary.write(point.dir(), point.scenario(), days, s);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dir", out.relativize(point.dir()).toString());
      entry.put("overrides", point.overrides());
      index.add(entry);
    }
    if (points.size() > 1) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("scenario", scenarioName);
      root.put("days", days);
      root.put("seeds", seeds);
      root.put("points", index);
      AtomicFiles.write(out.resolve("sweep.json"), GameWriter.json(root));
    }
  }

  public List<Point> points() {
    return points;
  }

  public int days() {
    return days;
  }
}
