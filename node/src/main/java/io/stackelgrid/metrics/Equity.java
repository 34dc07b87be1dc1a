package io.stackelgrid.metrics;

import io.stackelgrid.household.GroupLayout;

/** EEI gap and income spread of MODEL.md §4 from the EEI of each customer group. */
public final class Equity {
  private Equity() {}

  /** Population-weighted EEI of consumers minus that of prosumers, percentage points. */
  public static double gapPp(GroupLayout layout, double[] eeiPct) {
    return weighted(layout, eeiPct, false) - weighted(layout, eeiPct, true);
  }

  /** Population-weighted EEI of one kind of group, %. */
  public static double weighted(GroupLayout layout, double[] eeiPct, boolean prosumers) {
    double sum = 0;
    double n = 0;
    for (int g = 0; g < eeiPct.length; g++) {
      if (layout.prosumer(g) == prosumers) {
        sum += layout.count(g) * eeiPct[g];
        n += layout.count(g);
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * EEI of each tariff group, %: its household groups' EEI weighted by count (a group alone in its
   * tariff group gives its own EEI exactly).
   */
  public static double[] byTariffGroup(GroupLayout layout, double[] eeiPct) {
    int groups = layout.tariffGroups().size();
    double[] sum = new double[groups];
    double[] n = new double[groups];
    int[] members = new int[groups];
    int[] only = new int[groups];
    for (int g = 0; g < eeiPct.length; g++) {
      int t = layout.tariffGroup(g);
      sum[t] += layout.count(g) * eeiPct[g];
      n[t] += layout.count(g);
      members[t]++;
      only[t] = g;
    }
    double[] out = new double[groups];
    for (int t = 0; t < groups; t++) {
      out[t] = members[t] == 1 ? eeiPct[only[t]] : n[t] == 0 ? 0 : sum[t] / n[t];
    }
    return out;
  }

  /** max − min over the given EEIs (the tariff groups'), percentage points. */
  public static double incomeSpreadPp(double[] eeiPct) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : eeiPct) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return eeiPct.length == 0 ? 0 : hi - lo;
  }
}
