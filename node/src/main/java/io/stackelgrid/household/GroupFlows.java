package io.stackelgrid.household;

import java.util.Arrays;

/**
 * Energy of one step summed over each customer group's households, kWh: net grid energy, its
 * imported and exported parts (what bills are computed on), and the storage part.
 */
public final class GroupFlows {
  public final double[] netKwh;
  public final double[] importKwh;
  public final double[] exportKwh;
  public final double[] storageKwh;

  public GroupFlows(int groups) {
    netKwh = new double[groups];
    importKwh = new double[groups];
    exportKwh = new double[groups];
    storageKwh = new double[groups];
  }

  /** A copy that no later step writes into (what a message carries). */
  public GroupFlows copy() {
    GroupFlows c = new GroupFlows(netKwh.length);
    System.arraycopy(netKwh, 0, c.netKwh, 0, netKwh.length);
    System.arraycopy(importKwh, 0, c.importKwh, 0, importKwh.length);
    System.arraycopy(exportKwh, 0, c.exportKwh, 0, exportKwh.length);
    System.arraycopy(storageKwh, 0, c.storageKwh, 0, storageKwh.length);
    return c;
  }

  public void clear() {
    Arrays.fill(netKwh, 0);
    Arrays.fill(importKwh, 0);
    Arrays.fill(exportKwh, 0);
    Arrays.fill(storageKwh, 0);
  }

  /** Household net energy per bus (H_n of MODEL.md §2), kWh, into {@code out}. */
  public double[] busNetKwh(GroupLayout layout, double[] out) {
    Arrays.fill(out, 0);
    for (int g = 0; g < netKwh.length; g++) {
      out[layout.bus(g)] += netKwh[g];
    }
    return out;
  }
}
