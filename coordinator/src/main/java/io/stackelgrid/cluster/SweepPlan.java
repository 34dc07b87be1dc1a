package io.stackelgrid.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.AtomicFiles;
import io.stackelgrid.results.GameWriter;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sweep plays: scenario points times seeds, one job each, and where their results go. Points
 * come from a plan file (named points, each a scenario and its key overrides, DIR/NAME each) or from
 * every combination of multi-valued {@code --set key=v1,v2} (DIR itself for a single point, the
 * layout of {@code run}, else DIR/point-I). DIR/sweep.json names each point's folder and overrides,
 * for one point too.
 */
public final class SweepPlan {
  /** One scenario point: its name, scenario and overrides in order, the loaded scenario, folder and days. */
  public record Point(String name, String scenarioName, Map<String, String> overrides, Scenario scenario, Path dir,
      int days) {}

  private final List<Point> points;
  private final List<Long> seeds;
  private final Path out;

  private SweepPlan(List<Point> points, List<Long> seeds, Path out) {
    this.points = points;
    this.seeds = seeds;
    this.out = out;
  }

  /**
   * Expands a {@code --set} sweep; every point's scenario is loaded here, so a bad key fails before any work.
   *
   * @param daysOrNull days per seed, or null for the scenario's clock.days
   */
  public static SweepPlan of(String scenarioName, List<String> sets, List<Long> seeds, Integer daysOrNull, Path out) {
    requireSeeds(seeds);
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, String> e : ScenarioLoader.parseOverrides(sets).entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> c : combos) {
        for (String v : values(e.getValue())) {
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
    for (int i = 0; i < combos.size(); i++) {
      String name = combos.size() == 1 ? "." : "point-" + i;
      points.add(point(name, scenarioName, combos.get(i), combos.size() == 1 ? abs : abs.resolve(name), daysOrNull,
          "--set"));
    }
    return new SweepPlan(points, List.copyOf(seeds), abs);
  }

  /**
   * The points of a plan file (HOCON): optional top-level {@code scenario}, {@code seeds}, {@code days}
   * and {@code set {...}} (applied to every point), and {@code points = [{name, scenario, days, set {...}}]}.
   * Command-line {@code --seeds}/{@code --days} win over the file; {@code sets} (single values) apply to
   * every point after the file's own overrides.
   */
  public static SweepPlan fromFile(Path file, String defaultScenario, List<String> sets, Integer seedsOrNull,
      Integer daysOrNull, Path out) {
    Config plan;
    try {
      plan = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      throw new StackelgridException(file + ": cannot read the sweep plan: " + e.getMessage(), e);
    }
    String where = file.toString();
    for (String key : plan.root().keySet()) {
      if (!Set.of("scenario", "seeds", "days", "set", "points").contains(key)) {
        throw new StackelgridException(where + ": unknown key '" + key + "' (a plan has scenario, seeds, days, set, "
            + "points)");
      }
    }
    Map<String, String> extra = ScenarioLoader.parseOverrides(sets);
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (e.getValue().contains(",")) {
        throw new StackelgridException("--set " + e.getKey() + "=" + e.getValue() + ": with --plan each --set takes "
            + "one value (put sweeps in the plan's points)");
      }
    }
    String scenario = plan.hasPath("scenario") ? text(plan, "scenario", where) : defaultScenario;
    int seedCount = seedsOrNull != null ? seedsOrNull : plan.hasPath("seeds") ? integer(plan, "seeds", where) : 1;
    List<Long> seeds = new ArrayList<>();
    for (long k = 0; k < seedCount; k++) {
      seeds.add(k);
    }
    requireSeeds(seeds);
    Integer topDays = daysOrNull != null ? daysOrNull : plan.hasPath("days") ? integer(plan, "days", where) : null;
    Map<String, String> common = plan.hasPath("set") ? overrides(plan, "set", where) : Map.of();
    if (!plan.hasPath("points")) {
      throw new StackelgridException(where + ": points is missing (a list of {name, scenario, days, set})");
    }
    List<? extends Config> items;
    try {
      items = plan.getConfigList("points");
    } catch (ConfigException e) {
      throw new StackelgridException(where + ": points: must be a list of objects: " + e.getMessage(), e);
    }
    if (items.isEmpty()) {
      throw new StackelgridException(where + ": points is empty");
    }
    Path abs = out.toAbsolutePath().normalize();
    List<Point> points = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Config p = items.get(i);
      String at = where + ": points[" + i + "]";
      for (String key : p.root().keySet()) {
        if (!Set.of("name", "scenario", "days", "set").contains(key)) {
          throw new StackelgridException(at + ": unknown key '" + key + "' (a point has name, scenario, days, set)");
        }
      }
      String name = p.hasPath("name") ? text(p, "name", at) : "point-" + i;
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new StackelgridException(at + ".name: '" + name + "' must be letters, digits, '.', '_' or '-' (it "
            + "names the point's folder)");
      }
      if (!names.add(name)) {
        throw new StackelgridException(at + ".name: '" + name + "' names two points");
      }
      Map<String, String> overrides = new LinkedHashMap<>(common);
      if (p.hasPath("set")) {
        overrides.putAll(overrides(p, "set", at));
      }
      overrides.putAll(extra);
      Integer days = daysOrNull != null ? daysOrNull : p.hasPath("days") ? integer(p, "days", at) : topDays;
      String pointScenario = p.hasPath("scenario") ? text(p, "scenario", at) : scenario;
      points.add(point(name, pointScenario, overrides, abs.resolve(name), days, at));
    }
    return new SweepPlan(points, List.copyOf(seeds), abs);
  }

  /** The values of {@code --set key=v1,v2}: split at commas outside brackets, so a list value stays whole. */
  static List<String> values(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(text.substring(from, i));
        from = i + 1;
      }
    }
    out.add(text.substring(from));
    return out;
  }

  private static Point point(String name, String scenarioName, Map<String, String> overrides, Path dir,
      Integer daysOrNull, String where) {
    Scenario s;
    try {
      s = ScenarioLoader.load(scenarioName, overrides);
    } catch (StackelgridException e) {
      // A --set sweep of one point: the error names its --set already.
      throw name.equals(".") ? e : new StackelgridException(where + " (" + name + "): " + e.getMessage(), e);
    }
    int days = daysOrNull != null ? daysOrNull : s.clock().days();
    if (days <= 0) {
      throw new StackelgridException(where + " (" + name + "): days must be a positive number, got " + days);
    }
    return new Point(name, scenarioName, overrides, s, dir, days);
  }

  private static void requireSeeds(List<Long> seeds) {
    if (seeds.isEmpty()) {
      throw new StackelgridException("--seeds must be a positive number");
    }
  }

  /** The leaves under {@code path} as key=value overrides (strings unquoted, other values as HOCON). */
  private static Map<String, String> overrides(Config c, String path, String where) {
    Config section;
    try {
      section = c.getConfig(path);
    } catch (ConfigException e) {
      throw new StackelgridException(where + "." + path + ": must be an object of key = value: " + e.getMessage(), e);
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : section.entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
      ConfigValue v = e.getValue();
      out.put(key, v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped()
          : v.render(ConfigRenderOptions.concise()));
    }
    return out;
  }

  private static String text(Config c, String key, String where) {
    try {
      return c.getString(key);
    } catch (ConfigException e) {
      throw new StackelgridException(where + "." + key + ": must be a string", e);
    }
  }

  private static int integer(Config c, String key, String where) {
    try {
      int v = c.getInt(key);
      if (v <= 0) {
        throw new StackelgridException(where + "." + key + ": must be a positive number, got " + v);
      }
      return v;
    } catch (ConfigException e) {
      throw new StackelgridException(where + "." + key + ": must be a positive whole number", e);
    }
  }

  /**
   * One job per (point, seed), points outer: job id = point × seeds + seed index.
   *
   * @param households real households on each seed's tracker (finite-N mode); 0 = the mean field
   */
  public List<SweepJob> jobs(long households) {
    List<SweepJob> jobs = new ArrayList<>();
    for (Point p : points) {
      List<String> flags = p.overrides().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
      for (long seed : seeds) {
        jobs.add(new SweepJob(jobs.size(), seed, p.scenarioName(), flags, p.days(), households, p.dir()));
      }
    }
    return jobs;
  }

  /**
   * Writes the summary.json of each point whose seeds all succeeded (as {@code run} does) and
   * DIR/sweep.json; then a failed job fails the sweep, naming its point,
   * seed and error (the other points' results stay).
   */
  public void writeSummaries(List<SeedResult> byJobId) {
    if (byJobId.size() != points.size() * seeds.size()) {
      throw new io.stackelgrid.common.RunFailedException("sweep: " + byJobId.size() + " results for " + points.size() * seeds.size()
          + " jobs");
    }
    List<String> errors = new ArrayList<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int p = 0; p < points.size(); p++) {
      List<SeedResult> mine = byJobId.subList(p * seeds.size(), (p + 1) * seeds.size());
      String label = points.get(p).name().equals(".") ? "" : "point " + points.get(p).name() + ", ";
      mine.stream().filter(r -> !r.ok()).forEach(r -> errors.add(label + "seed " + r.seed() + ": " + r.errorOrNull()));
      if (mine.stream().anyMatch(r -> !r.ok())) {
        continue;
      }
      List<RunSummary.Seed> s = mine.stream().map(SeedResult::summaryOrNull).toList();
      Point point = points.get(p);
      RunSummary.write(point.dir(), point.scenario(), point.days(), s);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", point.name());
      String rel = out.relativize(point.dir()).toString();
      entry.put("dir", rel.isEmpty() ? "." : rel);
      entry.put("scenario", point.scenarioName());
      entry.put("days", point.days());
      entry.put("overrides", point.overrides());
      entries.add(entry);
    }
    // Every sweep, of one point or many, here or on a cluster (docs/OUTPUTS.md).
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("seeds", seeds);
    root.put("points", entries);
    AtomicFiles.write(out.resolve("sweep.json"), GameWriter.json(root));
    if (!errors.isEmpty()) {
      throw new io.stackelgrid.common.RunFailedException("sweep: " + errors.size() + " job(s) failed: " + String.join("; ", errors));
    }
  }

  public List<Point> points() {
    return points;
  }

  public List<Long> seeds() {
    return seeds;
  }

  /** Days per seed of the longest point. */
  public int days() {
    return points.stream().mapToInt(Point::days).max().orElse(0);
  }
}
