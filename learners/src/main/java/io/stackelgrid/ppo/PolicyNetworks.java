package io.stackelgrid.ppo;

/**
 * The two networks of a PPO learner (policy mean and value, tanh MLPs) on some engine: batched
 * forward passes and backpropagation of output gradients into flat parameter gradients. The learner
 * owns the parameters, the log-std and the optimiser; an engine is not thread-safe.
 */
public interface PolicyNetworks extends AutoCloseable {
  /** Engine name for reports ({@code java} or {@code dl4j}). */
  String engineName();

  MlpShape policyShape();

  MlpShape valueShape();

  /** Replaces both networks' parameters (flat, in {@link MlpShape}'s layout). */
  void setParams(float[] policyParams, float[] valueParams);

  /** Policy mean for {@code count} observations (acting path; no state kept). */
  void policyMean(float[] observations, int count, float[] meansOut);

  /** State value for {@code count} observations (acting path; no state kept). */
  void value(float[] observations, int count, float[] valuesOut);

  /** Forward pass of both networks over a minibatch, kept for the next {@link #backward}. */
  void forwardForTraining(float[] observations, int count, float[] meansOut, float[] valuesOut);

  /**
   * Gradients of a loss with respect to both networks' parameters, given its gradients with respect
   * to the outputs of the last {@link #forwardForTraining}; overwrites the two gradient arrays.
   */
  void backward(float[] meanGradients, float[] valueGradients, double[] policyGradOut,
      double[] valueGradOut);

  /** A new engine of the same kind and shapes (parameters unset), for acting on another thread. */
  PolicyNetworks sibling();

  @Override
  default void close() {}
}
