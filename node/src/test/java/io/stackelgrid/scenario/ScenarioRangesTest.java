package io.stackelgrid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.game.GameSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every range docs/CONFIG.md shows is enforced when a scenario loads, naming the key as the user
 * wrote it (issue 21: learning.ppo.gamma = 1 passed though the range is [0, 1), 1.5 was refused naming
 * the internal field gamma, and simulate took 1.5): for each key, values just outside its range are
 * refused and, where the range has a closed end, the end itself is taken by the loader and by the
 * settings that read the key. The values are worked out from the range text by hand rules below, not
 * by the checker.
 */
class ScenarioRangesTest {
  /** Closed ends that another key's default rules out (so the end alone cannot load), and why. */
  private static final Map<String, String> END_CONFLICTS = Map.of(
      "clock.steps-per-day", "the shapes hold 8 values, one per step of an 8-step day",
      "policies.rule.cheap-quantile", "cheap + dear quantiles must be at most 1, and dear is 0.25",
      "policies.rule.dear-quantile", "cheap + dear quantiles must be at most 1, and cheap is 0.25");

  @Test
  void everyRangeIsARuleOrARelationCheckedWhereTheKeyIsRead() {
    Set<String> used = new java.util.HashSet<>();
    for (ScenarioSchema.Entry e : ScenarioSchema.entries()) {
      if (ScenarioRanges.parse(e.range()) == null) {
        assertTrue(ScenarioRanges.CHECKED_WHERE_READ.contains(e.range()), e.path() + ": range '" + e.range()
            + "' is neither a rule nor listed as checked where read");
        used.add(e.range());
      }
    }
    assertEquals(ScenarioRanges.CHECKED_WHERE_READ, used, "listed ranges no key has");
  }

  @Test
  void valuesJustOutsideEachRangeAreRefusedNamingTheKey(@TempDir Path tmp) throws Exception {
    int refused = 0;
    for (ScenarioSchema.Entry e : ScenarioSchema.entries()) {
      for (String bad : outside(e.range())) {
        String m = assertThrows(StackelgridException.class, () -> load(e.path(), bad, tmp),
            e.path() + " = " + bad + " was taken (range " + e.range() + ")").getMessage();
        String named = e.path().replace("[]", "[0]");
        assertTrue(m.contains(named + ": "), e.path() + " = " + bad + ": '" + m + "' does not name " + named);
        assertFalse(m.contains("@ jar:") || m.contains("merge of"), m);
        refused++;
      }
    }
    assertTrue(refused > 100, "only " + refused + " values tried");
  }

  @Test
  void theClosedEndsOfEachRangeAreTaken(@TempDir Path tmp) throws Exception {
    int taken = 0;
    for (ScenarioSchema.Entry e : ScenarioSchema.entries()) {
      for (String end : closedEnds(e.range())) {
        if (END_CONFLICTS.containsKey(e.path())) {
          continue;
        }
        try {
          Scenario s = load(e.path(), end, tmp);
          WorldSettings.of(s);
          GameSettings.of(s);
          taken++;
        } catch (StackelgridException x) {
          fail(e.path() + " = " + end + " is inside its range " + e.range() + " but was refused: " + x.getMessage());
        }
      }
    }
    assertTrue(taken >= 40, "only " + taken + " ends tried (the schema has 43 closed ends outside END_CONFLICTS)");
  }

  @Test
  void theIssuesCasesNameTheKeyAsWritten() {
    String gamma = assertThrows(StackelgridException.class,
        () -> ScenarioLoader.load("three-bus", Map.of("learning.ppo.gamma", "1"))).getMessage();
    assertEquals("--set learning.ppo.gamma=1: learning.ppo.gamma: must be in [0, 1), got 1", gamma);
    String lambda = assertThrows(StackelgridException.class,
        () -> ScenarioLoader.load("three-bus", Map.of("learning.ppo.gae-lambda", "1.5"))).getMessage();
    assertEquals("--set learning.ppo.gae-lambda=1.5: learning.ppo.gae-lambda: must be in [0, 1], got 1.5", lambda);
    String solar = assertThrows(StackelgridException.class,
        () -> ScenarioLoader.load("three-bus", Map.of("noise.solar.min", "1.1"))).getMessage();
    assertEquals("--set noise.solar.min=1.1: noise.solar.min: needs min <= mode <= max, got min 1.1, mode 1.0, "
        + "max 1.2", solar);
    // gamma = 0 (a myopic learner) is inside [0, 1): PPO takes it.
    assertEquals(0.0, GameSettings.of(ScenarioLoader.load("three-bus", Map.of("learning.ppo.gamma", "0")))
        .follower().gamma());
  }

  /** Values outside a range text, by hand rules of its forms. */
  static List<String> outside(String range) {
    String r = range.replaceFirst(" \\(.*\\)$", "").replaceFirst(", with .*$", "").replaceFirst(", ≤ \\w+$", "");
    List<String> out = new ArrayList<>();
    boolean list = r.startsWith("list of integers ") || r.startsWith("`steps-per-day` values ");
    r = r.replaceFirst("^list of integers ", "integer ").replaceFirst("^`steps-per-day` values ", "");
    boolean integer = r.startsWith("integer ");
    r = r.replaceFirst("^integer ", "");
    List<String> scalars = new ArrayList<>();
    java.util.regex.Matcher m;
    if ((m = java.util.regex.Pattern.compile("([\\[(])(\\S+), (\\S+)([\\])])").matcher(r)).matches()) {
      double lo = Double.parseDouble(m.group(2));
      double hi = Double.parseDouble(m.group(3));
      scalars.add(String.valueOf(m.group(1).equals("(") ? lo : lo - 0.001));
      scalars.add(String.valueOf(m.group(4).equals(")") ? hi : hi + 0.001));
    } else if ((m = java.util.regex.Pattern.compile("([>≥]) (-?\\d+(?:\\.\\d+)?)").matcher(r)).matches()) {
      double lo = Double.parseDouble(m.group(2));
      scalars.add(String.valueOf(m.group(1).equals(">") ? lo : integer ? lo - 1 : lo - 0.001));
      if (integer) {
        scalars.add(String.valueOf(lo + 0.5));
      }
    } else if ((m = java.util.regex.Pattern.compile("(\\d+) … (\\d+)").matcher(r)).matches()) {
      scalars.add(String.valueOf(Integer.parseInt(m.group(1)) - 1));
      scalars.add(String.valueOf(Integer.parseInt(m.group(2)) + 1));
      scalars.add(m.group(1) + ".5");
    } else if (r.equals("any number")) {
      scalars.add("not-a-number");
    } else if (r.equals("true | false")) {
      scalars.add("maybe");
    } else if (r.startsWith("`")) {
      scalars.add("no-such-choice");
    }
    for (String s : scalars) {
      // A shape holds a value per step of day (8); a list of widths any number of them.
      out.add(!list ? s : range.startsWith("`") ? "[1, 1, 1, 1, 1, 1, 1, " + s + "]" : "[1, " + s + "]");
    }
    return out;
  }

  /** The closed ends of a numeric range text (none for open ends and unbounded sides). */
  static List<String> closedEnds(String range) {
    String r = range.replaceFirst(" \\(.*\\)$", "").replaceFirst(", with .*$", "").replaceFirst(", ≤ \\w+$", "");
    boolean list = r.startsWith("list of integers ") || r.startsWith("`steps-per-day` values ");
    r = r.replaceFirst("^list of integers ", "").replaceFirst("^`steps-per-day` values ", "")
        .replaceFirst("^integer ", "");
    List<String> ends = new ArrayList<>();
    java.util.regex.Matcher m;
    if ((m = java.util.regex.Pattern.compile("([\\[(])(\\S+), (\\S+)([\\])])").matcher(r)).matches()) {
      if (m.group(1).equals("[")) {
        ends.add(m.group(2));
      }
      if (m.group(4).equals("]")) {
        ends.add(m.group(3));
      }
    } else if ((m = java.util.regex.Pattern.compile("≥ (-?\\d+(?:\\.\\d+)?)").matcher(r)).matches()) {
      ends.add(m.group(1));
    } else if ((m = java.util.regex.Pattern.compile("(\\d+) … (\\d+)").matcher(r)).matches()) {
      ends.add(m.group(1));
      ends.add(m.group(2));
    }
    if (!list) {
      return ends;
    }
    // A shape needs a value per step of day; a list of widths one width.
    return ends.stream().map(v -> range.startsWith("`") ? "[" + String.join(", ", java.util.Collections.nCopies(8, v))
        + "]" : "[" + v + "]").toList();
  }

  /** three-bus with {@code path} set to {@code value}: by --set, or for a list element (the first) by a file. */
  private static Scenario load(String path, String value, Path tmp) throws Exception {
    // The territory's keys are in the scenario that has a territory (on a small case, to load fast).
    String scenario = path.startsWith("territory.") ? "case118-territory" : "three-bus";
    int list = path.indexOf("[].");
    if (list < 0) {
      Map<String, String> set = new LinkedHashMap<>();
      if (scenario.equals("case118-territory")) {
        set.put("grid.case", "case14_ieee");
      }
      set.put(path, value);
      return ScenarioLoader.load(scenario, set);
    }
    String listPath = path.substring(0, list);
    String inner = path.substring(list + 3);
    ConfigList items = ScenarioLoader.load(scenario, scenario.equals("three-bus") ? Map.of()
        : Map.of("grid.case", "case14_ieee")).config().getList(listPath);
    List<ConfigValue> changed = new ArrayList<>(items);
    ConfigObject first = (ConfigObject) items.get(0);
    Object parsed = com.typesafe.config.ConfigFactory.parseString("v = " + value).getValue("v").unwrapped();
    changed.set(0, first.withValue(inner, ConfigValueFactory.fromAnyRef(parsed)));
    Path file = tmp.resolve("scenario-" + Math.abs((path + value).hashCode()) + ".conf");
    Files.writeString(file, "include classpath(\"scenarios/" + scenario + ".conf\")\n"
        + (scenario.equals("three-bus") ? "" : "grid.case = case14_ieee\n") + listPath + " = "
        + ConfigValueFactory.fromIterable(changed).render(ConfigRenderOptions.concise()) + "\n");
    return ScenarioLoader.load(file.toString());
  }
}
