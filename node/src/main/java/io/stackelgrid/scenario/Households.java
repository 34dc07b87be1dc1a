package io.stackelgrid.scenario;

import java.util.List;

/** Households and storage of MODEL.md §3. */
public record Households(double storageEfficiency, double maxAction,
    double consumerEquivalentStorageKwh, double populationScale, List<HouseholdGroup> groups) {

  /**
   * Demand scale S (kWh): the average storage capacity over all households, counting each consumer
   * as {@code consumerEquivalentStorageKwh}.
   */
  public double demandScaleKwh() {
    double storage = 0;
    double count = 0;
    for (HouseholdGroup g : groups) {
      double perHousehold = g.kind() == HouseholdGroup.Kind.PROSUMER ? g.storageKwh() : consumerEquivalentStorageKwh;
      storage += g.count() * perHousehold;
      count += g.count();
    }
    return count == 0 ? 0 : storage / count;
  }

  public long totalCount() {
    long n = 0;
    for (HouseholdGroup g : groups) {
      n += g.count();
    }
    return n;
  }
}
