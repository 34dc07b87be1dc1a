package io.stackelgrid.scenario;

import io.stackelgrid.household.ActionMap;
import java.util.List;

/**
 * Households and storage of MODEL.md §3.
 *
 * @param demandPerStep true: a household's energy in a step is shape × S (the paper's per-step
 *     demand input); false: shape × S / steps-per-day (the first reading, the day's S spread)
 * @param actionMap how a learned policy's action becomes a battery move
 * @param aggregators the aggregators table (MODEL.md §10)
 * @param groups the household groups table, each naming its aggregator
 */
public record Households(double storageEfficiency, double maxAction,
    double consumerEquivalentStorageKwh, double populationScale, boolean demandPerStep,
    ActionMap actionMap, List<Aggregator> aggregators, List<HouseholdGroup> groups) {

  public Households {
    aggregators = List.copyOf(aggregators);
    groups = List.copyOf(groups);
  }

  /** The index of the aggregator with {@code id}, or −1. */
  public int aggregatorIndex(String id) {
    for (int a = 0; a < aggregators.size(); a++) {
      if (aggregators.get(a).id().equals(id)) {
        return a;
      }
    }
    return -1;
  }

  /**
   * A household's energy in one step at shape value 1 and ξ = 1 (kWh): S per step, or S spread
   * over the day's {@code stepsPerDay} steps.
   */
  public double energyScaleKwh(int stepsPerDay) {
    return demandPerStep ? demandScaleKwh() : demandScaleKwh() / stepsPerDay;
  }

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
    return count(groups);
  }

  /** Households in {@code groups}. */
  public static long count(List<HouseholdGroup> groups) {
    long n = 0;
    for (HouseholdGroup g : groups) {
      n += g.count();
    }
    return n;
  }
}
