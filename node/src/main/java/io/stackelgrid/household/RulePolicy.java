package io.stackelgrid.household;

/**
 * The hand rule: charge fully when the step's belief price is in the day's cheapest quantile of
 * its aggregator's beliefs, discharge fully in the dearest, else hold; hold until a whole day of
 * beliefs is known. It reads the day's beliefs directly (the observation holds only two).
 */
public final class RulePolicy implements FollowerPolicy {
  private final LmpBelief belief;
  private final int bus;
  private final Observation observation;
  private final int cheapSteps;
  private final int dearSteps;
  private final double maxAction;

  /** Quantiles are fractions of the day's steps, rounded to whole steps; {@code bus} is the belief row. */
  public RulePolicy(LmpBelief belief, int bus, double cheapQuantile, double dearQuantile, double maxAction) {
    this.belief = belief;
    this.bus = bus;
    int perDay = belief.stepsPerDay();
    this.observation = new Observation(perDay);
    this.cheapSteps = (int) Math.round(cheapQuantile * perDay);
    this.dearSteps = (int) Math.round(dearQuantile * perDay);
    this.maxAction = maxAction;
  }

  @Override
  public void mean(float[] observations, int count, double[] meanOut) {
    boolean known = belief.complete(bus);
    for (int i = 0; i < count; i++) {
      meanOut[i] = known ? action(observation.hour(observations, i * observation.size())) : 0.0;
    }
  }

  /** The rule's action in step of day h, from the bus's complete beliefs. */
  public double action(int hour) {
    int perDay = belief.stepsPerDay();
    double mine = belief.get(bus, hour);
    // Rank among the day's beliefs; ties go to the earlier step so ranks are a permutation.
    int rank = 0;
    for (int h = 0; h < perDay; h++) {
      double other = belief.get(bus, h);
      if (other < mine || (other == mine && h < hour)) {
        rank++;
      }
    }
    if (rank < cheapSteps) {
      return maxAction;
    }
    if (rank >= perDay - dearSteps) {
      return -maxAction;
    }
    return 0.0;
  }

  @Override
  public boolean givesMoves() {
    return true;
  }

  @Override
  public double std() {
    return 0;
  }

  @Override
  public String name() {
    return "rule";
  }
}
