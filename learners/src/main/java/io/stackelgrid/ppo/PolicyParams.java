package io.stackelgrid.ppo;

import java.util.Arrays;

/**
 * A PPO learner's parameters: its policy and value MLPs (layer widths and flat parameters, per
 * layer the weights row by output unit, then the biases) and the Gaussian's log-std. Restores bit
 * for bit. Immutable by convention: nobody writes into the arrays after export.
 *
 * @param learnerName the learner that produced them (for error messages)
 * @param updates PPO updates that learner had done
 */
public record PolicyParams(String learnerName, long updates, int[] policyLayerSizes, int[] valueLayerSizes,
    float[] policyParams, float[] valueParams, float[] logStd) {

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyParams p && learnerName.equals(p.learnerName) && updates == p.updates
        && Arrays.equals(policyLayerSizes, p.policyLayerSizes) && Arrays.equals(valueLayerSizes, p.valueLayerSizes)
        && Arrays.equals(policyParams, p.policyParams) && Arrays.equals(valueParams, p.valueParams)
        && Arrays.equals(logStd, p.logStd);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * learnerName.hashCode() + Long.hashCode(updates)) + Arrays.hashCode(policyParams);
  }

  @Override
  public String toString() {
    return "PolicyParams[" + learnerName + ", " + updates + " updates, policy " + Arrays.toString(policyLayerSizes)
        + ", value " + Arrays.toString(valueLayerSizes) + "]";
  }
}
