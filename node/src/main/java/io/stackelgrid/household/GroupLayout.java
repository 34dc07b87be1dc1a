package io.stackelgrid.household;

import io.stackelgrid.scenario.Aggregator;
import io.stackelgrid.scenario.HouseholdGroup;
import io.stackelgrid.scenario.TariffGroups;
import io.stackelgrid.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's tables in flat arrays (index = position in the scenario): household groups with
 * the prosumer groups numbered as mean-field cohorts, each group's aggregator and tariff group, each
 * aggregator's bus and prosumer groups, and each household's stable id for its draws. Ids and case
 * bus names for messages and outputs come from the tables themselves.
 */
public final class GroupLayout {
  private final List<HouseholdGroup> groups;
  private final List<Aggregator> aggregators;
  private final TariffGroups tariffGroups;
  private final int buses;
  private final List<String> busNames;
  private final int[][] aggregatorCohorts;
  private final int[] aggregatorOfBus;
  private final int[] cohortGroup;
  private final int[] groupCohort;
  private final long[] firstHouseholdId;
  private final double perStepKwh;

  public GroupLayout(Scenario scenario) {
    groups = scenario.households().groups();
    aggregators = scenario.households().aggregators();
    tariffGroups = scenario.tariffGroups();
    buses = scenario.grid().busCount();
    busNames = scenario.grid().busNames();
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
    aggregatorCohorts = new int[aggregators.size()][];
    for (int a = 0; a < aggregatorCohorts.length; a++) {
      int agg = a;
      aggregatorCohorts[a] = java.util.stream.IntStream.range(0, cohortGroup.length)
          .filter(c -> groups.get(cohortGroup[c]).aggregator() == agg).toArray();
    }
    aggregatorOfBus = new int[buses];
    java.util.Arrays.fill(aggregatorOfBus, -1);
    for (int a = aggregators.size() - 1; a >= 0; a--) {
      aggregatorOfBus[aggregators.get(a).bus()] = a;
    }
  }

  public int aggregatorCount() {
    return aggregators.size();
  }

  public Aggregator aggregator(int a) {
    return aggregators.get(a);
  }

  /** The bus index of aggregator a. */
  public int aggregatorBus(int a) {
    return aggregators.get(a).bus();
  }

  /** The cohorts (prosumer groups) aggregator a's policy acts for, in scenario order. */
  public int[] aggregatorCohorts(int a) {
    return aggregatorCohorts[a].clone();
  }

  /**
   * The shape value aggregator a's prosumers observe in step of day h: its first prosumer group's
   * (the representative prosumer's, MODEL.md §6).
   */
  public double aggregatorShape(int a, int hour) {
    return shape(cohortGroup[aggregatorCohorts[a][0]], hour);
  }

  /** The aggregator of group g, or −1 for consumers without one. */
  public int groupAggregator(int g) {
    return groups.get(g).aggregator();
  }

  /** The aggregator of cohort c. */
  public int cohortAggregator(int c) {
    return groups.get(cohortGroup[c]).aggregator();
  }

  /** The first aggregator at bus n, or −1 if it holds none. */
  public int firstAggregatorAt(int bus) {
    return aggregatorOfBus[bus];
  }

  public TariffGroups tariffGroups() {
    return tariffGroups;
  }

  /** The tariff group whose fixed charge group g pays. */
  public int tariffGroup(int g) {
    return tariffGroups.of(g);
  }

  /** The case id of bus n. */
  public String busName(int n) {
    return busNames.get(n);
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
    return groups.get(g).shape(hour) * perStepKwh;
  }

  /** The value of the group's shape in step of day h. */
  public double shape(int g, int hour) {
    return groups.get(g).shape(hour);
  }
}
