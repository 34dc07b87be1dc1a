package io.stackelgrid.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ranges docs/CONFIG.md shows ({@link ScenarioSchema}), applied to every scenario as it is
 * loaded, so every command that loads one refuses a value out of range, also for keys it does not
 * use itself (simulate and learning.*). Each range text is read into a rule; the ranges that relate
 * keys to each other or name things (bus names, min ≤ mode ≤ max) are checked where the loader reads
 * them ({@link #CHECKED_WHERE_READ}). Errors name the file or --set, line and key as written.
 */
final class ScenarioRanges {
  /** Range texts that are no rule here: names and relations between keys, checked where read. */
  static final Set<String> CHECKED_WHERE_READ = Set.of("text", "unique text", "a bus name", "a bus name, not `from`",
      "a bus name (a number on case grids)", "a shipped case name or a file path", "a key of `shapes`", "≤ p-max",
      "≥ mode", "min … max", "≤ max", "≥ min", "an id of `households.aggregators`", "`paper` or a number ≥ 0",
      "integer, 0 … households", "integer ≥ 1 dividing `learning.ppo.n-steps`");

  private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
  private static final Pattern INTERVAL = Pattern.compile("([\\[(])" + NUMBER + ", " + NUMBER + "([\\])])");
  private static final Pattern BOUND = Pattern.compile("(>|≥) " + NUMBER);
  private static final Pattern SPAN = Pattern.compile(NUMBER + " … " + NUMBER);
  private static final Pattern CHOICES = Pattern.compile("`[^`]+`((?: \\| | or )`[^`]+`)*");

  private ScenarioRanges() {}

  /** What a range text allows; {@link #problem} says why a value is not allowed, or null. */
  record Rule(String text, String phrase, boolean list, boolean integer, double low, boolean lowOpen, double high,
      boolean highOpen, List<String> choices, boolean bool) {
    String problem(ConfigValue v) {
      if (list) {
        if (v.valueType() != ConfigValueType.LIST || ((ConfigList) v).isEmpty()) {
          return "must be a list of " + (integer ? "integers" : "numbers") + " (" + text + "), got " + render(v);
        }
        for (ConfigValue item : (ConfigList) v) {
          String p = scalar(item);
          if (p != null) {
            return "value " + render(item) + " " + p.replaceFirst("^must be", "is not") + " (" + text + ")";
          }
        }
        return null;
      }
      return scalar(v);
    }

    private String scalar(ConfigValue v) {
      if (bool) {
        Object u = v.unwrapped();
        boolean ok = u instanceof Boolean || u instanceof String s
            && Set.of("true", "false", "yes", "no", "on", "off").contains(s.toLowerCase(Locale.ROOT));
        return ok ? null : "must be true or false, got " + render(v);
      }
      if (choices != null) {
        return choices.contains(String.valueOf(v.unwrapped())) ? null
            : "must be " + String.join(" or ", choices) + ", got '" + v.unwrapped() + "'";
      }
      double x;
      if (v.unwrapped() instanceof Number n) {
        x = n.doubleValue();
      } else {
        try {
          x = Double.parseDouble(String.valueOf(v.unwrapped()).strip());
        } catch (NumberFormatException e) {
          return "must be a number (" + text + "), got " + render(v);
        }
      }
      boolean inside = Double.isFinite(x) && (lowOpen ? x > low : x >= low) && (highOpen ? x < high : x <= high);
      if (!inside || integer && x != Math.rint(x)) {
        return "must be " + (integer ? "an integer " : "") + phrase + ", got " + render(v);
      }
      return null;
    }

    private static String render(ConfigValue v) {
      Object u = v.unwrapped();
      return u instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
          : String.valueOf(u);
    }
  }

  /** The rule of a range text, or null when it is checked where the key is read. */
  static Rule parse(String range) {
    String text = range.replaceFirst(" \\(.*\\)$", "").replaceFirst(", with .*$", "");
    boolean list = false;
    boolean integer = false;
    if (text.startsWith("list of integers ")) {
      list = true;
      integer = true;
      text = text.substring("list of integers ".length());
    } else if (text.startsWith("`steps-per-day` values ")) {
      list = true;
      text = text.substring("`steps-per-day` values ".length());
    }
    if (text.startsWith("integer ")) {
      integer = true;
    }
    String numeric = text.replaceFirst("^integer ", "").replaceFirst(", ≤ \\w+$", "");
    Matcher m;
    if ((m = INTERVAL.matcher(numeric)).matches()) {
      return new Rule(text, "in " + numeric, list, integer, Double.parseDouble(m.group(2)), m.group(1).equals("("),
          Double.parseDouble(m.group(3)), m.group(4).equals(")"), null, false);
    }
    if ((m = BOUND.matcher(numeric)).matches()) {
      return new Rule(text, numeric, list, integer, Double.parseDouble(m.group(2)), m.group(1).equals(">"),
          Double.POSITIVE_INFINITY, true, null, false);
    }
    if ((m = SPAN.matcher(numeric)).matches()) {
      return new Rule(text, "in " + numeric, list, true, Double.parseDouble(m.group(1)), false,
          Double.parseDouble(m.group(2)), false, null, false);
    }
    if (numeric.equals("any number")) {
      return new Rule(text, "a finite number", list, false, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY,
          true, null, false);
    }
    if (numeric.equals("true | false")) {
      return new Rule(text, "true or false", false, false, 0, false, 0, false, null, true);
    }
    if (CHOICES.matcher(numeric).matches()) {
      List<String> choices = new ArrayList<>();
      Matcher c = Pattern.compile("`([^`]+)`").matcher(numeric);
      while (c.find()) {
        choices.add(c.group(1));
      }
      return new Rule(text, String.join(" or ", choices), false, false, 0, false, 0, false, List.copyOf(choices),
          false);
    }
    return null;
  }

  /** Refuses the first value of {@code config} outside its documented range, naming file, line and key. */
  static void check(Config config, String source) {
    for (ScenarioSchema.Entry e : ScenarioSchema.entries()) {
      Rule rule = parse(e.range());
      if (rule == null) {
        continue;
      }
      int list = e.path().indexOf("[].");
      if (list < 0) {
        if (config.hasPath(e.path())) {
          check(new Keys(config, "", source), e.path(), rule);
        }
        continue;
      }
      String listPath = e.path().substring(0, list);
      String inner = e.path().substring(list + 3);
      if (!config.hasPath(listPath) || config.getValue(listPath).valueType() != ConfigValueType.LIST) {
        continue;
      }
      ConfigList items = config.getList(listPath);
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof ConfigObject item && item.toConfig().hasPath(inner)) {
          check(new Keys(item.toConfig(), listPath + "[" + i + "]", source), inner, rule);
        }
      }
    }
  }

  private static void check(Keys keys, String path, Rule rule) {
    String problem = rule.problem(keys.value(path));
    if (problem != null) {
      throw keys.fail(path, problem);
    }
  }
}
