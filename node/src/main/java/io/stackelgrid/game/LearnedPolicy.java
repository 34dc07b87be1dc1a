package io.stackelgrid.game;

import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.ppo.GaussianPolicy;
import io.stackelgrid.ppo.PolicyParams;

/** A learned Gaussian follower policy acting in a world: its mean is the storage action u. Thread-safe. */
public final class LearnedPolicy implements FollowerPolicy {
  private final GaussianPolicy policy;
  private final String name;
  // The parameters it was built from (null when built from a GaussianPolicy): a world's state can then travel.
  private final PolicyParams params;

  public LearnedPolicy(GaussianPolicy policy, String name) {
    this(policy, name, null);
  }

  private LearnedPolicy(GaussianPolicy policy, String name, PolicyParams params) {
    this.policy = policy;
    this.name = name;
    this.params = params;
  }

  /** The policy carried by a learner's reply. */
  public static LearnedPolicy of(PolicyParams params) {
    return new LearnedPolicy(GaussianPolicy.fromParams(params), params.learnerName(), params);
  }

  /** The parameters this policy was built from, or null if it was built from a GaussianPolicy. */
  public PolicyParams params() {
    return params;
  }

  public GaussianPolicy gaussian() {
    return policy;
  }

  @Override
  public void mean(float[] observations, int count, double[] meanOut) {
    // A buffer per call: world copies sharing this policy may step on several threads.
    float[] buffer = new float[count];
    policy.mean(observations, count, buffer);
    for (int i = 0; i < count; i++) {
      meanOut[i] = buffer[i];
    }
  }

  @Override
  public double std() {
    return policy.std(0);
  }

  @Override
  public String name() {
    return name;
  }
}
