package io.stackelgrid.finitegame;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sample-based soft Q-learning lands within 0.05 (L1, max over states) of the exact solution. */
class QLearningTest {

  private static double distance(double[][][] a, double[][][] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, SoftmaxPolicies.distance(a[i], b[i]));
    }
    return worst;
  }

  private static double distance(double[][][][] a, double[][][][] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, distance(a[i], b[i]));
    }
    return worst;
  }

  @Test
  void qLearningMatchesExactOnRandomSmallGames() {
    for (long seed = 1; seed <= 6; seed++) {
      int nF = 2 + (int) (seed % 2);
      int mL = 2 + (int) (seed / 2 % 2);
      int mF = 3 - (int) (seed % 2);
      FiniteGame game = RandomGames.create(100 + seed, 1, mL, nF, mF, 0.7, 2.0);
      SolverOptions options = SolverOptions.defaults().withTolerance(1e-8).withLipschitzPairs(0);
      StackelbergSolution exact = FiniteGameSolver.solve(game, options);
      StackelbergSolution sampled = FiniteGameSolver.solve(game,
          options.withMethod("q-learning").withSamples(3000).withSeed(seed));
      assertTrue(exact.converged() && sampled.converged(), "seed " + seed);
      double leaderGap = distance(exact.leaderPolicy(), sampled.leaderPolicy());
      double followerGap = distance(exact.followerPolicy(), sampled.followerPolicy());
      assertTrue(leaderGap <= 0.05, "seed " + seed + " leader gap " + leaderGap);
      assertTrue(followerGap <= 0.05, "seed " + seed + " follower gap " + followerGap);
    }
  }
}
