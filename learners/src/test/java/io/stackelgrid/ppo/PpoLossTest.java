package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hand-derived PPO loss gradient equals central finite differences of the loss. */
class PpoLossTest {
  private static final int M = 9;
  private static final int A = 2;

  private final Rng rng = new Rng(21);
  private final float[] means = EngineAgreementTest.random(M * A, rng);
  private final float[] values = EngineAgreementTest.random(M, rng);
  private final float[] logStd = {-0.3f, 0.2f};
  private final float[] actions = EngineAgreementTest.random(M * A, rng);
  private final double[] oldLogProbs = new double[M];
  private final double[] advantages = new double[M];
  private final double[] returns = new double[M];

  PpoLossTest() {
    for (int s = 0; s < M; s++) {
      // Old log-probs spread so some ratios fall inside the clip range and some outside.
      oldLogProbs[s] = logProb(s, means, logStd) + (s % 3 - 1) * 0.4 + 0.01 * s;
      advantages[s] = rng.nextGaussian();
      returns[s] = rng.nextGaussian();
    }
  }

  private double logProb(int s, float[] mu, float[] ls) {
    double lp = 0;
    for (int d = 0; d < A; d++) {
      double z = (actions[s * A + d] - mu[s * A + d]) / Math.exp(ls[d]);
      lp += -0.5 * z * z - ls[d] - PpoLoss.HALF_LOG_2PI;
    }
    return lp;
  }

  private PpoLoss.Result loss(float[] mu, float[] v, float[] ls, float[] mg, float[] vg, double[] lg) {
    return PpoLoss.compute(M, A, mu, v, ls, actions, oldLogProbs, advantages, returns, 0.2, 0.01,
        0.5, mg, vg, lg);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    float[] mg = new float[M * A];
    float[] vg = new float[M];
    double[] lg = new double[A];
    PpoLoss.Result r = loss(means, values, logStd, mg, vg, lg);
    assertTrue(r.clippedCount() > 0 && r.clippedCount() < M, "mix of clipped and unclipped rows");
    double h = 1e-3;
    for (int k = 0; k < M * A; k++) {
      float[] p = means.clone();
      float[] q = means.clone();
      p[k] += (float) h;
      q[k] -= (float) h;
      double fd = (lossOf(p, values, logStd) - lossOf(q, values, logStd)) / (p[k] - q[k]);
      assertEquals(fd, mg[k], 1e-4 + 1e-3 * Math.abs(fd), "d loss / d mean[" + k + "]");
    }
    for (int k = 0; k < M; k++) {
      float[] p = values.clone();
      float[] q = values.clone();
      p[k] += (float) h;
      q[k] -= (float) h;
      double fd = (lossOf(means, p, logStd) - lossOf(means, q, logStd)) / (p[k] - q[k]);
      assertEquals(fd, vg[k], 1e-4 + 1e-3 * Math.abs(fd), "d loss / d value[" + k + "]");
    }
    for (int d = 0; d < A; d++) {
      float[] p = logStd.clone();
      float[] q = logStd.clone();
      p[d] += (float) h;
      q[d] -= (float) h;
      double fd = (lossOf(means, values, p) - lossOf(means, values, q)) / (p[d] - q[d]);
      assertEquals(fd, lg[d], 1e-4 + 1e-3 * Math.abs(fd), "d loss / d logStd[" + d + "]");
    }
  }

  private double lossOf(float[] mu, float[] v, float[] ls) {
    return loss(mu, v, ls, new float[M * A], new float[M], new double[A]).loss();
  }
}
