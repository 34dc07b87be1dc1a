package io.stackelgrid.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.stackelgrid.scenario.ScenarioLoader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The "options" row of a report: the keys whose values differ from the named built-in scenario's
 * (the --set overrides, or a scenario file's changes), so a reader sees what was changed, not every key.
 */
final class ScenarioOptions {
  private ScenarioOptions() {}

  /** @param recorded whether the folder records its effective configuration (else the options are unknown) */
  static String describe(JsonNode summary, Config config, boolean recorded) {
    if (config == null || summary == null || !recorded) {
      return "not recorded (no scenario.json)";
    }
    String name = summary.path("scenario").asText("");
    // A scenario that is not built in (a file) is compared with three-bus.
    String base = ScenarioLoader.BUILT_IN.contains(name) ? name : "three-bus";
    Config defaults = ScenarioLoader.load(base).config();
    TreeSet<String> paths = new TreeSet<>();
    config.entrySet().forEach(e -> paths.add(e.getKey()));
    defaults.entrySet().forEach(e -> paths.add(e.getKey()));
    List<String> diffs = paths.stream()
        .filter(p -> !equalValues(unwrapped(config, p), unwrapped(defaults, p)))
        .map(p -> p + " = " + Objects.requireNonNullElse(unwrapped(config, p), "(absent)"))
        .toList();
    return diffs.isEmpty() ? "none: the defaults of " + base
        : String.join("; ", diffs) + " (differences from the defaults of " + base + ")";
  }

  private static Object unwrapped(Config config, String path) {
    ConfigValue v = config.hasPath(path) ? config.getValue(path) : null;
    return v == null ? null : v.unwrapped();
  }

  /** Equal as configuration values: 3 and 3.0 are the same number, in lists and objects too. */
  private static boolean equalValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return x.size() == y.size() && IntStream.range(0, x.size()).allMatch(i -> equalValues(x.get(i), y.get(i)));
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> equalValues(x.get(k), y.get(k)));
    }
    return a == null ? b == null : a.equals(b);
  }
}
