package io.stackelgrid.ppo;

import io.stackelgrid.common.StackelgridException;

/**
 * An immutable diagonal-Gaussian policy for acting: batched mean evaluation in plain Java (one
 * forward pass per call, chunked) plus the log-std. Thread-safe; needs no DL4J.
 */
public final class GaussianPolicy {
  private final MlpShape shape;
  private final float[] params;
  private final float[] logStd;
  private final ThreadLocal<JavaMlp> nets;

  GaussianPolicy(MlpShape shape, float[] params, float[] logStd) {
    this.shape = shape;
    this.params = params.clone();
    this.logStd = logStd.clone();
    this.nets = ThreadLocal.withInitial(() -> {
      JavaMlp mlp = new JavaMlp(shape);
      mlp.setParams(this.params);
      return mlp;
    });
  }

  /** The policy of {@code params} (its value network is ignored). */
  public static GaussianPolicy fromParams(PolicyParams params) {
    MlpShape shape = new MlpShape(params.policyLayerSizes());
    if (params.policyParams().length != shape.parameterCount() || params.logStd().length != shape.outputSize()) {
      throw new StackelgridException("PolicyParams from " + params.learnerName()
          + " do not match their layer sizes " + shape);
    }
    return new GaussianPolicy(shape, params.policyParams(), params.logStd());
  }

  /**
   * Sampled actions (mean + std·N(0, 1), unclipped: the environment clips) for {@code count}
   * observations, drawing from {@code rng}.
   */
  public void sample(float[] observations, int count, Rng rng, float[] actionsOut) {
    mean(observations, count, actionsOut);
    int a = shape.outputSize();
    for (int k = 0; k < count * a; k++) {
      actionsOut[k] = (float) (actionsOut[k] + Math.exp(logStd[k % a]) * rng.nextGaussian());
    }
  }

  public int observationSize() {
    return shape.inputSize();
  }

  public int actionSize() {
    return shape.outputSize();
  }

  /** Gaussian means (unclipped) for {@code count} observations, row-major. */
  public void mean(float[] observations, int count, float[] meansOut) {
    nets.get().predict(observations, count, meansOut);
  }

  /** Log standard deviation per action dimension (a copy). */
  public float[] logStd() {
    return logStd.clone();
  }

  /** Standard deviation of action dimension {@code dim}. */
  public double std(int dim) {
    return Math.exp(logStd[dim]);
  }
}
