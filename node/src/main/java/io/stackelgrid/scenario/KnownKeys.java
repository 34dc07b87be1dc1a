package io.stackelgrid.scenario;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The key paths a HOCON file may hold, taken from a reference file rather than written out by hand,
 * and the check of a user's file against them. Elements of a list of objects share one path with
 * {@code []} for the index (e.g. {@code grid.generators[].p-max}); a list of plain values is one
 * key. An unknown key is an error naming file, line and the nearest known key.
 */
public final class KnownKeys {
  private final Set<String> paths;

  private KnownKeys(Set<String> paths) {
    this.paths = paths;
  }

  /** The paths of {@code references} (their union) plus {@code optional} ones. */
  public static KnownKeys of(Collection<ConfigObject> references, Collection<String> optional) {
    Set<String> paths = new LinkedHashSet<>();
    for (ConfigObject r : references) {
      collect(r, "", paths);
    }
    paths.addAll(optional);
    return new KnownKeys(paths);
  }

  /** Every known path (list elements as {@code []}). */
  public Set<String> paths() {
    return paths;
  }

  /** An unknown key of a checked file: where it is, its path, and the nearest known path. */
  public record Unknown(ConfigOrigin origin, String path, String nearest) {}

  /**
   * The first unknown key of {@code user} under {@code root} (a prefix such as {@code ""} or
   * {@code "stackelgrid"}), or null. Subtrees for which {@code freeForm} is true are not checked.
   */
  public Unknown firstUnknown(ConfigObject user, String root, Function<String, Boolean> freeForm) {
    List<Unknown> out = new ArrayList<>();
    walk(user, root, root, freeForm, out);
    // The first in the file (objects do not keep their keys' order).
    return out.stream().min(java.util.Comparator.comparing((Unknown u) -> originName(u.origin()))
        .thenComparingInt(u -> u.origin() == null ? 0 : u.origin().lineNumber())
        .thenComparing(Unknown::path)).orElse(null);
  }

  private static String originName(ConfigOrigin o) {
    return o == null ? "" : o.description();
  }

  private void walk(ConfigObject object, String generic, String concrete, Function<String, Boolean> freeForm,
      List<Unknown> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String g = join(generic, quoteIfNeeded(e.getKey()));
      String c = join(concrete, quoteIfNeeded(e.getKey()));
      if (freeForm.apply(g)) {
        continue;
      }
      if (!paths.contains(g) && paths.stream().noneMatch(p -> p.startsWith(g + ".") || p.startsWith(g + "[]"))) {
        out.add(new Unknown(e.getValue().origin(), c, concreteNearest(nearest(g), c)));
        continue;
      }
      ConfigValue v = e.getValue();
      ConfigValueType type = typeOf(v);
      if (type == ConfigValueType.OBJECT && !paths.contains(g)) {
        walk((ConfigObject) v, g, c, freeForm, out);
      } else if (type == ConfigValueType.LIST && paths.stream().anyMatch(p -> p.startsWith(g + "[]."))) {
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
          if (typeOf(list.get(i)) == ConfigValueType.OBJECT) {
            walk((ConfigObject) list.get(i), g + "[]", c + "[" + i + "]", freeForm, out);
          }
        }
      }
    }
  }

  /**
   * The known key nearest to {@code path} by edit distance among the known keys and sections of the
   * same depth (so an unknown section gets a section), ties to the first found.
   */
  String nearest(String path) {
    int depth = path.split("\\.").length;
    Set<String> candidates = new LinkedHashSet<>();
    for (String p : paths) {
      String[] parts = p.split("\\.");
      if (parts.length >= depth) {
        candidates.add(String.join(".", java.util.Arrays.copyOf(parts, depth)));
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String p : candidates) {
      int d = editDistance(path, p);
      if (d < bestDistance) {
        bestDistance = d;
        best = p;
      }
    }
    return best;
  }

  /** The nearest generic path with the indices of the concrete one put back in. */
  private static String concreteNearest(String nearest, String concrete) {
    if (nearest == null) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(concrete);
    StringBuilder out = new StringBuilder(nearest);
    int from = 0;
    while (m.find()) {
      int at = out.indexOf("[]", from);
      if (at < 0) {
        break;
      }
      out.replace(at, at + 2, "[" + m.group(1) + "]");
      from = at + m.group(0).length();
    }
    return out.toString();
  }

  /** A value's type, or null for one that is not resolved yet (a substitution: a leaf here). */
  private static ConfigValueType typeOf(ConfigValue v) {
    try {
      return v.valueType();
    } catch (com.typesafe.config.ConfigException.NotResolved e) {
      return null;
    }
  }

  private static void collect(ConfigObject object, String prefix, Set<String> paths) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String path = join(prefix, quoteIfNeeded(e.getKey()));
      ConfigValue v = e.getValue();
      if (typeOf(v) == ConfigValueType.OBJECT && !((ConfigObject) v).isEmpty()) {
        collect((ConfigObject) v, path, paths);
      } else if (typeOf(v) == ConfigValueType.LIST && !((ConfigList) v).isEmpty()
          && typeOf(((ConfigList) v).get(0)) == ConfigValueType.OBJECT) {
        for (ConfigValue item : (ConfigList) v) {
          if (typeOf(item) == ConfigValueType.OBJECT) {
            collect((ConfigObject) item, path + "[]", paths);
          }
        }
      } else {
        paths.add(path);
      }
    }
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  private static String quoteIfNeeded(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }

  /** Levenshtein distance. */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
