package io.stackelgrid.ppo;

/**
 * PyTorch's Adam (bias-corrected moments, ε added to √v̂) over one flat float parameter array with
 * double-precision moments; one instance per parameter group, all sharing the step count.
 */
final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private final double epsilon;

  Adam(int size, double epsilon) {
    firstMoment = new double[size];
    secondMoment = new double[size];
    this.epsilon = epsilon;
  }

  /** Applies step number {@code step} (1-based) of gradient {@code grad} scaled by {@code scale}. */
  void step(float[] params, double[] grad, double scale, double learningRate, long step) {
    double correction1 = 1 - Math.pow(BETA1, step);
    double correction2 = 1 - Math.pow(BETA2, step);
    for (int k = 0; k < params.length; k++) {
      double g = grad[k] * scale;
      firstMoment[k] = BETA1 * firstMoment[k] + (1 - BETA1) * g;
      secondMoment[k] = BETA2 * secondMoment[k] + (1 - BETA2) * g * g;
      double mHat = firstMoment[k] / correction1;
      double vHat = secondMoment[k] / correction2;
      params[k] = (float) (params[k] - learningRate * mHat / (Math.sqrt(vHat) + epsilon));
    }
  }

  /** Appends both moment arrays' values to the given lists (for checkpoints). */
  /** Writes this optimiser's moments from {@code offset}; returns the next offset. */
  int exportTo(double[] first, double[] second, int offset) {
    System.arraycopy(firstMoment, 0, first, offset, firstMoment.length);
    System.arraycopy(secondMoment, 0, second, offset, secondMoment.length);
    return offset + firstMoment.length;
  }

  /** Reads this optimiser's moments starting at {@code offset}; returns the next offset. */
  int importFrom(double[] first, double[] second, int offset) {
    System.arraycopy(first, offset, firstMoment, 0, firstMoment.length);
    System.arraycopy(second, offset, secondMoment, 0, secondMoment.length);
    return offset + firstMoment.length;
  }

  int size() {
    return firstMoment.length;
  }

  Adam copy() {
    Adam c = new Adam(firstMoment.length, epsilon);
    System.arraycopy(firstMoment, 0, c.firstMoment, 0, firstMoment.length);
    System.arraycopy(secondMoment, 0, c.secondMoment, 0, secondMoment.length);
    return c;
  }
}
