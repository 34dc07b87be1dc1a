package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Java engine's forward values and gradients equal DL4J's (the independent truth). */
class EngineAgreementTest {

  private static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double norm = 0;
    for (int k = 0; k < a.length; k++) {
      diff += (a[k] - b[k]) * (a[k] - b[k]);
      norm += b[k] * b[k];
    }
    return Math.sqrt(diff / Math.max(norm, 1e-300));
  }

  private static double[] widen(float[] a) {
    double[] d = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      d[k] = a[k];
    }
    return d;
  }

  @Test
  void javaEngineMatchesDl4jOnRandomNetworksAndInputs() {
    Rng rng = new Rng(11);
    int[][] hiddenSets = {{18, 36}, {7}, {24, 36, 5}};
    for (int[] hidden : hiddenSets) {
      int obs = 3 + rng.nextInt(14);
      int act = 1 + rng.nextInt(8);
      MlpShape policy = MlpShape.of(obs, hidden, act);
      MlpShape value = MlpShape.of(obs, hidden, 1);
      float[] pp = random(policy.parameterCount(), rng);
      float[] vp = random(value.parameterCount(), rng);
      int n = 37;
      float[] x = random(n * obs, rng);
      float[] meanGrad = random(n * act, rng);
      float[] valueGrad = random(n, rng);

      PolicyNetworks javaNets = new JavaEngine(policy, value);
      try (PolicyNetworks dl4j = new Dl4jEngine(policy, value, true)) {
        javaNets.setParams(pp, vp);
        dl4j.setParams(pp, vp);
        float[][] outJ = {new float[n * act], new float[n]};
        float[][] outD = {new float[n * act], new float[n]};
        javaNets.forwardForTraining(x, n, outJ[0], outJ[1]);
        dl4j.forwardForTraining(x, n, outD[0], outD[1]);
        double[] gpJ = new double[pp.length];
        double[] gvJ = new double[vp.length];
        double[] gpD = new double[pp.length];
        double[] gvD = new double[vp.length];
        javaNets.backward(meanGrad, valueGrad, gpJ, gvJ);
        dl4j.backward(meanGrad, valueGrad, gpD, gvD);
        String what = "hidden " + java.util.Arrays.toString(hidden);
        assertTrue(relativeError(widen(outJ[0]), widen(outD[0])) < 1e-6, what + " means");
        assertTrue(relativeError(widen(outJ[1]), widen(outD[1])) < 1e-6, what + " values");
        assertTrue(relativeError(gpJ, gpD) < 1e-6, what + " policy gradient "
            + relativeError(gpJ, gpD));
        assertTrue(relativeError(gvJ, gvD) < 1e-6, what + " value gradient "
            + relativeError(gvJ, gvD));
        // The acting path agrees with the training path.
        float[] actJ = new float[n * act];
        float[] actD = new float[n * act];
        javaNets.policyMean(x, n, actJ);
        dl4j.policyMean(x, n, actD);
        assertTrue(relativeError(widen(actJ), widen(actD)) < 1e-6, what + " acting means");
        assertTrue(relativeError(widen(actJ), widen(outJ[0])) == 0, what + " acting = training");
      }
    }
  }

  @Test
  void javaEngineGradientMatchesFiniteDifferences() {
    Rng rng = new Rng(5);
    MlpShape shape = MlpShape.of(4, new int[] {6, 5}, 2);
    MlpShape value = MlpShape.of(4, new int[] {3}, 1);
    float[] pp = random(shape.parameterCount(), rng);
    float[] vp = random(value.parameterCount(), rng);
    int n = 5;
    float[] x = random(n * 4, rng);
    float[] weights = random(n * 2, rng);
    JavaEngine engine = new JavaEngine(shape, value);
    engine.setParams(pp, vp);
    engine.forwardForTraining(x, n, new float[n * 2], new float[n]);
    double[] grad = new double[pp.length];
    engine.backward(weights, new float[n], grad, new double[vp.length]);
    // d/dθ of Σ weights·means, by central differences in double via a double-precision shadow net.
    for (int k = 0; k < pp.length; k += 3) {
      double h = 1e-2;
      float[] plus = pp.clone();
      float[] minus = pp.clone();
      plus[k] += (float) h;
      minus[k] -= (float) h;
      double fd = (weightedSum(shape, plus, x, n, weights) - weightedSum(shape, minus, x, n, weights))
          / (plus[k] - minus[k]);
      assertTrue(Math.abs(fd - grad[k]) < 1e-3 * Math.max(1, Math.abs(grad[k])),
          "parameter " + k + ": finite difference " + fd + " vs backprop " + grad[k]);
    }
  }

  private static double weightedSum(MlpShape shape, float[] params, float[] x, int n, float[] w) {
    JavaMlp mlp = new JavaMlp(shape);
    mlp.setParams(params);
    float[] out = new float[n * shape.outputSize()];
    mlp.predict(x, n, out);
    double s = 0;
    for (int k = 0; k < out.length; k++) {
      s += w[k] * out[k];
    }
    return s;
  }

  static float[] random(int size, Rng rng) {
    float[] a = new float[size];
    for (int k = 0; k < size; k++) {
      a[k] = (float) (rng.nextGaussian() * 0.5);
    }
    return a;
  }
}
