package io.stackelgrid.household;

import io.stackelgrid.scenario.HouseholdGroup;
import io.stackelgrid.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's customer groups in flat arrays (index = position in the scenario), with the
 * prosumer groups numbered as mean-field cohorts, and each household's stable id for its draws.
 */
public final class GroupLayout {
  private final List<HouseholdGroup> groups;
  private final int buses;
  private final int[] cohortGroup;
  private final int[] groupCohort;
  private final long[] firstHouseholdId;
  private final double perStepKwh;
  private final double[] consumerShape;
  private final double[] prosumerShape;

  public GroupLayout(Scenario scenario) {
    groups = scenario.households().groups();
    buses = scenario.grid().busCount();
    groupCohort = new int[groups.size()];
    firstHouseholdId = new long[groups.size()];
    List<Integer> cohorts = new ArrayList<>();
    long id = 0;
    for (int g = 0; g < groups.size(); g++) {
      firstHouseholdId[g] = id;
      id += groups.get(g).count();
      groupCohort[g] = prosumer(g) ? cohorts.size() : -1;
      if (prosumer(g)) {
        cohorts.add(g);
      }
    }
    cohortGroup = cohorts.stream().mapToInt(Integer::intValue).toArray();
    perStepKwh = scenario.households().energyScaleKwh(scenario.clock().stepsPerDay());
    consumerShape = scenario.shapes().consumerDemand();
    prosumerShape = scenario.shapes().prosumerNetDemand();
  }

  public int groupCount() {
    return groups.size();
  }

  public HouseholdGroup group(int g) {
    return groups.get(g);
  }

  public int busCount() {
    return buses;
  }

  public boolean prosumer(int g) {
    return groups.get(g).kind() == HouseholdGroup.Kind.PROSUMER;
  }

  public int bus(int g) {
    return groups.get(g).bus();
  }

  public long count(int g) {
    return groups.get(g).count();
  }

  public int cohortCount() {
    return cohortGroup.length;
  }

  /** The group of mean-field cohort c. */
  public int cohortGroup(int c) {
    return cohortGroup[c];
  }

  /** The cohort of group g, or −1 for a consumer group. */
  public int groupCohort(int g) {
    return groupCohort[g];
  }

  /** Id of the group's first household; its households are numbered on from there. */
  public long firstHouseholdId(int g) {
    return firstHouseholdId[g];
  }

  /** A household's energy per step at shape value 1 and ξ = 1 (S or S / steps-per-day), kWh. */
  public double perStepKwh() {
    return perStepKwh;
  }

  /** The group's own energy per household in step of day h at ξ = 1 (before storage), kWh. */
  public double demandKwh(int g, int hour) {
    double[] shape = prosumer(g) ? prosumerShape : consumerShape;
    return shape[hour] * perStepKwh;
  }

  /** The value of the group's shape in step of day h. */
  public double shape(int g, int hour) {
    return (prosumer(g) ? prosumerShape : consumerShape)[hour];
  }
}
