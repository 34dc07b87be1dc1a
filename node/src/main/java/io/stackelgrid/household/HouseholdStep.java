package io.stackelgrid.household;

/**
 * Who moves a world's households one step: the world's own {@link HouseholdModel} by default, or a
 * stand-in for a mean-field tracker elsewhere (e.g. an actor) that must leave the world's model in
 * the state its own step would have.
 */
@FunctionalInterface
public interface HouseholdStep {
  /** Applies the plans (indexed by bus), advances SoC and sums each group's energy into {@code out}. */
  void act(StepTime time, ActionPlan[] plansByBus, GroupFlows out);
}
