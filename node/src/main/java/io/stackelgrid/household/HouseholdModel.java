package io.stackelgrid.household;

/** The households of a world, as a mean field or as N real households: they act, the world clears. */
public interface HouseholdModel {
  /** Draws the day's household noise ξ (call at the first step of each day). */
  void startDay(int day);

  /** Applies the plans (indexed by aggregator), advances SoC and sums each group's energy into {@code out}. */
  void act(StepTime time, ActionPlan[] plansByAggregator, GroupFlows out);

  /** Mean SoC of mean-field cohort c (prosumer group), before the next act. */
  double cohortMeanSoc(int cohort);
}
