package io.stackelgrid.findings;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.Aggregator;
import io.stackelgrid.scenario.HouseholdGroup;
import io.stackelgrid.scenario.TariffGroups;
import io.stackelgrid.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * What judging the findings needs of a run's scenario (MODEL.md §9, §10): the clock, each household
 * group's kind and tariff group, the prosumers' total storage, the buses that hold aggregators and
 * the inner loop's tolerance.
 *
 * @param prosumerStorageKwh Σ over prosumer groups of count × storage (kWh): Fig. 5's scale
 * @param aggregatorBuses case ids of the buses holding an aggregator (F1 averages their IMV)
 * @param innerTolerance the inner loop's tolerance, to tell which periods met it
 */
record ScenarioFacts(double stepHours, int stepsPerDay, Map<String, Group> groups, double prosumerStorageKwh,
    Set<String> aggregatorBuses, double innerTolerance) {

  /**
   * One household group: whether it is a prosumer group, and its tariff group (which owns its fixed
   * charge) with that group's income.
   */
  record Group(boolean prosumer, String tariffGroup, double tariffGroupIncomeUsdPerYear) {}

  static ScenarioFacts of(Scenario s) {
    Map<String, Group> groups = new LinkedHashMap<>();
    double storage = 0;
    List<HouseholdGroup> households = s.households().groups();
    for (int i = 0; i < households.size(); i++) {
      HouseholdGroup g = households.get(i);
      TariffGroups.TariffGroup t = s.tariffGroups().group(s.tariffGroups().of(i));
      groups.put(g.name(), new Group(g.prosumer(), t.name(), t.incomeUsdPerYear()));
      if (g.prosumer()) {
        storage += g.count() * g.storageKwh();
      }
    }
    Set<String> aggregatorBuses = new LinkedHashSet<>();
    for (Aggregator a : s.households().aggregators()) {
      aggregatorBuses.add(a.busName());
    }
    if (!s.config().hasPath("learning.inner-loop.tolerance")) {
      throw new StackelgridException(s.origin() + ": learning.inner-loop.tolerance is missing");
    }
    return new ScenarioFacts(s.clock().stepHours(), s.clock().stepsPerDay(), groups, storage, aggregatorBuses,
        s.config().getDouble("learning.inner-loop.tolerance"));
  }

  /** Whether step of day {@code h} lies within [fromHour, toHour) of the clock. */
  boolean within(int h, double fromHour, double toHour) {
    double start = h * stepHours;
    return start >= fromHour && start + stepHours <= toHour;
  }
}
