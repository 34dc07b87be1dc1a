package io.stackelgrid.finitegame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The MF extension: the inner loop ends at a fixed point of Γ and of both best responses. */
class MeanFieldFlowTest {

  /** A random game whose followers pay for crowding in their own (state, action). */
  private static FiniteGame crowded(long seed, double crowding) {
    FiniteGame base = RandomGames.create(seed, 1, 2, 3, 2, 0.7, 2.0);
    double[][][][] coef = new double[3][2][3][2];
    for (int s = 0; s < 3; s++) {
      for (int a = 0; a < 2; a++) {
        coef[s][a][s][a] = -crowding;
      }
    }
    return new FiniteGame(base.leader(), base.follower(), base.transitionLeader(),
        base.transitionFollower(), base.rewardLeader(), base.rewardFollower(), coef);
  }

  @Test
  void solutionIsAFixedPointOfGammaAndOfBothBestResponses() {
    FiniteGame game = crowded(5, 1.5);
    SolverOptions options = SolverOptions.defaults().withMeanField(1e-13, 1.0, 5000);
    FiniteGameSolver solver = new FiniteGameSolver(game, options);
    StackelbergSolution sol = solver.solve();
    assertTrue(sol.converged());
    JointGame g = solver.joint();
    double[][] leader = solver.leaderJoint(sol);
    double[] mu = solver.muJoint(sol);
    ExactBestResponses br = new ExactBestResponses(g);
    double[][][] follower = br.follower(leader, mu);
    // Γ written out directly for one leader state (the paper's formula).
    double[] flowed = new double[6];
    for (int sF = 0; sF < 3; sF++) {
      for (int aF = 0; aF < 2; aF++) {
        for (int aL = 0; aL < 2; aL++) {
          for (int t = 0; t < 3; t++) {
            for (int b = 0; b < 2; b++) {
              double laterAction = 0;
              for (int c = 0; c < 2; c++) {
                laterAction += leader[t][c] * follower[t][c][b];
              }
              flowed[t * 2 + b] += mu[sF * 2 + aF] * leader[sF][aL]
                  * game.transitionFollower()[sF][aF][aL][t] * laterAction;
            }
          }
        }
      }
    }
    assertTrue(SoftmaxPolicies.l1(flowed, mu) <= 1e-9, "Γ(μ) = μ, gap " + SoftmaxPolicies.l1(flowed, mu));
    assertEquals(1.0, java.util.Arrays.stream(mu).sum(), 1e-12);
    assertTrue(SoftmaxPolicies.distance(br.leader(follower, mu), leader) <= 1e-9);
    // Crowding matters: the solution differs from the game without the mean-field term.
    StackelbergSolution plain = FiniteGameSolver.solve(game.withoutMeanField(), options);
    assertTrue(SoftmaxPolicies.distance(plain.followerPolicy()[0][0], sol.followerPolicy()[0][0]) > 1e-3);
  }

  @Test
  void zeroMeanFieldCoefficientsGiveThePlainSolution() {
    FiniteGame game = crowded(6, 0.0);
    StackelbergSolution withMf = FiniteGameSolver.solve(game, SolverOptions.defaults());
    StackelbergSolution plain = FiniteGameSolver.solve(game.withoutMeanField(), SolverOptions.defaults());
    assertTrue(SoftmaxPolicies.distance(withMf.leaderPolicy()[0], plain.leaderPolicy()[0]) <= 1e-12);
  }
}
