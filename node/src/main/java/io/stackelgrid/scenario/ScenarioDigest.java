package io.stackelgrid.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.stackelgrid.grid.MatpowerCase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a loaded scenario is, comparable across members: its resolved config (overrides applied)
 * flattened to one canonical value per key, plus the SHA-256 of the grid case file it reads, and a
 * SHA-256 over all of that. Equal scenarios give equal digests whatever the order of their
 * overrides or the spelling of a number ({@code 1e6}, {@code 1000000}); another value or case file
 * gives another digest, and {@link #firstDifference} names the first key that differs.
 *
 * @param name the scenario's name, for messages
 * @param sha256 hex SHA-256 of the lines {@code key=value\n} in key order
 * @param values the flattened keys and their canonical values, in key order: lists by element
 *     ({@code households.groups[0].count}), strings quoted, numbers as integers when whole
 */
public record ScenarioDigest(String name, String sha256, SortedMap<String, String> values) {
  /** The pseudo-key under which the grid case file's bytes (their SHA-256) enter the digest. */
  public static final String CASE_BYTES_KEY = "grid.case (sha256 of its file)";
  /** Whole numbers up to this size are written as integers, so 1e6 and 1000000 are one value. */
  private static final double WHOLE_LIMIT = 1e15;

  /** Two values of one key: this member's and another's (either "absent" when it has no such key). */
  public record Difference(String key, String here, String there) {}

  public ScenarioDigest {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** The digest of {@code scenario} as loaded (its config and, if it names one, its grid case file). */
  public static ScenarioDigest of(Scenario scenario) {
    return of(scenario.name(), scenario.config());
  }

  /** The digest of a resolved scenario config; {@code grid.case}, if set, is read as the loader reads it. */
  public static ScenarioDigest of(String name, Config resolved) {
    SortedMap<String, String> values = flatten(resolved);
    if (resolved.hasPath("grid.case")) {
      values.put(CASE_BYTES_KEY, sha256(MatpowerCase.bytes(resolved.getString("grid.case"))));
    }
    StringBuilder lines = new StringBuilder();
    values.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    return new ScenarioDigest(name, sha256(lines.toString().getBytes(StandardCharsets.UTF_8)), values);
  }

  /** Every leaf of {@code config} (empty lists and objects included) by its path, with its canonical value. */
  public static SortedMap<String, String> flatten(Config config) {
    SortedMap<String, String> out = new TreeMap<>();
    flatten("", config.root(), out);
    return out;
  }

  /** The first key, in key order, whose values differ between the two flattened scenarios; empty if none. */
  public static Optional<Difference> firstDifference(Map<String, String> here, Map<String, String> there) {
    TreeSet<String> keys = new TreeSet<>(here.keySet());
    keys.addAll(there.keySet());
    for (String key : keys) {
      String a = here.get(key);
      String b = there.get(key);
      if (a == null || !a.equals(b)) {
        return Optional.of(new Difference(key, a == null ? "absent" : a, b == null ? "absent" : b));
      }
    }
    return Optional.empty();
  }

  private static void flatten(String path, ConfigValue value, SortedMap<String, String> out) {
    switch (value.valueType()) {
      case OBJECT -> {
        ConfigObject object = (ConfigObject) value;
        if (object.isEmpty()) {
          out.put(path, "{}");
        }
        object.forEach((key, child) -> flatten(path.isEmpty() ? ConfigUtil.joinPath(key)
            : path + "." + ConfigUtil.joinPath(key), child, out));
      }
      case LIST -> {
        ConfigList list = (ConfigList) value;
        if (list.isEmpty()) {
          out.put(path, "[]");
        }
        for (int i = 0; i < list.size(); i++) {
          flatten(path + "[" + i + "]", list.get(i), out);
        }
      }
      case NUMBER -> out.put(path, number((Number) value.unwrapped()));
      case STRING -> out.put(path, ConfigUtil.quoteString((String) value.unwrapped()));
      case BOOLEAN -> out.put(path, value.unwrapped().toString());
      case NULL -> out.put(path, "null");
      default -> throw new IllegalStateException("config value of type " + value.valueType() + " at " + path);
    }
  }

  /** One spelling per number: whole values as integers, others as Java writes the double. */
  private static String number(Number n) {
    if (n instanceof Integer || n instanceof Long) {
      return Long.toString(n.longValue());
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < WHOLE_LIMIT ? Long.toString((long) d) : Double.toString(d);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
