package io.stackelgrid.ppo;

/** The pure-Java engine: two {@link JavaMlp}s, fast for small networks (no per-call overhead). */
public final class JavaEngine implements PolicyNetworks {
  private final JavaMlp policy;
  private final JavaMlp value;

  public JavaEngine(MlpShape policyShape, MlpShape valueShape) {
    if (valueShape.outputSize() != 1 || valueShape.inputSize() != policyShape.inputSize()) {
      throw new IllegalArgumentException("value net must map the policy's input to one value");
    }
    policy = new JavaMlp(policyShape);
    value = new JavaMlp(valueShape);
  }

  @Override
  public String engineName() {
    return "java";
  }

  @Override
  public PolicyNetworks sibling() {
    return new JavaEngine(policy.shape(), value.shape());
  }

  @Override
  public MlpShape policyShape() {
    return policy.shape();
  }

  @Override
  public MlpShape valueShape() {
    return value.shape();
  }

  @Override
  public void setParams(float[] policyParams, float[] valueParams) {
    policy.setParams(policyParams);
    value.setParams(valueParams);
  }

  @Override
  public void policyMean(float[] observations, int count, float[] meansOut) {
    policy.predict(observations, count, meansOut);
  }

  @Override
  public void value(float[] observations, int count, float[] valuesOut) {
    value.predict(observations, count, valuesOut);
  }

  @Override
  public void forwardForTraining(float[] observations, int count, float[] meansOut,
      float[] valuesOut) {
    policy.forwardForTraining(observations, count, meansOut);
    value.forwardForTraining(observations, count, valuesOut);
  }

  @Override
  public void backward(float[] meanGradients, float[] valueGradients, double[] policyGradOut,
      double[] valueGradOut) {
    policy.backward(meanGradients, policyGradOut);
    value.backward(valueGradients, valueGradOut);
  }
}
