package io.stackelgrid.ppo;

/** The parameters a rollout is collected with (copied: the learner's own arrays change at each update). */
public record RolloutParams(float[] policy, float[] value, float[] logStd) {
  static RolloutParams copyOf(float[] policy, float[] value, float[] logStd) {
    return new RolloutParams(policy.clone(), value.clone(), logStd.clone());
  }
}
