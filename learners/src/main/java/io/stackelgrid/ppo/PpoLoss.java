package io.stackelgrid.ppo;

import java.util.Arrays;

/**
 * Stable-Baselines3's PPO loss on one minibatch and its gradient with respect to the networks'
 * outputs (Gaussian means, values) and the log-std:
 * {@code −mean(min(A·r, A·clip(r))) − entCoef·H + vfCoef·mean((R − v)²)}.
 */
final class PpoLoss {
  static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  /** Loss parts and diagnostics of one minibatch. */
  record Result(double loss, double policyLoss, double valueLoss, double entropy, double klSum,
      int clippedCount) {}

  private PpoLoss() {}

  /**
   * Computes the loss over {@code m} rows and writes d loss/d mean ({@code [m × actionSize]}),
   * d loss/d value ({@code [m]}) and d loss/d logStd ({@code [actionSize]}).
   */
  static Result compute(int m, int actionSize, float[] means, float[] values, float[] logStd,
      float[] actions, double[] oldLogProbs, double[] advantages, double[] returns,
      double clip, double entCoef, double vfCoef,
      float[] meanGradOut, float[] valueGradOut, double[] logStdGradOut) {
    Arrays.fill(logStdGradOut, 0, actionSize, 0.0);
    double policyLoss = 0;
    double valueLoss = 0;
    double klSum = 0;
    int clipped = 0;
    for (int s = 0; s < m; s++) {
      double logProb = 0;
      for (int d = 0; d < actionSize; d++) {
        double z = (actions[s * actionSize + d] - means[s * actionSize + d]) * Math.exp(-logStd[d]);
        logProb += -0.5 * z * z - logStd[d] - HALF_LOG_2PI;
      }
      double logRatio = logProb - oldLogProbs[s];
      double r = Math.exp(logRatio);
      double a = advantages[s];
      double s1 = a * r;
      double s2 = a * Math.min(1 + clip, Math.max(1 - clip, r));
      policyLoss -= Math.min(s1, s2);
      // d min(s1, s2)/dr; a tie splits the gradient between both terms as torch.minimum does.
      double g1 = a;
      double g2 = (r >= 1 - clip && r <= 1 + clip) ? a : 0;
      double gMin = s1 < s2 ? g1 : s1 > s2 ? g2 : 0.5 * (g1 + g2);
      double coef = -gMin * r / m;
      for (int d = 0; d < actionSize; d++) {
        double invVar = Math.exp(-2 * logStd[d]);
        double diff = actions[s * actionSize + d] - means[s * actionSize + d];
        meanGradOut[s * actionSize + d] = (float) (coef * diff * invVar);
        logStdGradOut[d] += coef * (diff * diff * invVar - 1);
      }
      double vErr = values[s] - returns[s];
      valueLoss += vErr * vErr;
      valueGradOut[s] = (float) (vfCoef * 2 * vErr / m);
      klSum += (r - 1) - logRatio;
      if (Math.abs(r - 1) > clip) {
        clipped++;
      }
    }
    policyLoss /= m;
    valueLoss /= m;
    double entropy = 0;
    for (int d = 0; d < actionSize; d++) {
      entropy += logStd[d] + 0.5 + HALF_LOG_2PI;
      logStdGradOut[d] -= entCoef;
    }
    double loss = policyLoss - entCoef * entropy + vfCoef * valueLoss;
    return new Result(loss, policyLoss, valueLoss, entropy, klSum, clipped);
  }
}
