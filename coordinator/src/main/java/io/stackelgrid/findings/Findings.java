package io.stackelgrid.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.AtomicFiles;
import io.stackelgrid.results.GameWriter;
import io.stackelgrid.results.Numbers;
import io.stackelgrid.results.ResultDays;
import io.stackelgrid.results.ResultJson;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code stackelgrid findings DIR}: the paper's findings (MODEL.md §9) judged per seed and per point
 * of a run or sweep folder, from its result files alone; writes DIR/findings.json and findings.md.
 */
public final class Findings {
  private static final Pattern SEED_DIR = Pattern.compile("seed-(\\d+)");

  /** One point of a sweep (or the run itself): where it is, what it changed, its seeds' findings. */
  public record Point(String name, String dir, String scenario, Map<String, String> overrides,
      List<SeedFindings> seeds, String note) {}

  private Findings() {}

  /** Judges every point under {@code dir} (a run folder, or a sweep folder with sweep.json). */
  public static List<Point> judge(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new StackelgridException(dir + " is a file, not a results folder (give the folder that holds it"
          + (dir.getParent() == null ? "" : ", " + dir.getParent()) + ")");
    }
    if (!Files.isDirectory(dir)) {
      throw new StackelgridException("results folder " + dir + " does not exist");
    }
    Path sweep = dir.resolve("sweep.json");
    List<Point> points = new ArrayList<>();
    if (Files.exists(sweep)) {
      JsonNode root = readJson(sweep);
      String scenario = root.path("scenario").asText("three-bus");
      for (JsonNode p : root.path("points")) {
        String rel = p.path("dir").asText();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("overrides").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          overrides.put(e.getKey(), e.getValue().asText());
        }
        String name = p.path("name").asText(rel);
        String pointScenario = p.path("scenario").asText(scenario);
        points.add(point(dir.resolve(rel), name, rel, pointScenario, overrides));
      }
      if (points.isEmpty()) {
        throw new StackelgridException(sweep + " lists no points");
      }
    } else {
      JsonNode summary = Files.exists(dir.resolve("summary.json")) ? readJson(dir.resolve("summary.json")) : null;
      String scenario = summary == null ? "three-bus" : summary.path("scenario").asText("three-bus");
      points.add(point(dir, dir.getFileName() == null ? "." : dir.getFileName().toString(), ".", scenario,
          Map.of()));
    }
    return points;
  }

  private static Point point(Path dir, String name, String rel, String scenarioName, Map<String, String> overrides) {
    List<Path> seedDirs = seedDirs(dir);
    if (seedDirs.isEmpty()) {
      throw new StackelgridException(dir + " holds no seed-K folders with steps.csv and periods.csv");
    }
    String note = "";
    Path effective = dir.resolve("scenario.json");
    Scenario scenario;
    if (Files.exists(effective)) {
      scenario = ScenarioLoader.load(effective.toString());
    } else {
      // Folders written before runs kept their effective scenario: the named one with the point's overrides.
      scenario = ScenarioLoader.load(scenarioName, overrides);
      note = "no scenario.json: judged with scenario " + scenarioName + (overrides.isEmpty() ? "" : " and its overrides");
    }
    ScenarioFacts facts = ScenarioFacts.of(scenario);
    List<SeedFindings> seeds = new ArrayList<>();
    for (Path s : seedDirs) {
      Matcher m = SEED_DIR.matcher(s.getFileName().toString());
      m.matches();
      seeds.add(SeedFindings.judge(s, Long.parseLong(m.group(1)), facts, ResultDays.of(dir, s)));
    }
    return new Point(name, rel, scenario.name(), overrides, seeds, note);
  }

  private static List<Path> seedDirs(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> SEED_DIR.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.exists(p.resolve("steps.csv")) && Files.exists(p.resolve("periods.csv")))
          .sorted((a, b) -> Long.compare(seedOf(a), seedOf(b))).toList();
    } catch (IOException e) {
      throw new StackelgridException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static long seedOf(Path p) {
    Matcher m = SEED_DIR.matcher(p.getFileName().toString());
    m.matches();
    return Long.parseLong(m.group(1));
  }

  private static JsonNode readJson(Path file) {
    return ResultJson.read(file);
  }

  /** Writes DIR/findings.json and DIR/findings.md; returns the table as text. */
  public static String write(Path dir, List<Point> points) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("criteria", criteria());
    root.put("points", points.stream().map(Findings::json).toList());
    AtomicFiles.write(dir.resolve("findings.json"), GameWriter.json(root));
    String table = FindingsTable.markdown(points);
    AtomicFiles.write(dir.resolve("findings.md"), FindingsTable.document(points, table));
    return table;
  }

  /** A point judged on fewer days than the paper's findings are defined on: why its table is no test of them. */
  static String caveat(Point p) {
    int days = p.seeds().get(0).days();
    return days >= SeedFindings.FINDINGS_DAYS ? null : "these seeds played " + days + " day" + (days == 1 ? "" : "s")
        + "; the findings are defined on " + SeedFindings.FINDINGS_DAYS + "-day runs (the last 3 days, days 97-99, "
        + "against the first and last leader periods), so this table does not test the paper's findings";
  }

  private static Map<String, Object> criteria() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("F1", "IMV of the last 3 days (mean over buses) at least 10 % below the baseline's; value: baseline - "
        + "learning, $/MWh");
    c.put("F2", "prosumers' net grid energy / their storage, last 3 days by step of day: midday (09-15 h) at least "
        + "0.05 above the baseline's and below zero in an evening step (15-24 h); value: the midday excess");
    c.put("F3", "last period: prosumer fixed charges rise with income (Spearman rho > 0) and their mean exceeds "
        + "the consumers'; value: rho, null where undefined (prosumer charges tied: not reproduced), its mean and "
        + "std over the other seeds (seedsLeftOut counts the rest)");
    c.put("F4", "|EEI gap| of the last period at least 10 % below the first period's; value: relative fall");
    return c;
  }

  private static Map<String, Object> json(Point p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("dir", p.dir());
    m.put("scenario", p.scenario());
    m.put("overrides", p.overrides());
    m.put("seeds", p.seeds().stream().map(SeedFindings::seed).toList());
    m.put("days", p.seeds().get(0).days());
    String caveat = caveat(p);
    if (caveat != null) {
      m.put("caveat", caveat);
    }
    if (!p.note().isEmpty()) {
      m.put("note", p.note());
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("F1", finding(p, SeedFindings::f1, stats(p.seeds(), SeedFindings::imvCutUsdPerMwh), null, Map.of(
        "imvLearningUsdPerMwh", SeedFindings::imvLearningUsdPerMwh,
        "imvBaselineUsdPerMwh", SeedFindings::imvBaselineUsdPerMwh)));
    f.put("F2", finding(p, SeedFindings::f2, stats(p.seeds(), SeedFindings::middayExcess), null, Map.of(
        "eveningMinimum", SeedFindings::eveningMin)));
    // ρ is undefined where the prosumer charges are tied: those seeds are marked and left out of its mean.
    f.put("F3", finding(p, SeedFindings::f3, definedStats(p.seeds(), SeedFindings::rho),
        p.seeds().stream().map(SeedFindings::prosumerChargesTied).toList(), Map.of(
        "prosumerFixedChargeUsdPerDay", SeedFindings::prosumerFixedUsdPerDay,
        "consumerFixedChargeUsdPerDay", SeedFindings::consumerFixedUsdPerDay)));
    f.put("F4", finding(p, SeedFindings::f4, stats(p.seeds(), SeedFindings::gapFall), null, Map.of(
        "gapFirstPeriodPp", SeedFindings::gapFirstPp, "gapLastPeriodPp", SeedFindings::gapLastPp)));
    m.put("findings", f);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("innerLoopMetToleranceShare", stats(p.seeds(), SeedFindings::innerMetShare));
    c.put("lastTariffMove", stats(p.seeds(), SeedFindings::lastTariffMove));
    c.put("followerExploitabilityAtEnd", stats(p.seeds(), SeedFindings::followerGain));
    c.put("leaderCommitmentGapAtEnd", stats(p.seeds(), SeedFindings::leaderGap));
    m.put("convergence", c);
    return m;
  }

  /** One finding's entry; {@code tiedPerSeed} (F3 only, else null) marks the seeds whose prosumer charges tie. */
  private static Map<String, Object> finding(Point p, Predicate<SeedFindings> ok, Map<String, Object> value,
      List<Boolean> tiedPerSeed, Map<String, ToDoubleFunction<SeedFindings>> detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reproduced", reproduced(p, ok));
    m.put("of", p.seeds().size());
    m.put("perSeed", p.seeds().stream().map(ok::test).toList());
    if (tiedPerSeed != null) {
      m.put("tiedPerSeed", tiedPerSeed);
    }
    m.put("value", value);
    Map<String, Object> d = new LinkedHashMap<>();
    detail.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> d.put(e.getKey(), stats(p.seeds(), e.getValue())));
    m.put("detail", d);
    return m;
  }

  /** How many of the point's seeds show the finding. */
  public static int reproduced(Point p, Predicate<SeedFindings> ok) {
    return (int) p.seeds().stream().filter(ok).count();
  }

  /**
   * As {@link #stats}, for a value that is undefined in some seeds (F3's ρ where the prosumer charges are
   * tied): mean and std over the seeds where it is defined (null if none is), perSeed null where it is
   * not, and seedsLeftOut, how many seeds the mean leaves out.
   */
  static Map<String, Object> definedStats(List<SeedFindings> seeds, ToDoubleFunction<SeedFindings> f) {
    double[] v = seeds.stream().mapToDouble(f).toArray();
    double[] defined = Stats.defined(v);
    Map<String, Object> m = stats(seeds, f);
    m.put("mean", Numbers.json(Stats.mean(defined)));
    m.put("std", Numbers.json(Stats.std(defined)));
    m.put("seedsLeftOut", v.length - defined.length);
    return m;
  }

  static Map<String, Object> stats(List<SeedFindings> seeds, ToDoubleFunction<SeedFindings> f) {
    double[] v = seeds.stream().mapToDouble(f).toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", Numbers.json(Stats.mean(v)));
    m.put("std", Numbers.json(Stats.std(v)));
    List<Object> per = new ArrayList<>();
    for (double x : v) {
      per.add(Numbers.json(x));
    }
    m.put("perSeed", per);
    return m;
  }
}
