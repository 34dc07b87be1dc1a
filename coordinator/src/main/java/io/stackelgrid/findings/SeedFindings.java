package io.stackelgrid.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.ResultDays;
import io.stackelgrid.results.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper's findings F1–F4 and the convergence figures of MODEL.md §9 for one seed, judged from
 * its result files alone (steps.csv, periods.csv, summary.json).
 *
 * @param imvLearningUsdPerMwh IMV of the last 3 days, mean over the aggregators' buses, learning world
 * @param imvCutUsdPerMwh baseline IMV minus learning IMV (F1's value)
 * @param middayExcess prosumers' net energy / storage at midday, learning minus baseline (F2's value)
 * @param eveningMin the smallest of that shape over the evening steps, learning world
 * @param rho Spearman's ρ of the prosumer tariff groups' last fixed charges against their incomes (F3's value);
 *     NaN where it is undefined, as when those charges are all equal
 * @param prosumerChargesTied every prosumer tariff group's last fixed charge is the same: no order by income
 *     to show, so ρ is undefined and F3 is not reproduced ("tied")
 * @param prosumerFixedUsdPerDay mean last fixed charge over the prosumer tariff groups
 * @param consumerFixedUsdPerDay mean last fixed charge over the consumer tariff groups
 * @param gapFall (|first gap| − |last gap|)/|first gap| of the learning world (F4's value)
 * @param innerMetShare share of learning periods whose inner loop ended within its tolerance
 * @param lastTariffMove normalised L1 tariff change installed for the last period
 * @param followerGain a fresh follower best response's gain at the end, mean over aggregators (NaN if absent)
 * @param leaderGap a fresh leader best response's gain at the end (NaN if absent)
 */
public record SeedFindings(long seed, int days, double imvLearningUsdPerMwh, double imvBaselineUsdPerMwh,
    double imvCutUsdPerMwh, boolean f1, double middayExcess, double eveningMin, boolean f2, double rho,
    boolean prosumerChargesTied, double prosumerFixedUsdPerDay, double consumerFixedUsdPerDay, boolean f3,
    double gapFirstPp, double gapLastPp, double gapFall, boolean f4, double innerMetShare, double lastTariffMove,
    double followerGain, double leaderGap) {

  /** F1: the IMV falls by at least this share of the baseline's. */
  static final double IMV_CUT_SHARE = 0.10;
  /** F2: midday net energy per kWh of storage at least this much above the baseline's. */
  static final double MIDDAY_EXCESS = 0.05;
  /** F4: |gap| falls by at least this share of its first value. */
  static final double GAP_FALL_SHARE = 0.10;
  /** The paper's horizon (MODEL.md §1), on which the findings are defined: last 3 days = days 97–99. */
  public static final int FINDINGS_DAYS = 100;
  /** The paper's windows: the last 3 days; midday 09–15 h; evening 15–24 h. */
  static final int LAST_DAYS = 3;

  /**
   * Judges the seed whose files are in {@code seedDir}, refusing them (naming file and line) unless
   * they hold the {@code days} the run recorded, whole.
   */
  static SeedFindings judge(Path seedDir, long seed, ScenarioFacts facts, ResultDays days) {
    ResultTable stepsTable = ResultTable.read(seedDir.resolve("steps.csv"));
    ResultTable periodsTable = ResultTable.read(seedDir.resolve("periods.csv"));
    stepsTable.requireWholeSteps(days.days(), facts.stepsPerDay(), days.source());
    periodsTable.requireWholePeriods(days.days(), days.source());
    ResultCsv steps = new ResultCsv(stepsTable);
    ResultCsv periods = new ResultCsv(periodsTable);
    Window learning = window(steps, "learning", facts);
    Window baseline = window(steps, "baseline", facts);
    double imvL = learning.imv();
    double imvB = baseline.imv();
    double cut = imvB - imvL;
    boolean f1 = imvL <= (1 - IMV_CUT_SHARE) * imvB && cut > 0;

    double[] shapeL = learning.prosumerShape(facts);
    double[] shapeB = baseline.prosumerShape(facts);
    double excess = meanWithin(shapeL, facts, 9, 15) - meanWithin(shapeB, facts, 9, 15);
    double eveningMin = Double.POSITIVE_INFINITY;
    for (int h = 0; h < shapeL.length; h++) {
      if (facts.within(h, 15, 24)) {
        eveningMin = Math.min(eveningMin, shapeL[h]);
      }
    }
    boolean f2 = excess >= MIDDAY_EXCESS && eveningMin < 0;

    PeriodRows rows = PeriodRows.of(periods, facts);
    double rho = Spearman.rho(rows.prosumerIncomes(), rows.prosumerLastFixed());
    boolean tied = tied(rows.prosumerLastFixed());
    double pros = mean(rows.prosumerLastFixed());
    double cons = mean(rows.consumerLastFixed());
    boolean f3 = rho > 0 && pros > cons; // false where ρ is undefined (NaN)

    double first = Math.abs(rows.firstGapPp());
    double last = Math.abs(rows.lastGapPp());
    double fall = first > 0 ? (first - last) / first : Double.NaN;
    boolean f4 = first > 0 && last <= (1 - GAP_FALL_SHARE) * first;

    double[] exploit = exploitability(seedDir.resolve("summary.json"));
    return new SeedFindings(seed, learning.days, imvL, imvB, cut, f1, excess, eveningMin, f2, rho, tied, pros, cons,
        f3, rows.firstGapPp(), rows.lastGapPp(), fall, f4, rows.innerMetShare(), rows.lastTariffMove(), exploit[0],
        exploit[1]);
  }

  /**
   * The last days of one world's steps: LMP and prosumer energy per step (rows in step order).
   *
   * @param days days of the whole run
   */
  private record Window(int days, int stepsPerDay, double[][] lmpByBus, double[] prosumerKwh, int[] hour) {
    double imv() {
      double sum = 0;
      for (double[] lmp : lmpByBus) {
        double moves = 0;
        for (int t = 1; t < lmp.length; t++) {
          moves += Math.abs(lmp[t] - lmp[t - 1]);
        }
        sum += lmp.length > 1 ? moves / (lmp.length - 1) : 0;
      }
      return sum / lmpByBus.length;
    }

    /** Mean over the window's days of the prosumers' net energy (all buses) per kWh of their storage. */
    double[] prosumerShape(ScenarioFacts facts) {
      double[] shape = new double[stepsPerDay];
      int[] count = new int[stepsPerDay];
      for (int t = 0; t < prosumerKwh.length; t++) {
        shape[hour[t]] += prosumerKwh[t] / facts.prosumerStorageKwh();
        count[hour[t]]++;
      }
      for (int h = 0; h < shape.length; h++) {
        shape[h] = count[h] == 0 ? Double.NaN : shape[h] / count[h];
      }
      return shape;
    }
  }

  private static Window window(ResultCsv steps, String world, ScenarioFacts facts) {
    int cWorld = steps.column("scenario");
    int cStep = steps.column("step");
    int cDay = steps.column("day");
    int cHour = steps.column("hour");
    int cBus = steps.column("bus");
    int cLmp = steps.column("lmp_usd_per_mwh");
    int cPros = steps.column("prosumer_net_kwh");
    int lastDay = -1;
    for (String[] r : steps.rows()) {
      if (r[cWorld].equals(world)) {
        lastDay = Math.max(lastDay, Integer.parseInt(r[cDay]));
      }
    }
    if (lastDay < 0) {
      throw new StackelgridException(steps.file() + " has no rows of the " + world + " world");
    }
    int firstDay = Math.max(0, lastDay + 1 - LAST_DAYS);
    // step -> bus -> (lmp, prosumer kWh), in step order.
    TreeMap<Integer, Map<String, double[]>> byStep = new TreeMap<>();
    Map<Integer, Integer> hours = new TreeMap<>();
    List<String> buses = new ArrayList<>();
    for (String[] r : steps.rows()) {
      if (!r[cWorld].equals(world) || Integer.parseInt(r[cDay]) < firstDay) {
        continue;
      }
      if (!facts.aggregatorBuses().isEmpty() && !facts.aggregatorBuses().contains(r[cBus])) {
        continue; // F1 averages the IMV over the buses that hold aggregators (MODEL.md §10)
      }
      int t = Integer.parseInt(r[cStep]);
      if (!buses.contains(r[cBus])) {
        buses.add(r[cBus]);
      }
      byStep.computeIfAbsent(t, k -> new TreeMap<>())
          .put(r[cBus], new double[] {steps.number(r, cLmp), steps.number(r, cPros)});
      hours.put(t, Integer.parseInt(r[cHour]));
    }
    int n = byStep.size();
    double[][] lmp = new double[buses.size()][n];
    double[] prosumer = new double[n];
    int[] hour = new int[n];
    int i = 0;
    for (Map.Entry<Integer, Map<String, double[]>> e : byStep.entrySet()) {
      for (int b = 0; b < buses.size(); b++) {
        double[] v = e.getValue().get(buses.get(b));
        if (v == null) {
          throw new StackelgridException(steps.file() + ": step " + e.getKey() + " of the " + world
              + " world has no row for bus " + buses.get(b));
        }
        lmp[b][i] = v[0];
        prosumer[i] += v[1];
      }
      hour[i] = hours.get(e.getKey());
      i++;
    }
    return new Window(lastDay + 1, facts.stepsPerDay(), lmp, prosumer, hour);
  }

  /** At least two values, all equal. */
  private static boolean tied(double[] v) {
    return v.length > 1 && Arrays.stream(v).allMatch(x -> x == v[0]);
  }

  private static double meanWithin(double[] shape, ScenarioFacts facts, double from, double to) {
    double sum = 0;
    int n = 0;
    for (int h = 0; h < shape.length; h++) {
      if (facts.within(h, from, to)) {
        sum += shape[h];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /** {followerGain mean over buses, leaderGap} from the seed's summary.json (NaN where absent). */
  private static double[] exploitability(Path summary) {
    if (!Files.exists(summary)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    JsonNode root = io.stackelgrid.results.ResultJson.read(summary);
    JsonNode end = root.path("exploitabilityAtEnd");
    double follower = Double.NaN;
    // By aggregator; folders written before aggregators were a table have it by bus.
    JsonNode byBus = end.has("followerGainPerEpisodeByAggregator") ? end.path("followerGainPerEpisodeByAggregator")
        : end.path("followerGainPerEpisodeByBus");
    if (byBus.isObject() && byBus.size() > 0) {
      double sum = 0;
      for (Iterator<JsonNode> it = byBus.elements(); it.hasNext(); ) {
        sum += it.next().asDouble();
      }
      follower = sum / byBus.size();
    }
    JsonNode leader = end.path("leaderCommitmentGapPerEpisode");
    return new double[] {follower, leader.isNumber() ? leader.asDouble() : Double.NaN};
  }
}
