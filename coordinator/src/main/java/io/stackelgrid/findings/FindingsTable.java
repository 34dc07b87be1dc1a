package io.stackelgrid.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The findings as a markdown table: one row per point, "k/n" seeds and the value's mean ± σ. */
final class FindingsTable {
  private FindingsTable() {}

  static String markdown(List<Findings.Point> points) {
    Map<String, String> common = common(points);
    StringBuilder sb = new StringBuilder();
    for (Findings.Point p : points) {
      String caveat = Findings.caveat(p);
      if (caveat != null) {
        sb.append("**Caveat** (").append(label(p, common)).append("): ").append(caveat).append(".\n\n");
      }
    }
    if (points.size() > 1 && !common.isEmpty()) {
      sb.append("Every point: ").append(join(common)).append("\n\n");
    }
    sb.append("| point | seeds × days | F1 IMV cut ($/MWh) | F2 midday excess | F3 ρ fixed charge ~ income "
        + "| F4 fall of abs(EEI gap) | inner loop met tol | last tariff move |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Findings.Point p : points) {
      List<SeedFindings> s = p.seeds();
      sb.append("| ").append(label(p, common)).append(" | ").append(s.size()).append(" × ").append(s.get(0).days())
          .append(" | ").append(cell(p, SeedFindings::f1, SeedFindings::imvCutUsdPerMwh, "%.2f"))
          .append(" | ").append(cell(p, SeedFindings::f2, SeedFindings::middayExcess, "%.3f"))
          .append(" | ").append(rhoCell(p))
          .append(" | ").append(cell(p, SeedFindings::f4, SeedFindings::gapFall, "%.2f"))
          .append(" | ").append(value(s, SeedFindings::innerMetShare, "%.2f"))
          .append(" | ").append(value(s, SeedFindings::lastTariffMove, "%.3f")).append(" |\n");
    }
    return sb.toString();
  }

  /** findings.md: the table, what each column tests, and per-seed values. */
  static String document(List<Findings.Point> points, String table) {
    StringBuilder sb = new StringBuilder("# Findings\n\n");
    sb.append("The paper's findings judged per seed from this folder's result files (`stackelgrid findings`). "
        + "A cell reads `k/n · mean ± σ`: k of n seeds show the finding; the value's mean and sample standard "
        + "deviation over the seeds.\n\n");
    sb.append(table).append('\n');
    sb.append("- F1: IMV of the last 3 days (mean over the buses that hold aggregators) at least 10 % below the "
        + "baseline's; value = baseline − learning.\n");
    sb.append("- F2: prosumers' net grid energy per kWh of their storage, last 3 days by step of day: midday "
        + "(09–15 h) at least 0.05 above the baseline's, and below zero in an evening step (15–24 h); value = "
        + "midday excess.\n");
    sb.append("- F3: in the last period the prosumer tariff groups' fixed charges rise with income (Spearman ρ > 0) "
        + "and their mean exceeds the consumer tariff groups'; value = ρ. Where the prosumer groups' charges are "
        + "all equal (tied), ρ is undefined and the seed does not show the finding; ρ's mean ± σ leaves such "
        + "seeds out and says how many.\n");
    sb.append("- F4: |EEI gap| (consumers minus prosumers, population-weighted) of the last period at least 10 % "
        + "below the first period's; value = relative fall.\n");
    sb.append("- Inner loop met tol: share of learning periods whose inner loop ended within its tolerance; last "
        + "tariff move: normalised L1 change installed for the last period.\n\n");
    sb.append("## Per seed\n\n");
    for (Findings.Point p : points) {
      sb.append("### ").append(label(p, common(points))).append("\n\n");
      if (!p.note().isEmpty()) {
        sb.append("Note: ").append(p.note()).append(".\n\n");
      }
      sb.append("| seed | IMV learning / baseline | F1 | midday excess, evening min | F2 | ρ, prosumer / consumer "
          + "fixed ($/day) | F3 | EEI gap first → last (pp) | F4 |\n|---|---|---|---|---|---|---|---|---|\n");
      for (SeedFindings s : p.seeds()) {
        sb.append(String.format(Locale.ROOT, "| %d | %.2f / %.2f | %s | %.3f, %.3f | %s | %s, %.2f / %.2f | %s "
                + "| %.2f → %.2f | %s |%n", s.seed(), s.imvLearningUsdPerMwh(), s.imvBaselineUsdPerMwh(), mark(s.f1()),
            s.middayExcess(), s.eveningMin(), mark(s.f2()), rho(s), s.prosumerFixedUsdPerDay(),
            s.consumerFixedUsdPerDay(), s.prosumerChargesTied() ? "no (tied)" : mark(s.f3()), s.gapFirstPp(), s.gapLastPp(), mark(s.f4())));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The overrides every point shares (shown once, not on every row). */
  private static Map<String, String> common(List<Findings.Point> points) {
    Map<String, String> c = new LinkedHashMap<>(points.get(0).overrides());
    for (Findings.Point p : points) {
      c.entrySet().removeIf(e -> !e.getValue().equals(p.overrides().get(e.getKey())));
    }
    return points.size() > 1 ? c : Map.of();
  }

  private static String join(Map<String, String> overrides) {
    return overrides.entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
        .collect(Collectors.joining(", "));
  }

  private static String label(Findings.Point p, Map<String, String> common) {
    Map<String, String> own = new LinkedHashMap<>(p.overrides());
    own.keySet().removeAll(common.keySet());
    String overrides = join(own);
    String what = p.name();
    if (!p.scenario().equals("three-bus")) {
      what += " (" + p.scenario() + ")";
    }
    return overrides.isEmpty() ? what : what + ": " + overrides;
  }

  private static String mark(boolean ok) {
    return ok ? "yes" : "no";
  }

  private static String cell(Findings.Point p, Predicate<SeedFindings> ok, ToDoubleFunction<SeedFindings> f,
      String format) {
    return Findings.reproduced(p, ok) + "/" + p.seeds().size() + " · " + value(p.seeds(), f, format);
  }

  /** One seed's ρ: "undefined (tied)" where the prosumer charges are all equal. */
  private static String rho(SeedFindings s) {
    if (Double.isFinite(s.rho())) {
      return String.format(Locale.ROOT, "%.2f", s.rho());
    }
    return s.prosumerChargesTied() ? "undefined (tied)" : "undefined";
  }

  /**
   * F3's cell: k/n, then ρ's mean ± σ over the seeds where ρ is defined, and how many seeds that leaves
   * out (prosumer charges tied, so ρ undefined): "0/5 · ρ undefined: 5 of 5 tied" when none is left.
   */
  private static String rhoCell(Findings.Point p) {
    List<SeedFindings> s = p.seeds();
    String k = Findings.reproduced(p, SeedFindings::f3) + "/" + s.size() + " · ";
    double[] defined = Stats.defined(s.stream().mapToDouble(SeedFindings::rho).toArray());
    int left = s.size() - defined.length;
    if (left == 0) {
      return k + value(s, SeedFindings::rho, "%.2f");
    }
    boolean allTied = s.stream().filter(x -> !Double.isFinite(x.rho())).allMatch(SeedFindings::prosumerChargesTied);
    String why = left + " of " + s.size() + (allTied ? " tied" : " without a ρ");
    if (defined.length == 0) {
      return k + "ρ undefined: " + why;
    }
    return k + String.format(Locale.ROOT, "%.2f ± %.2f", Stats.mean(defined), Stats.std(defined)) + " over "
        + defined.length + "; " + why + ", ρ undefined";
  }

  private static String value(List<SeedFindings> seeds, ToDoubleFunction<SeedFindings> f, String format) {
    double[] v = seeds.stream().mapToDouble(f).toArray();
    // One seed has no spread to show: σ over seeds is "n/a", not 0.
    return v.length < 2 ? String.format(Locale.ROOT, format + " ± n/a", Stats.mean(v))
        : String.format(Locale.ROOT, format + " ± " + format, Stats.mean(v), Stats.std(v));
  }
}
