package io.stackelgrid.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import io.stackelgrid.grid.DispatchSettings;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.grid.GridDataException;
import io.stackelgrid.grid.MatpowerCase;
import io.stackelgrid.household.ActionMap;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenarios: a built-in name ({@code three-bus}, ...) or a HOCON file, with {@code --set
 * key=value} overrides, validated into a {@link Scenario}. Every error names file and key.
 */
public final class ScenarioLoader {
  /** The scenarios embedded as resources under {@code scenarios/}. */
  public static final List<String> BUILT_IN = List.of("three-bus", "three-bus-as-printed", "three-bus-base-load",
      "three-bus-daily-demand", "case118-territory");

  /** Keys a scenario may leave out but {@code --set} may add. */
  private static final Set<String> OPTIONAL_KEYS = Set.of("grid.case", "grid.generators[].availability",
      "households.groups[].bus", "households.groups[].shape");

  /**
   * Every key a scenario may hold: those of the built-in scenarios (list elements: the union over
   * the elements of the same list) and the optional ones, so the check follows the shipped files.
   */
  private static final KnownKeys KNOWN = KnownKeys.of(
      BUILT_IN.stream().map(name -> parse(name).resolve().root()).toList(), OPTIONAL_KEYS);

  private ScenarioLoader() {}

  public static Scenario load(String nameOrFile) {
    return load(nameOrFile, Map.of());
  }

  /** Loads a built-in scenario or file and applies the overrides in order. */
  public static Scenario load(String nameOrFile, Map<String, String> overrides) {
    Config base = parse(nameOrFile);
    String source = BUILT_IN.contains(nameOrFile) ? "scenarios/" + nameOrFile + ".conf" : nameOrFile;
    Config merged = base;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey();
      if (!base.hasPathOrNull(key) && !OPTIONAL_KEYS.contains(key)) {
        throw new ScenarioException("--set " + key + "=" + e.getValue() + ": scenario " + source
            + " has no key '" + key + "'");
      }
      Config one = parseSet(key, e.getValue());
      merged = one.withFallback(merged);
    }
    try {
      merged = merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    } catch (ConfigException e) {
      throw new ScenarioException(source + ": " + e.getMessage(), e);
    }
    KnownKeys.Unknown unknown = KNOWN.firstUnknown(merged.root(), "", path -> false);
    if (unknown != null) {
      throw new ScenarioException(Keys.where(unknown.origin(), source) + unknown.path() + ": unknown key"
          + (unknown.nearest() == null ? "" : " (nearest valid key: " + unknown.nearest() + ")"));
    }
    Scenario scenario = read(merged, source);
    // Every documented range, also of keys this command may not read (simulate and learning.*).
    ScenarioRanges.check(merged, source);
    return scenario;
  }

  /** Parses the overrides of repeated {@code key=value} flags, keeping their order. */
  public static Map<String, String> parseOverrides(List<String> flags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException("--set " + flag + ": expected key=value");
      }
      out.put(flag.substring(0, eq).trim(), flag.substring(eq + 1).trim());
    }
    return out;
  }

  /**
   * One {@code --set key=value} as config. A value HOCON cannot read unquoted (e.g. {@code
   * gap+spread}) is taken as a string, so names need no shell-escaped quotes.
   */
  private static Config parseSet(String key, String value) {
    ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription("--set " + key + "=" + value);
    String quotedKey = quoteKey(key);
    try {
      return ConfigFactory.parseString(quotedKey + " = " + value, options);
    } catch (ConfigException ce) {
      try {
        return ConfigFactory.parseString(quotedKey + " = " + ConfigUtil.quoteString(value), options);
      } catch (ConfigException again) {
        throw new ScenarioException("--set " + key + "=" + value + ": not a valid value: " + ce.getMessage(), ce);
      }
    }
  }

  private static String quoteKey(String key) {
    if (!key.matches("[A-Za-z0-9_.-]+")) {
      throw new ScenarioException("--set " + key + ": a key is dot-separated words of letters, digits, - and _");
    }
    return key;
  }

  private static Config parse(String nameOrFile) {
    ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false);
    try {
      if (BUILT_IN.contains(nameOrFile)) {
        return ConfigFactory.parseResources(ScenarioLoader.class.getClassLoader(),
            "scenarios/" + nameOrFile + ".conf", options);
      }
      File file = new File(nameOrFile);
      if (!file.isFile()) {
        throw new ScenarioException("unknown scenario '" + nameOrFile + "': not a built-in ("
            + String.join(", ", BUILT_IN) + ") and no such file");
      }
      return ConfigFactory.parseFile(file, options);
    } catch (ConfigException e) {
      throw new ScenarioException(nameOrFile + ": cannot parse: " + e.getMessage(), e);
    }
  }

  private static Scenario read(Config config, String source) {
    Keys root = new Keys(config, "", source);
    Keys clockKeys = root.at("clock");
    Clock clock = new Clock(clockKeys.positiveInt("step-hours"), clockKeys.positiveInt("steps-per-day"),
        clockKeys.positiveInt("leader-period-days"), clockKeys.positiveInt("days"),
        clockKeys.positiveInt("seeds"));
    int perDay = clock.stepsPerDay();

    Keys shapeKeys = root.at("shapes");
    Shapes shapes = new Shapes(nonNegativeShape(shapeKeys, "consumer-demand", perDay),
        nonNegativeShape(shapeKeys, "prosumer-net-demand", perDay),
        nonNegativeShape(shapeKeys, "grid-solar", perDay));

    Keys noise = root.at("noise");
    Triangular solarNoise = triangular(noise, "solar");
    Triangular householdNoise = triangular(noise, "household");

    Keys dispatchKeys = root.at("dispatch");
    String solverKey = dispatchKeys.string("solver");
    DispatchSettings.Solver solver = DispatchSettings.Solver.byKey(solverKey);
    if (solver == null) {
      throw dispatchKeys.fail("solver", "must be dual-active-set or ojalgo, got '" + solverKey + "'");
    }
    DispatchSettings dispatch = new DispatchSettings(dispatchKeys.nonNegative("voll-usd-per-mwh"),
        dispatchKeys.nonNegative("spill-cost-usd-per-mwh"), dispatchKeys.bool("strict"),
        dispatchKeys.positive("regularisation"), dispatchKeys.positive("tolerance"), solver);

    Keys gridKeys = root.at("grid");
    double baseLoadScale = gridKeys.nonNegative("base-load-scale");
    Grid grid = gridKeys.has("case")
        ? caseGrid(gridKeys, baseLoadScale)
        : scenarioGrid(gridKeys, source, shapes, clock, baseLoadScale);

    Keys hh = root.at("households");
    double populationScale = hh.positive("population-scale");
    String demandPer = hh.string("demand-per");
    boolean demandPerStep = switch (demandPer) {
      case "step" -> true;
      case "day" -> false;
      default -> throw hh.fail("demand-per", "must be step or day, got '" + demandPer + "'");
    };
    double consumerKwh = hh.nonNegative("consumer-equivalent-storage-kwh");
    List<Aggregator> aggregators;
    List<HouseholdGroup> groups;
    // A territory's revenue requirement is per household as the paper's (R x H / the paper's count).
    double requirementScale = 1;
    if (root.has("territory")) {
      if (!gridKeys.has("case")) {
        throw root.fail("territory", "a territory is laid on a case: set grid.case (e.g. \"case118_ieee\")");
      }
      for (String table : List.of("aggregators", "groups")) {
        if (!hh.list(table).isEmpty()) {
          throw hh.fail(table, "must be empty with a territory, which generates the households' tables");
        }
      }
      Territory.Settings settings = territorySettings(root.at("territory"), consumerKwh,
          demandPerStep ? 1.0 : 1.0 / perDay, populationScale);
      Territory.Result t;
      try {
        t = Territory.generate(caseFile(gridKeys), gridKeys.positive("capacity-hours-per-step"), baseLoadScale,
            settings, shapes);
      } catch (ScenarioException | GridDataException e) {
        throw gridKeys.fail("case", e.getMessage());
      }
      grid = t.grid();
      aggregators = t.aggregators();
      groups = t.groups();
      requirementScale = (double) Households.count(groups) / Paper.scenario().households().totalCount();
    } else {
      aggregators = HouseholdTables.aggregators(hh, grid);
      groups = HouseholdTables.groups(hh, grid, aggregators, shapes, populationScale);
    }
    String mapName = hh.string("action-map");
    ActionMap actionMap = ActionMap.byKey(mapName);
    if (actionMap == null) {
      throw hh.fail("action-map", "must be feasible or clip, got '" + mapName + "'");
    }
    Households households = new Households(probability(hh, "storage-efficiency"),
        probability(hh, "max-action"), consumerKwh, populationScale, demandPerStep, actionMap, aggregators,
        groups);

    Keys tariffKeys = root.at("tariff");
    TariffBounds tariff = new TariffBounds(range(tariffKeys, "buy-add-on-usd-per-kwh"),
        range(tariffKeys, "sell-add-on-usd-per-kwh"), range(tariffKeys, "fixed-charge-usd-per-day"),
        tariffKeys.nonNegative("revenue-requirement-usd-per-day") * requirementScale);
    String ruleKey = tariffKeys.string("groups");
    TariffGroups.Rule rule = TariffGroups.Rule.byKey(ruleKey);
    if (rule == null) {
      throw tariffKeys.fail("groups", "must be by-bus-and-kind or by-income-and-kind, got '" + ruleKey + "'");
    }

    Keys meta = root.at("scenario");
    return new Scenario(meta.string("name"), meta.string("description"), source, config, clock, grid,
        baseLoadScale, dispatch, solarNoise, householdNoise, shapes, households, tariff,
        TariffGroups.of(rule, groups));
  }

  private static Grid scenarioGrid(Keys g, String source, Shapes shapes, Clock clock, double baseLoadScale) {
    String unitText = g.string("unit");
    Grid.Unit unit = switch (unitText) {
      case "MWh/step" -> Grid.Unit.MWH_PER_STEP;
      case "MW" -> Grid.Unit.MW;
      default -> throw g.fail("unit", "must be \"MWh/step\" or \"MW\", got '" + unitText + "'");
    };
    double hoursPerUnit = unit == Grid.Unit.MWH_PER_STEP ? clock.stepHours() : 1.0;
    // Line limits and unit capacities are MW figures; in MWh/step a step carries this many hours of them.
    double capacityHours = unit == Grid.Unit.MWH_PER_STEP ? g.positive("capacity-hours-per-step") : 1.0;
    Grid.Builder b = Grid.builder(source, unit, g.positive("base-mva"));
    Set<String> busNames = new HashSet<>();
    for (Keys bus : g.list("buses")) {
      String name = bus.string("name");
      if (!busNames.add(name)) {
        throw bus.fail("name", "bus '" + name + "' is defined twice");
      }
      b.bus(name, baseLoadScale * hoursPerUnit * bus.number("base-load-mw"));
    }
    String ref = g.string("reference-bus");
    if (!busNames.contains(ref)) {
      throw g.fail("reference-bus", "'" + ref + "' is not a bus of the grid");
    }
    b.referenceBus(ref);
    for (Keys line : g.list("lines")) {
      String name = line.string("name");
      String from = line.string("from");
      String to = line.string("to");
      if (!busNames.contains(from)) {
        throw line.fail("from", "line '" + name + "' starts at unknown bus '" + from + "'");
      }
      if (!busNames.contains(to)) {
        throw line.fail("to", "line '" + name + "' ends at unknown bus '" + to + "'");
      }
      if (from.equals(to)) {
        throw line.fail("to", "line '" + name + "' connects bus '" + from + "' to itself");
      }
      line.number("r-pu");
      double x = line.number("x-pu");
      if (!(x > 0)) {
        throw line.fail("x-pu", "line '" + name + "' has " + (x == 0 ? "zero" : "negative") + " reactance " + x + " p.u.");
      }
      try {
        b.line(name, from, to, x, 1.0, 0.0, capacityHours * line.nonNegative("limit"), -360, 360);
      } catch (GridDataException e) {
        throw line.fail("name", e.getMessage().replace(source + ": ", ""));
      }
    }
    List<Keys> generators = g.list("generators");
    if (generators.isEmpty()) {
      throw g.fail("generators", "is empty: the grid needs at least one generator (it would shed every load)");
    }
    for (Keys gen : generators) {
      double[] availability = null;
      if (gen.has("availability")) {
        String shape = gen.string("availability");
        availability = shapes.byKey(shape);
        if (availability == null) {
          throw gen.fail("availability", "no shape '" + shape + "' in section shapes");
        }
      }
      double pMax = gen.nonNegative("p-max");
      String genName = gen.string("name");
      String genBus = gen.string("bus");
      if (!busNames.contains(genBus)) {
        throw gen.fail("bus", "generator '" + genName + "' sits on unknown bus '" + genBus + "'");
      }
      double pMin = gen.number("p-min");
      if (pMin > pMax) {
        throw gen.fail("p-min", "generator '" + genName + "' has p-min " + pMin + " above p-max " + pMax);
      }
      try {
        b.generator(genName, genBus, gen.nonNegative("c2"), gen.number("c1"), gen.number("c0"),
            capacityHours * pMin, capacityHours * pMax, availability);
      } catch (GridDataException e) {
        throw gen.fail("name", e.getMessage().replace(source + ": ", ""));
      }
    }
    try {
      return b.build();
    } catch (GridDataException e) {
      throw g.fail("buses", e.getMessage());
    }
  }

  /** The case file of {@code grid.case}, in MW as read; errors name the key. */
  private static Grid caseFile(Keys g) {
    try {
      return MatpowerCase.load(g.string("case"));
    } catch (GridDataException e) {
      throw g.fail("case", e.getMessage());
    }
  }

  private static Grid caseGrid(Keys g, double baseLoadScale) {
    Grid grid = caseFile(g);
    double[] loads = grid.busLoads();
    for (int n = 0; n < loads.length; n++) {
      loads[n] *= baseLoadScale;
    }
    return grid.withBusLoads(loads);
  }

  /** The paper's own scenario, which a territory takes its ratios from (read once). */
  private static final class Paper {
    private static final Scenario SCENARIO = load("three-bus");

    static Scenario scenario() {
      return SCENARIO;
    }
  }

  /** The {@code territory} block's settings; bands and counts named as the file writes them. */
  private static Territory.Settings territorySettings(Keys t, double consumerKwh, double perStepFactor,
      double populationScale) {
    String counts = t.string("households");
    Territory.Counts c = switch (counts) {
      case "load" -> Territory.Counts.LOAD;
      case "paper" -> Territory.Counts.PAPER;
      default -> throw t.fail("households", "must be load or paper, got '" + counts + "'");
    };
    String rule = t.string("band-rule");
    boolean random = switch (rule) {
      case "cycle" -> false;
      case "random" -> true;
      default -> throw t.fail("band-rule", "must be cycle or random, got '" + rule + "'");
    };
    double share = t.number("load-share");
    if (!(share > 0 && share <= 1)) {
      throw t.fail("load-share", "must be in (0, 1], got " + share);
    }
    double ratio;
    if (t.isString("solar-ratio")) {
      String r = t.string("solar-ratio");
      if (!r.equals("paper")) {
        throw t.fail("solar-ratio", "must be paper or a number >= 0, got '" + r + "'");
      }
      ratio = Territory.paperSolarRatio(Paper.scenario());
    } else {
      ratio = t.nonNegative("solar-ratio");
    }
    List<Territory.Band> bands = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Keys b : t.list("bands")) {
      String name = b.string("name");
      if (!names.add(name)) {
        throw b.fail("name", "band '" + name + "' is defined twice");
      }
      long prosumers = b.nonNegativeLong("prosumers");
      long households = b.nonNegativeLong("households");
      if (households == 0) {
        throw b.fail("households", "band '" + name + "' needs households > 0");
      }
      if (prosumers > households) {
        throw b.fail("prosumers", "band '" + name + "' has " + prosumers + " prosumers of " + households
            + " households");
      }
      bands.add(new Territory.Band(name, b.positive("prosumer-income-usd-per-year"), b.positive("storage-kwh"),
          prosumers, households));
    }
    if (bands.isEmpty()) {
      throw t.fail("bands", "is empty: a territory needs at least one income band");
    }
    return new Territory.Settings(c, random, t.nonNegativeLong("seed"), share, ratio,
        t.positive("consumer-income-usd-per-year"), bands, consumerKwh, perStepFactor, populationScale);
  }

  private static double[] nonNegativeShape(Keys k, String key, int length) {
    double[] v = k.numbers(key, length);
    for (double x : v) {
      if (x < 0) {
        throw k.fail(key, "values must be >= 0, got " + x);
      }
    }
    return v;
  }

  private static Triangular triangular(Keys k, String key) {
    Keys t = k.at(key);
    double min = t.nonNegative("min");
    double max = t.number("max");
    double mode = t.number("mode");
    if (!(min <= mode && mode <= max)) {
      // Named by the key that breaks the order (the section's own origin may be a merge of several).
      String culprit = min > mode ? "min" : "max";
      throw t.fail(culprit, "needs min <= mode <= max, got min " + min + ", mode " + mode + ", max " + max);
    }
    return new Triangular(min, max, mode);
  }

  private static double probability(Keys k, String key) {
    double v = k.number(key);
    if (!(v > 0 && v <= 1)) {
      throw k.fail(key, "must be in (0, 1], got " + v);
    }
    return v;
  }

  private static TariffBounds.Range range(Keys k, String key) {
    Keys r = k.at(key);
    double min = r.number("min");
    double max = r.number("max");
    double initial = r.number("initial");
    if (min > max) {
      throw k.fail(key, "min " + min + " is above max " + max);
    }
    if (initial < min || initial > max) {
      throw r.fail("initial", initial + " is outside [" + min + ", " + max + "]");
    }
    return new TariffBounds.Range(min, max, initial);
  }
}
