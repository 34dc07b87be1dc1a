package io.stackelgrid.findings;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.HouseholdGroup;
import io.stackelgrid.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What judging the findings needs of a run's scenario: the clock, each customer group's kind and
 * income, the prosumers' total storage and the inner loop's tolerance.
 *
 * @param prosumerStorageKwh Σ over prosumer groups of count × storage (kWh): Fig. 5's scale
 * @param innerTolerance the inner loop's tolerance, to tell which periods met it
 */
record ScenarioFacts(double stepHours, int stepsPerDay, Map<String, Group> groups, double prosumerStorageKwh,
    double innerTolerance) {

  /** One customer group: whether it is a prosumer group, and its income. */
  record Group(boolean prosumer, double incomeUsdPerYear) {}

  static ScenarioFacts of(Scenario s) {
    Map<String, Group> groups = new LinkedHashMap<>();
    double storage = 0;
    for (HouseholdGroup g : s.households().groups()) {
      boolean prosumer = g.kind() == HouseholdGroup.Kind.PROSUMER;
      groups.put(g.name(), new Group(prosumer, g.incomeUsdPerYear()));
      if (prosumer) {
        storage += g.count() * g.storageKwh();
      }
    }
    if (!s.config().hasPath("learning.inner-loop.tolerance")) {
      throw new StackelgridException(s.origin() + ": learning.inner-loop.tolerance is missing");
    }
    return new ScenarioFacts(s.clock().stepHours(), s.clock().stepsPerDay(), groups, storage,
        s.config().getDouble("learning.inner-loop.tolerance"));
  }

  /** Whether step of day {@code h} lies within [fromHour, toHour) of the clock. */
  boolean within(int h, double fromHour, double toHour) {
    double start = h * stepHours;
    return start >= fromHour && start + stepHours <= toHour;
  }
}
