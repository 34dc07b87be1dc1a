package io.stackelgrid.metrics;

import io.stackelgrid.household.GroupFlows;
import io.stackelgrid.household.GroupLayout;

/**
 * Figure 5's net-demand shape (MODEL.md §8): mean over days of prosumers' (and consumers') net grid
 * energy per step of day, divided by their total storage (consumers: their equivalent storage).
 */
public final class NetDemandShape {
  private final double[] prosumerKwh;
  private final double[] consumerKwh;
  private final int[] days;
  private final double prosumerStorageKwh;
  private final double consumerStorageKwh;
  private final GroupLayout layout;

  public NetDemandShape(GroupLayout layout, int stepsPerDay, double consumerEquivalentStorageKwh) {
    this.layout = layout;
    prosumerKwh = new double[stepsPerDay];
    consumerKwh = new double[stepsPerDay];
    days = new int[stepsPerDay];
    double p = 0;
    double c = 0;
    for (int g = 0; g < layout.groupCount(); g++) {
      if (layout.prosumer(g)) {
        p += layout.count(g) * layout.group(g).storageKwh();
      } else {
        c += layout.count(g) * consumerEquivalentStorageKwh;
      }
    }
    prosumerStorageKwh = p;
    consumerStorageKwh = c;
  }

  /** Adds one step's group energies at step of day h. */
  public void record(int hour, GroupFlows flows) {
    for (int g = 0; g < layout.groupCount(); g++) {
      if (layout.prosumer(g)) {
        prosumerKwh[hour] += flows.netKwh[g];
      } else {
        consumerKwh[hour] += flows.netKwh[g];
      }
    }
    days[hour]++;
  }

  /** Prosumers' mean net energy per step of day over their total storage (1/step). */
  public double[] prosumer() {
    return scaled(prosumerKwh, prosumerStorageKwh);
  }

  /** Consumers' mean energy per step of day over their equivalent storage (1/step). */
  public double[] consumer() {
    return scaled(consumerKwh, consumerStorageKwh);
  }

  private double[] scaled(double[] sum, double storage) {
    double[] out = new double[sum.length];
    for (int h = 0; h < out.length; h++) {
      out[h] = days[h] == 0 || storage == 0 ? 0 : sum[h] / days[h] / storage;
    }
    return out;
  }
}
