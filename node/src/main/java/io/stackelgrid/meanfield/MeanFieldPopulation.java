package io.stackelgrid.meanfield;

import io.stackelgrid.household.ActionPlan;
import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;
import io.stackelgrid.household.HouseholdModel;
import io.stackelgrid.household.StepTime;

/**
 * The households as a mean field (MODEL.md §5): one SoC histogram per prosumer cohort moved by Γ,
 * household noise at its mean, so a group's energy is its count times one household's expectation
 * and H_n = N^c_n·E[e_c] + N^p_n·Σ_bins μ^n(bin)·(E[e_p] + g(u_bin)).
 */
public final class MeanFieldPopulation implements HouseholdModel {
  private final GroupLayout layout;
  private final Gamma gamma;
  private final MeanField field;
  private final boolean spread;
  private final double xiMean;
  private final double[] next;
  private final double[] flows = new double[Gamma.FLOWS];

  /**
   * @param xiMean the mean of household noise (its mode under --no-noise)
   * @param spread true for real-play = distribution
   */
  public MeanFieldPopulation(GroupLayout layout, Gamma gamma, MeanField field, boolean spread, double xiMean) {
    this.layout = layout;
    this.gamma = gamma;
    this.field = field;
    this.spread = spread;
    this.xiMean = xiMean;
    this.next = new double[gamma.grid().bins()];
  }

  /** The live mean field (copy it for a shadow world). */
  public MeanField field() {
    return field;
  }

  /** A population with a copy of this one's mean field (for shadow worlds of the inner loop). */
  public MeanFieldPopulation copy() {
    return new MeanFieldPopulation(layout, gamma, field.copy(), spread, xiMean);
  }

  @Override
  public void startDay(int day) {
    // The mean field sees ξ at its mean: nothing to draw.
  }

  @Override
  public void act(StepTime time, ActionPlan[] plansByAggregator, GroupFlows out) {
    out.clear();
    int h = time.hour();
    for (int g = 0; g < layout.groupCount(); g++) {
      double n = layout.count(g);
      double demand = layout.demandKwh(g, h) * xiMean;
      int c = layout.groupCohort(g);
      if (c < 0) {
        out.netKwh[g] = n * demand;
        out.importKwh[g] = n * demand;
        continue;
      }
      ActionPlan plan = plansByAggregator[layout.groupAggregator(g)];
      double[] soc = field.soc(c);
      gamma.step(soc, next, field.action(c), plan.means(), plan.moves(), plan.std(), spread,
          layout.group(g).storageKwh(), demand, flows);
      System.arraycopy(next, 0, soc, 0, next.length);
      out.storageKwh[g] = n * flows[Gamma.STORAGE_KWH];
      out.importKwh[g] = n * flows[Gamma.IMPORT_KWH];
      out.exportKwh[g] = n * flows[Gamma.EXPORT_KWH];
      out.netKwh[g] = n * (demand + flows[Gamma.STORAGE_KWH]);
    }
  }

  @Override
  public double cohortMeanSoc(int cohort) {
    return field.meanSoc(gamma.grid(), cohort);
  }
}
