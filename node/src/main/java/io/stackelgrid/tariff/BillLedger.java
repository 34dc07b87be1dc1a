package io.stackelgrid.tariff;

import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;

/**
 * Bills, wholesale cost and net revenue summed over a window of steps (a period or a run), and the
 * EEI of each group over it (MODEL.md §4).
 */
public final class BillLedger {
  private final GroupLayout layout;
  private final int stepsPerDay;
  private final double[] billUsd;
  private final double[] incomeUsdPerYear;
  private double wholesaleUsd;
  private int steps;

  public BillLedger(GroupLayout layout, int stepsPerDay) {
    this.layout = layout;
    this.stepsPerDay = stepsPerDay;
    billUsd = new double[layout.groupCount()];
    incomeUsdPerYear = new double[layout.groupCount()];
    for (int g = 0; g < incomeUsdPerYear.length; g++) {
      incomeUsdPerYear[g] = layout.group(g).incomeUsdPerYear();
    }
  }

  /** Adds one step: every group's bills at its bus's LMP, and the wholesale cost of the households' net energy. */
  public void record(GroupFlows flows, double[] lmpUsdPerMwh, Tariff tariff) {
    for (int g = 0; g < billUsd.length; g++) {
      double lmp = lmpUsdPerMwh[layout.bus(g)];
      billUsd[g] += Bills.energyUsd(flows.importKwh[g], flows.exportKwh[g], lmp, tariff)
          + layout.count(g) * tariff.fixedChargeUsdPerDay(layout.tariffGroup(g)) / stepsPerDay;
      wholesaleUsd += lmp / 1000 * flows.netKwh[g];
    }
    steps++;
  }

  public int steps() {
    return steps;
  }

  /** Length of the window in days (may be fractional). */
  public double days() {
    return (double) steps / stepsPerDay;
  }

  /** All bills of group g over the window, $. */
  public double groupBillUsd(int g) {
    return billUsd[g];
  }

  /** Mean bill of one household of group g over the window, $. */
  public double meanBillUsd(int g) {
    long n = layout.count(g);
    return n == 0 ? 0 : billUsd[g] / n;
  }

  /** EEI_g = mean bill × 365 / W / income × 100, in %. */
  public double eeiPct(int g) {
    return steps == 0 ? 0 : meanBillUsd(g) * 365.0 / days() / incomeUsdPerYear[g] * 100.0;
  }

  /** EEI of every group, %. */
  public double[] eeiPct() {
    double[] out = new double[billUsd.length];
    for (int g = 0; g < out.length; g++) {
      out[g] = eeiPct(g);
    }
    return out;
  }

  public double totalBillsUsd() {
    double s = 0;
    for (double b : billUsd) {
      s += b;
    }
    return s;
  }

  /** Σ_n LMP_n × household net energy at n over the window, $. */
  public double wholesaleUsd() {
    return wholesaleUsd;
  }

  /** Bills minus wholesale cost, $. */
  public double netRevenueUsd() {
    return totalBillsUsd() - wholesaleUsd;
  }

  /** Net revenue over the requirement for the window's days (R × W). */
  public double revenueRatio(double requirementUsdPerDay) {
    return netRevenueUsd() / (requirementUsdPerDay * days());
  }
}
