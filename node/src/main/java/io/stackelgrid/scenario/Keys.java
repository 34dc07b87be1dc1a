package io.stackelgrid.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one section of a scenario, with errors that name the file (origin), line and full
 * key, e.g. {@code three-bus.conf:41: grid.generators[1].p-max: must be >= 0, got -5}.
 */
final class Keys {
  private final Config config;
  private final String prefix;
  private final String source;

  Keys(Config config, String prefix, String source) {
    this.config = config;
    this.prefix = prefix;
    this.source = source;
  }

  /** The section at {@code path}. */
  Keys at(String path) {
    try {
      return new Keys(config.getConfig(path), key(path), source);
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  /** The list of sections at {@code path}, each with its index in the key. */
  List<Keys> list(String path) {
    try {
      List<? extends Config> items = config.getConfigList(path);
      List<Keys> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(new Keys(items.get(i), key(path) + "[" + i + "]", source));
      }
      return out;
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  /** The raw value at {@code path} (for the range checks of {@link ScenarioRanges}). */
  com.typesafe.config.ConfigValue value(String path) {
    try {
      return config.getValue(path);
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  boolean has(String path) {
    return config.hasPath(path);
  }

  /** Whether the value at {@code path} is a string (not a number, list or section). */
  boolean isString(String path) {
    return config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.STRING;
  }

  String string(String path) {
    try {
      return config.getString(path);
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  double number(String path) {
    try {
      double v = config.getDouble(path);
      if (!Double.isFinite(v)) {
        throw fail(path, "must be a finite number, got " + v);
      }
      return v;
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  double nonNegative(String path) {
    double v = number(path);
    if (v < 0) {
      throw fail(path, "must be >= 0, got " + v);
    }
    return v;
  }

  double positive(String path) {
    double v = number(path);
    if (!(v > 0)) {
      throw fail(path, "must be > 0, got " + v);
    }
    return v;
  }

  int positiveInt(String path) {
    requireWhole(path);
    try {
      int v = config.getInt(path);
      if (v <= 0) {
        throw fail(path, "must be a positive integer, got " + v);
      }
      return v;
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  long nonNegativeLong(String path) {
    requireWhole(path);
    try {
      long v = config.getLong(path);
      if (v < 0) {
        throw fail(path, "must be >= 0, got " + v);
      }
      return v;
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  /** Typesafe Config reads 1.5 as the integer 1: a count given with a fraction is an error instead. */
  private void requireWhole(String path) {
    if (config.hasPath(path) && config.getValue(path).unwrapped() instanceof Double d && d != Math.rint(d)) {
      throw fail(path, "must be a whole number, got " + d);
    }
  }

  /** A list of exactly {@code length} finite numbers (or any length when length < 0). */
  double[] numbers(String path, int length) {
    try {
      List<Double> list = config.getDoubleList(path);
      if (length >= 0 && list.size() != length) {
        throw fail(path, "must hold " + length + " values, got " + list.size());
      }
      double[] out = new double[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
        if (!Double.isFinite(out[i])) {
          throw fail(path, "value " + (i + 1) + " is " + out[i]);
        }
      }
      return out;
    } catch (ConfigException e) {
      throw wrap(path, e);
    }
  }

  /** An error about {@code path} in this section, naming file, line and full key. */
  ScenarioException fail(String path, String problem) {
    ConfigOrigin origin = config.hasPathOrNull(path) ? config.getValue(path).origin() : config.origin();
    return new ScenarioException(where(origin) + key(path) + ": " + problem);
  }

  private ScenarioException wrap(String path, ConfigException e) {
    String what = e instanceof ConfigException.Missing ? "is missing" : describe(e);
    ConfigOrigin origin = e.origin() != null ? e.origin() : config.origin();
    return new ScenarioException(where(origin) + key(path) + ": " + what, e);
  }

  private static String describe(ConfigException e) {
    String m = e.getMessage();
    int colon = m.lastIndexOf(": ");
    // Typesafe puts "origin: path has type X rather than Y" - keep the part after the key.
    int has = m.indexOf(" has type ");
    if (has >= 0) {
      return m.substring(has + 1);
    }
    return colon >= 0 ? m.substring(colon + 2) : m;
  }

  private String where(ConfigOrigin origin) {
    return where(origin, source);
  }

  /** "file:line: " of a value, or "source: " when it has no origin. */
  static String where(ConfigOrigin origin, String source) {
    String file = origin == null ? source : originName(origin);
    // A --set value is one line of its own: its line number says nothing.
    int line = origin == null || file.startsWith("--set ") ? -1 : origin.lineNumber();
    return file + (line > 0 ? ":" + line : "") + ": ";
  }

  private static String originName(ConfigOrigin origin) {
    if (origin.filename() != null) {
      return origin.filename();
    }
    if (origin.resource() != null) {
      return origin.resource();
    }
    String d = origin.description();
    if (d.startsWith("merge of ")) {
      // A section merged from several places (e.g. a --set over the file): its first part.
      d = d.substring("merge of ".length()).split(",", 2)[0];
    }
    return d.replaceFirst(":\\s*\\d+$", "");
  }

  private String key(String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }
}
