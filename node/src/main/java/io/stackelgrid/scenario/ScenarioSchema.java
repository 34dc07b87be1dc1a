package io.stackelgrid.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every scenario key means: its meaning, unit and allowed range, per key path (an element of a
 * list of sections is written {@code grid.lines[].limit}). Defaults are not written here: they are
 * read from the built-in {@code three-bus} scenario. docs/CONFIG.md is generated from this class
 * ({@link #markdown()}).
 */
public final class ScenarioSchema {
  /**
   * One key.
   *
   * @param path dotted key path, {@code []} marking a list of sections
   * @param meaning what the key sets, with the model's mark ([P] paper, [D] earlier code, [A] assumption)
   * @param unit unit of the value, or "" where it has none
   * @param range values the loader accepts
   * @param optional true for a key a scenario may leave out
   */
  public record Entry(String path, String meaning, String unit, String range, boolean optional) {}

  private static final List<Entry> ENTRIES = new ArrayList<>();
  private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  private static void section(String name, String text) {
    SECTIONS.put(name, text);
  }

  private static void key(String path, String unit, String range, String meaning) {
    ENTRIES.add(new Entry(path, meaning, unit, range, false));
  }

  private static void optional(String path, String unit, String range, String meaning) {
    ENTRIES.add(new Entry(path, meaning, unit, range, true));
  }

  static {
    section("scenario", "Names the scenario in summaries and reports.");
    key("scenario.name", "", "text", "Short name written into summary.json and report.html.");
    key("scenario.description", "", "text", "One line saying what the scenario is.");

    section("clock", "Time: steps, days and the leader's period (docs/MODEL.md, Time).");
    key("clock.step-hours", "h", "integer ≥ 1", "Length of one simulated step [P].");
    key("clock.steps-per-day", "steps", "integer ≥ 1", "Steps in a day; shapes have this many values [P].");
    key("clock.leader-period-days", "days", "integer ≥ 1",
        "Days between two tariff decisions of the leader (one outer iteration of Algorithm 1) [P].");
    key("clock.days", "days", "integer ≥ 1", "Horizon of `run` and `simulate` unless `--days` is given [P].");
    key("clock.seeds", "seeds", "integer ≥ 1",
        "The paper's number of seeds [P], kept for reference; `run` plays the seeds of `--seeds N` (default 1).");

    section("grid", "Buses, lines and generators, or a MATPOWER/PGLib case (docs/MODEL.md, Grid and dispatch).");
    key("grid.unit", "", "`MWh/step` or `MW`",
        "Unit of the grid's quantities: energy per step (costs $ per step) or power (costs $ per hour).");
    key("grid.base-mva", "MVA", "> 0", "Per-unit base of the line reactances; kept for the record, "
        + "prices and flows do not depend on it (the DC flow's base cancels, and a scenario's lines have "
        + "no phase shift or angle limit); a `case` uses its own baseMVA.");
    key("grid.capacity-hours-per-step", "h", "> 0",
        "Hours a step's capacity counts for: line limits and generator p-min/p-max (MW) times this are MWh per step "
            + "[P]; 1 reads the MW figures as MWh per step (`three-bus-daily-demand`). Only with unit `MWh/step`.");
    key("grid.reference-bus", "", "a bus name", "Bus whose voltage angle is 0; its LMP is the energy part of every price.");
    optional("grid.case", "", "a shipped case name or a file path",
        "A MATPOWER/PGLib case that replaces buses, lines and generators; households then name buses by number. "
            + "Absent in the built-in scenarios.");
    key("grid.base-load-scale", "", "≥ 0",
        "Multiplies the buses' own loads (Table 1, or the case's) added to the households; 0 makes the households the whole load [D].");
    key("grid.buses[].name", "", "unique text", "Bus name.");
    key("grid.buses[].base-load-mw", "MW", "any number", "The bus's own load (Table 1) [P]; scaled by `base-load-scale`.");
    key("grid.lines[].name", "", "unique text", "Line name.");
    key("grid.lines[].from", "", "a bus name", "Sending bus; positive flow runs from here.");
    key("grid.lines[].to", "", "a bus name, not `from`", "Receiving bus.");
    key("grid.lines[].r-pu", "p.u.", "any number", "Resistance; kept for the record, DC flow ignores it [P].");
    key("grid.lines[].x-pu", "p.u.", "> 0", "Reactance used by the DC power flow [P].");
    key("grid.lines[].limit", "MW", "≥ 0", "Flow limit in either direction [P]; a step of a `MWh/step` grid carries capacity-hours-per-step × this.");
    key("grid.generators[].name", "", "unique text", "Generator name.");
    key("grid.generators[].bus", "", "a bus name", "Bus the generator injects at.");
    key("grid.generators[].c2", "$/step per (MWh/step)²", "≥ 0", "Quadratic cost coefficient [P].");
    key("grid.generators[].c1", "$/MWh", "any number", "Linear cost coefficient [P].");
    key("grid.generators[].c0", "$/step", "any number", "Constant cost term (adds to the cost, not to prices).");
    key("grid.generators[].p-min", "MW", "≤ p-max", "Least output; a step of a `MWh/step` grid carries capacity-hours-per-step × this.");
    key("grid.generators[].p-max", "MW", "≥ 0",
        "Greatest output before availability and noise [P]; a step of a `MWh/step` grid carries capacity-hours-per-step × this.");
    key("grid.generators[].availability", "", "a key of `shapes`",
        "Optional: the shape that scales p-max by step of day (solar), times the noise ζ [P].");

    section("dispatch", "The DC optimal power flow cleared every step.");
    key("dispatch.voll-usd-per-mwh", "$/MWh", "≥ 0", "Value of lost load: the price of shedding load [A].");
    key("dispatch.spill-cost-usd-per-mwh", "$/MWh", "≥ 0",
        "Cost of spilling household exports the grid cannot take; gives a negative price then [A].");
    key("dispatch.strict", "", "true | false", "Make any shed or spill an error naming step and bus.");
    key("dispatch.regularisation", "$/step per (MWh/step)²", "> 0",
        "Small quadratic cost given to units without one, so the problem stays strictly convex (prices are computed without it).");
    key("dispatch.tolerance", "", "> 0",
        "Feasibility tolerance of balance and limits (relative to max(1, |limit|)) in the check every answer must pass; shed or spill below it is no event.");
    key("dispatch.solver", "", "`dual-active-set` | `ojalgo`",
        "QP method: the dual active-set method written for this problem, or ojAlgo's general convex solver.");

    section("noise", "Triangular multipliers Tri(min, max, mode); `--no-noise` sets every draw to its mode.");
    key("noise.solar.min", "", "≥ 0, ≤ mode", "Least value of ζ, the solar multiplier drawn per unit and step [A].");
    key("noise.solar.max", "", "≥ mode", "Greatest value of ζ.");
    key("noise.solar.mode", "", "min … max", "Most likely value of ζ.");
    key("noise.household.min", "", "≥ 0, ≤ mode", "Least value of ξ, the demand multiplier drawn per household and day [P].");
    key("noise.household.max", "", "≥ mode", "Greatest value of ξ.");
    key("noise.household.mode", "", "min … max", "Most likely value of ξ.");

    section("shapes", "Profiles with one value per step of day, from 00:00 [D].");
    key("shapes.consumer-demand", "× S per step", "`steps-per-day` values ≥ 0",
        "A consumer's energy per step as a multiple of the demand scale S.");
    key("shapes.prosumer-net-demand", "× S per step", "`steps-per-day` values ≥ 0",
        "A prosumer's energy per step after rooftop solar, before storage.");
    key("shapes.grid-solar", "fraction of p-max", "`steps-per-day` values ≥ 0", "Capacity factor of grid solar units.");

    section("households", "The aggregators and the household groups each holds: prosumers (with storage) and "
        + "consumers (docs/MODEL.md, Households, and A utility's territory).");
    key("households.storage-efficiency", "", "(0, 1]", "One-way storage efficiency η [P].");
    key("households.demand-per", "", "`step` | `day`",
        "A household's energy in a step: shape × S (`step`, the paper's per-step demand input [P]) or "
            + "shape × S / steps-per-day (`day`, as in `three-bus-daily-demand`).");
    key("households.action-map", "", "`feasible` | `clip`",
        "How a learned action a ∈ [−1, 1] becomes a battery move: affinely onto the feasible interval (`feasible` [D]) "
            + "or a × max-action clipped to it (`clip`; an empty battery then ignores discharge actions).");
    key("households.max-action", "fraction of capacity per step", "(0, 1]",
        "u_max: the largest change of state of charge in one step [D].");
    key("households.consumer-equivalent-storage-kwh", "kWh", "≥ 0",
        "Storage counted for each consumer in the demand scale S (the mean storage over all households) [P].");
    key("households.population-scale", "", "> 0", "Multiplies every group's count (finite-N runs).");
    key("households.aggregators[].id", "", "unique text",
        "An aggregator (a follower): its id names it in errors and outputs [P] (one per bus in the paper).");
    key("households.aggregators[].bus", "", "a bus name (a number on case grids)",
        "Bus the aggregator's households draw from; a bus may hold none, one or several aggregators.");
    key("households.groups[].name", "", "unique text", "Group name.");
    key("households.groups[].kind", "", "`prosumer` | `consumer`", "Prosumers have storage and rooftop solar; consumers neither.");
    key("households.groups[].aggregator", "", "an id of `households.aggregators`",
        "The aggregator holding the group; its policy runs the batteries of all its prosumer groups. Required for "
            + "prosumers; a consumer group may name a `bus` instead.");
    optional("households.groups[].bus", "", "a bus name (a number on case grids)",
        "Bus of a consumer group held by no aggregator (not with `aggregator`).");
    optional("households.groups[].shape", "", "a key of `shapes`",
        "The group's demand shape (default: `prosumer-net-demand` for prosumers, `consumer-demand` for consumers).");
    key("households.groups[].count", "households", "integer ≥ 0", "Households in the group [P].");
    key("households.groups[].storage-kwh", "kWh", "> 0 (prosumers only)", "Battery capacity of each prosumer [P].");
    key("households.groups[].income-usd-per-year", "$/year", "> 0", "Household income, the EEI's denominator [P].");

    section("tariff", "The leader's tariff: add-ons on the LMP and a fixed charge per tariff group, with bounds and start values.");
    for (String part : List.of("buy-add-on-usd-per-kwh", "sell-add-on-usd-per-kwh", "fixed-charge-usd-per-day")) {
      String unit = part.endsWith("kwh") ? "$/kWh" : "$/household/day";
      String what = switch (part) {
        case "buy-add-on-usd-per-kwh" -> "the buy add-on (retail buy price = LMP/1000 + add-on)";
        case "sell-add-on-usd-per-kwh" -> "the sell add-on (retail sell price = LMP/1000 + add-on)";
        default -> "each tariff group's fixed charge";
      };
      key("tariff." + part + ".min", unit, "≤ max", "Lower bound of " + what + " [A].");
      key("tariff." + part + ".max", unit, "≥ min", "Upper bound of " + what + " [A].");
      key("tariff." + part + ".initial", unit, "min … max",
          "Value of " + what + " before the leader learns, and in the baseline [A].");
    }
    key("tariff.revenue-requirement-usd-per-day", "$/day", "≥ 0",
        "R: net revenue the utility must earn; the leader is penalised below it [A]. A territory scales it by its "
            + "household count over three-bus's (R per household as the paper's).");
    key("tariff.groups", "", "`by-bus-and-kind` | `by-income-and-kind`",
        "Which household groups share a fixed charge: one tariff group per bus and kind (the paper's six) or per "
            + "kind and income; the leader sets one charge per tariff group.");

    section("territory", "Optional: households laid on a case by the generator of docs/MODEL.md (A utility's "
        + "territory), instead of explicit tables: one aggregator at every bus with a load. Needs `grid.case`, "
        + "and empty `households.aggregators` and `households.groups`.");
    optional("territory.households", "", "`load` | `paper`",
        "Household counts from each bus's load (`load`), or the paper's bus compositions with no base load (`paper`).");
    optional("territory.band-rule", "", "`cycle` | `random`",
        "Income band of the aggregator at the i-th load bus in case order: low, mid, high, … in turn, or drawn.");
    optional("territory.seed", "", "integer ≥ 0", "Seed of the band draws of `band-rule = random`.");
    optional("territory.load-share", "", "(0, 1]",
        "Share of a bus's load its households carry; the rest stays as a flat base load (times `grid.base-load-scale`).");
    optional("territory.solar-ratio", "", "`paper` or a number ≥ 0",
        "Grid solar capacity over the households' mean energy per step; `paper` computes three-bus's ratio.");
    optional("territory.consumer-income-usd-per-year", "$/year", "> 0", "Income of every consumer [P].");
    optional("territory.bands[].name", "", "unique text", "An income band.");
    optional("territory.bands[].prosumer-income-usd-per-year", "$/year", "> 0", "Income of the band's prosumers [P].");
    optional("territory.bands[].storage-kwh", "kWh", "> 0", "Battery capacity of the band's prosumers [P].");
    optional("territory.bands[].prosumers", "households", "integer, 0 … households",
        "Prosumers of the paper's bus of this band [P]; with `households` it sets the prosumer share.");
    optional("territory.bands[].households", "households", "integer > 0", "Households of the paper's bus of this band [P].");

    section("mean-field", "The population of prosumers per bus as a state-of-charge histogram (docs/MODEL.md, Mean field).");
    key("mean-field.soc-bins", "bins", "integer ≥ 2", "Bins of the state-of-charge histogram per bus [A].");
    key("mean-field.quadrature-nodes", "nodes", "1 … 64", "Gauss–Hermite nodes spreading a bin's mass over the Gaussian policy [A].");
    key("mean-field.real-play", "", "`distribution` | `mean`",
        "Spread each bin over the policy's actions, or move it by the policy's mean action (the earlier code) [D].");
    key("mean-field.damping", "", "(0, 1]", "β: each inner-loop μ is (1 − β)·old + β·new; 1 is no damping.");
    key("mean-field.initial-soc", "", "`uniform`", "Initial state-of-charge distribution [D].");
    key("mean-field.action-bins", "bins", "integer ≥ 2",
        "Bins of the histogram of actions taken on [−max-action, max-action], kept with μ [A]; "
        + "no computation or output reads it yet, so it changes no result.");

    section("policies", "Fixed follower policies for `simulate --policy`.");
    key("policies.rule.cheap-quantile", "", "[0, 1]", "`rule` charges fully in this share of the day's cheapest believed prices.");
    key("policies.rule.dear-quantile", "", "[0, 1], with cheap ≤ 1 in sum",
        "`rule` discharges fully in this share of the day's dearest believed prices.");

    section("learning", "Algorithm 1 and PPO (docs/MODEL.md, Learning).");
    key("learning.inner-loop.max-iterations", "iterations", "integer ≥ 1",
        "Most follower best-response and mean-field rounds before a leader step [A].");
    key("learning.inner-loop.tolerance", "", "≥ 0", "Stop the inner loop when the μ path moves at most this (L1, summed over buses) [A].");
    key("learning.freeze-tolerance", "", "≥ 0",
        "Freeze learning when the tariff moves at most this (L1, normalised to the bounds) between periods [A].");
    key("learning.follower.learn-every-step", "", "true | false",
        "Followers also train after every real step, not only between periods [P][D].");
    key("learning.follower.episode-steps", "steps", "integer ≥ 1", "Length of a follower's training episode [D].");
    key("learning.follower.hidden", "units", "list of integers ≥ 1", "Hidden layer widths of the followers' policy and value networks [P].");
    key("learning.follower.belief-rate", "", "(0, 1]", "Step size of the LMP belief: b ← b − rate·(b − LMP)/√(d + 1) [D].");
    key("learning.follower.observation-price-scale-usd-per-mwh", "$/MWh", "> 0",
        "Believed prices are divided by this in the followers' observation [A].");
    key("learning.follower.reward-scale-usd-per-kwh", "$/kWh", "> 0",
        "Follower reward = −(energy part of the bill) / (this × a household's mean energy per step) [A].");
    key("learning.leader.hidden", "units", "list of integers ≥ 1", "Hidden layer widths of the leader's networks [P].");
    key("learning.leader.episode-periods", "periods", "integer ≥ 1", "Length of the leader's training episode [A].");
    key("learning.leader.revenue-penalty", "", "≥ 0", "Weight of the revenue shortfall (relative to 3R) in the leader's reward [A].");
    key("learning.leader.reward", "", "`gap` | `spread` | `gap+spread`",
        "The leader's equity term: −|EEI gap| (`gap`, Fig. 6), −(largest − smallest group EEI) (`spread`), or both [A].");
    key("learning.leader.action-centre", "", "`initial` | `midpoint`",
        "Where the leader's action 0 maps: the initial tariff (`initial`, the status quo) or the middle of the bounds "
            + "(`midpoint`); each half of [−1, 1] maps linearly onto its side [A].");
    key("learning.leader.env-copies", "copies", "integer ≥ 1 dividing `learning.ppo.n-steps`",
        "K: each leader rollout is K segments of n-steps/K from K copies of its environment, copy k ≥ 1 with its "
            + "own ζ and action stream from (seed, period, k), joined in copy order, GAE per copy "
            + "(Stable-Baselines3's n_envs); the copies run in parallel (on the cluster's workers under run --cluster) and the result depends on K only [A].");
    key("learning.ppo.learning-rate", "", "> 0", "Adam step size [P].");
    key("learning.ppo.gamma", "", "[0, 1)", "Discount factor [P].");
    key("learning.ppo.ent-coef", "", "≥ 0", "Entropy bonus coefficient [P].");
    key("learning.ppo.batch-size", "samples", "integer ≥ 1", "Minibatch size [P].");
    key("learning.ppo.n-epochs", "epochs", "integer ≥ 1", "Passes over each rollout [P].");
    key("learning.ppo.n-steps", "steps", "integer ≥ 1", "Rollout length between updates [P].");
    key("learning.ppo.clip-range", "", "> 0", "Clip range of the probability ratio [P].");
    key("learning.ppo.total-timesteps", "steps", "integer ≥ 1",
        "Environment steps asked of one best response; whole rollouts are collected until reached [P].");
    key("learning.ppo.gae-lambda", "", "[0, 1]", "GAE λ [A].");
    key("learning.ppo.vf-coef", "", "≥ 0", "Weight of the value loss [A].");
    key("learning.ppo.max-grad-norm", "", "> 0", "Gradient norm clip [A].");
    key("learning.ppo.normalize-advantage", "", "true | false", "Normalise advantages per minibatch [A].");
    key("learning.ppo.log-std-init", "", "any number", "Initial log standard deviation of the Gaussian policy [A].");
    key("learning.engine", "", "`auto` | `java` | `dl4j`",
        "Neural network engine; `auto` takes the Java engine up to a widest hidden layer of 128, DL4J above.");
  }

  private ScenarioSchema() {}

  /** Every key, in the order docs/CONFIG.md lists them. */
  public static List<Entry> entries() {
    return List.copyOf(ENTRIES);
  }

  /** The entry of a key path ({@code []} for list elements), or null. */
  public static Entry entry(String path) {
    return ENTRIES.stream().filter(e -> e.path().equals(path)).findFirst().orElse(null);
  }

  /** The key paths of a configuration that have no entry here (empty when every key is documented). */
  public static List<String> undocumented(Config config) {
    // An empty list of sections (a territory's households.groups = []) is documented by its elements' entries.
    return keyPaths(config).stream().filter(p -> entry(p) == null
        && ENTRIES.stream().noneMatch(e -> e.path().startsWith(p + "[]."))).toList();
  }

  /** Every key path of a scenario's configuration, list elements written as {@code name[].key}. */
  public static Set<String> keyPaths(Config config) {
    Set<String> out = new LinkedHashSet<>();
    collect(config.root(), "", out);
    return out;
  }

  private static void collect(ConfigObject object, String prefix, Set<String> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String path = prefix + e.getKey();
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.OBJECT) {
        collect((ConfigObject) v, path + ".", out);
      } else if (v.valueType() == ConfigValueType.LIST && !((ConfigList) v).isEmpty()
          && ((ConfigList) v).get(0).valueType() == ConfigValueType.OBJECT) {
        for (ConfigValue item : (ConfigList) v) {
          collect((ConfigObject) item, path + "[].", out);
        }
      } else {
        out.add(path);
      }
    }
  }

  /** The default of a key as docs/CONFIG.md shows it, read from a scenario's configuration. */
  public static String defaultOf(Config config, String path) {
    int list = path.indexOf("[].");
    if (list < 0) {
      return config.hasPath(path) ? render(config.getValue(path)) : "—";
    }
    String listPath = path.substring(0, list);
    String inner = path.substring(list + 3);
    if (!config.hasPath(listPath)) {
      return "—";
    }
    List<String> values = new ArrayList<>();
    for (ConfigValue item : config.getList(listPath)) {
      Config c = ((ConfigObject) item).toConfig();
      values.add(c.hasPath(inner) ? render(c.getValue(inner)) : "—");
    }
    return String.join(", ", values);
  }

  private static String render(ConfigValue v) {
    if (v.valueType() == ConfigValueType.LIST) {
      return ((ConfigList) v).stream().map(ScenarioSchema::render).collect(Collectors.joining(", ", "[", "]"));
    }
    Object u = v.unwrapped();
    return u instanceof String s ? s : String.valueOf(u);
  }

  /** docs/CONFIG.md: every key with its meaning, unit, default (from {@code three-bus}) and range. */
  public static String markdown() {
    Config defaults = ScenarioLoader.load("three-bus").config();
    StringBuilder b = new StringBuilder();
    b.append("# Scenario keys\n\n")
        .append("<!-- Generated from node/src/main/java/io/stackelgrid/scenario/ScenarioSchema.java by\n")
        .append("     `./stackelgrid config-doc --out docs/CONFIG.md`; edit the schema, not this file. -->\n\n")
        .append("A scenario is one HOCON file; every number of the model is one of its keys. Built-in scenarios: ")
        .append(ScenarioLoader.BUILT_IN.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")))
        .append(" (in `node/src/main/resources/scenarios/`). Override a key with `--set key=value`, or write\n")
        .append("your own file that starts with `include classpath(\"scenarios/three-bus.conf\")` and changes some keys.\n\n")
        .append("Defaults are those of `three-bus`. A key written `list[].key` is a key of each element of a list;\n")
        .append("its default lists the elements' values in order. Marks: [P] the paper, [D] the earlier public code's\n")
        .append("data, [A] this project's assumption (docs/MODEL.md).\n");
    for (Map.Entry<String, String> s : SECTIONS.entrySet()) {
      b.append("\n## ").append(s.getKey()).append("\n\n").append(s.getValue()).append("\n\n")
          .append("| key | meaning | unit | default | range |\n|---|---|---|---|---|\n");
      for (Entry e : ENTRIES) {
        if (!e.path().startsWith(s.getKey() + ".")) {
          continue;
        }
        b.append("| `").append(e.path()).append("` | ").append(cell(e.meaning())).append(" | ")
            .append(cell(e.unit())).append(" | ").append(cell(defaultOf(defaults, e.path()))).append(" | ")
            .append(cell(e.range())).append(" |\n");
      }
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
