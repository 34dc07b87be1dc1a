package io.stackelgrid.findings;

import io.stackelgrid.common.StackelgridException;
import java.util.ArrayList;
import java.util.List;

/**
 * What periods.csv tells of the learning world: the last period's fixed charges of the prosumer and
 * consumer tariff groups (each once, whatever number of household groups pay it), the first and last
 * EEI gap, and how the inner loop and the tariff moved.
 */
record PeriodRows(double[] prosumerIncomes, double[] prosumerLastFixed, double[] consumerLastFixed,
    double firstGapPp, double lastGapPp, double innerMetShare, double lastTariffMove) {

  static PeriodRows of(ResultCsv periods, ScenarioFacts facts) {
    int cWorld = periods.column("scenario");
    int cPeriod = periods.column("period");
    int cGroup = periods.column("group");
    int cFixed = periods.column("fixed_charge_usd_per_day");
    int cGap = periods.column("eei_gap_pp");
    int cIter = periods.column("inner_iterations");
    int cDist = periods.column("inner_distance");
    int cMove = periods.column("tariff_change");
    int first = Integer.MAX_VALUE;
    int last = -1;
    for (String[] r : periods.rows()) {
      if (r[cWorld].equals("learning")) {
        int p = Integer.parseInt(r[cPeriod]);
        first = Math.min(first, p);
        last = Math.max(last, p);
      }
    }
    if (last < 0) {
      throw new StackelgridException(periods.file() + " has no rows of the learning world");
    }
    List<Double> incomes = new ArrayList<>();
    List<Double> prosumerFixed = new ArrayList<>();
    List<Double> consumerFixed = new ArrayList<>();
    double firstGap = Double.NaN;
    double lastGap = Double.NaN;
    double lastMove = Double.NaN;
    int learned = 0;
    int met = 0;
    int seenPeriod = Integer.MIN_VALUE;
    java.util.Set<String> seenTariffGroups = new java.util.HashSet<>();
    for (String[] r : periods.rows()) {
      if (!r[cWorld].equals("learning")) {
        continue;
      }
      int p = Integer.parseInt(r[cPeriod]);
      if (p != seenPeriod) {
        // Period figures repeat on every group's row: count each period once.
        seenPeriod = p;
        if (periods.number(r, cIter) > 0) {
          learned++;
          met += periods.number(r, cDist) <= facts.innerTolerance() ? 1 : 0;
        }
      }
      if (p == first) {
        firstGap = periods.number(r, cGap);
      }
      if (p == last) {
        lastGap = periods.number(r, cGap);
        lastMove = periods.number(r, cMove);
        ScenarioFacts.Group g = facts.groups().get(r[cGroup]);
        if (g == null) {
          throw new StackelgridException(periods.file() + ": group '" + r[cGroup] + "' is not in the run's scenario");
        }
        if (!seenTariffGroups.add(g.tariffGroup())) {
          continue; // a tariff group's charge counts once
        }
        if (g.prosumer()) {
          incomes.add(g.tariffGroupIncomeUsdPerYear());
          prosumerFixed.add(periods.number(r, cFixed));
        } else {
          consumerFixed.add(periods.number(r, cFixed));
        }
      }
    }
    return new PeriodRows(array(incomes), array(prosumerFixed), array(consumerFixed), firstGap, lastGap,
        learned == 0 ? Double.NaN : (double) met / learned, lastMove);
  }

  private static double[] array(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
