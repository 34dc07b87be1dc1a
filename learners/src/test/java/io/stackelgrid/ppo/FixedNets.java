package io.stackelgrid.ppo;

/**
 * Networks with known outputs for collection tests: policy mean 0, value 10·obs[0] + obs[1] (exact
 * in float for small integers). Training is not supported.
 */
final class FixedNets implements PolicyNetworks {
  static float valueOf(float[] obs, int offset) {
    return 10 * obs[offset] + obs[offset + 1];
  }

  @Override
  public String engineName() {
    return "fixed";
  }

  @Override
  public MlpShape policyShape() {
    return MlpShape.of(3, new int[] {1}, 1);
  }

  @Override
  public MlpShape valueShape() {
    return MlpShape.of(3, new int[] {1}, 1);
  }

  @Override
  public void setParams(float[] policyParams, float[] valueParams) {}

  @Override
  public void policyMean(float[] observations, int count, float[] meansOut) {
    java.util.Arrays.fill(meansOut, 0, count, 0f);
  }

  @Override
  public void value(float[] observations, int count, float[] valuesOut) {
    int size = 3;
    for (int i = 0; i < count; i++) {
      valuesOut[i] = valueOf(observations, i * size);
    }
  }

  @Override
  public void forwardForTraining(float[] observations, int count, float[] meansOut, float[] valuesOut) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void backward(float[] meanGradients, float[] valueGradients, double[] policyGradOut,
      double[] valueGradOut) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PolicyNetworks sibling() {
    return new FixedNets();
  }
}
