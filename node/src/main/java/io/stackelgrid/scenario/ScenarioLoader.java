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
      "three-bus-daily-demand");

  /** Keys a scenario may leave out but {@code --set} may add. */
  private static final Set<String> OPTIONAL_KEYS = Set.of("grid.case", "grid.generators[].availability");

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
    List<HouseholdGroup> groups = new ArrayList<>();
    Set<String> groupNames = new HashSet<>();
    for (Keys g : hh.list("groups")) {
      String name = g.string("name");
      if (!groupNames.add(name)) {
        throw g.fail("name", "group '" + name + "' is defined twice");
      }
      String kindText = g.string("kind");
      HouseholdGroup.Kind kind = switch (kindText) {
        case "prosumer" -> HouseholdGroup.Kind.PROSUMER;
        case "consumer" -> HouseholdGroup.Kind.CONSUMER;
        default -> throw g.fail("kind", "must be prosumer or consumer, got '" + kindText + "'");
      };
      String busName = g.string("bus");
      int bus = grid.busIndex(busName);
      if (bus < 0) {
        throw g.fail("bus", "group '" + name + "' sits on bus '" + busName + "', which the grid ("
            + grid.source() + ") lacks");
      }
      long count = Math.round(g.nonNegativeLong("count") * populationScale);
      double storage = kind == HouseholdGroup.Kind.PROSUMER ? g.positive("storage-kwh") : 0.0;
      groups.add(new HouseholdGroup(name, kind, bus, busName, count, storage, g.positive("income-usd-per-year")));
    }
    String demandPer = hh.string("demand-per");
    boolean demandPerStep = switch (demandPer) {
      case "step" -> true;
      case "day" -> false;
      default -> throw hh.fail("demand-per", "must be step or day, got '" + demandPer + "'");
    };
    String mapName = hh.string("action-map");
    ActionMap actionMap = ActionMap.byKey(mapName);
    if (actionMap == null) {
      throw hh.fail("action-map", "must be feasible or clip, got '" + mapName + "'");
    }
    Households households = new Households(probability(hh, "storage-efficiency"),
        probability(hh, "max-action"), hh.nonNegative("consumer-equivalent-storage-kwh"),
        populationScale, demandPerStep, actionMap, List.copyOf(groups));

    Keys tariffKeys = root.at("tariff");
    TariffBounds tariff = new TariffBounds(range(tariffKeys, "buy-add-on-usd-per-kwh"),
        range(tariffKeys, "sell-add-on-usd-per-kwh"), range(tariffKeys, "fixed-charge-usd-per-day"),
        tariffKeys.nonNegative("revenue-requirement-usd-per-day"));

    Keys meta = root.at("scenario");
    return new Scenario(meta.string("name"), meta.string("description"), source, config, clock, grid,
        baseLoadScale, dispatch, solarNoise, householdNoise, shapes, households, tariff);
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

  private static Grid caseGrid(Keys g, double baseLoadScale) {
    Grid grid;
    try {
      grid = MatpowerCase.load(g.string("case"));
    } catch (GridDataException e) {
      throw g.fail("case", e.getMessage());
    }
    double[] loads = grid.busLoads();
    for (int n = 0; n < loads.length; n++) {
      loads[n] *= baseLoadScale;
    }
    return grid.withBusLoads(loads);
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
