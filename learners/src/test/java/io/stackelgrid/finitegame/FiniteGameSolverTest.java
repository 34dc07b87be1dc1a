package io.stackelgrid.finitegame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exact solver against brute force and its own fixed-point equation. */
class FiniteGameSolverTest {

  /** Regularised objective Σ p·q + H(p)/α, the quantity a Boltzmann best response maximises. */
  private static double regularised(double[] p, double[] q, double alpha) {
    double v = 0;
    for (int a = 0; a < p.length; a++) {
      v += p[a] * q[a];
      if (p[a] > 0) {
        v -= p[a] * Math.log(p[a]) / alpha;
      }
    }
    return v;
  }

  /** Brute-force maximiser of the regularised objective over a grid of the 3-simplex. */
  private static double[] bruteForce(double[] q, double alpha, int grid) {
    double best = Double.NEGATIVE_INFINITY;
    double[] arg = null;
    for (int i = 0; i <= grid; i++) {
      for (int j = 0; i + j <= grid; j++) {
        double[] p = q.length == 3
            ? new double[] {(double) i / grid, (double) j / grid, (double) (grid - i - j) / grid}
            : new double[] {(double) i / grid, (double) (grid - i) / grid};
        if (q.length == 2 && j > 0) {
          break;
        }
        double v = regularised(p, q, alpha);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
    }
    return arg;
  }

  @Test
  void staticMatrixGameMatchesBruteForceRegularisedEquilibrium() {
    // One state each: a static Stackelberg game with 3 leader and 3 follower actions.
    double[][] leaderPayoff = {{1.0, -0.5, 0.2}, {0.3, 0.8, -1.0}, {-0.2, 0.1, 0.6}};
    double[][] followerPayoff = {{0.4, -0.3, 0.9}, {1.1, 0.2, -0.4}, {-0.6, 0.7, 0.3}};
    double alphaL = 2.0;
    double alphaF = 3.0;
    double[][][][] rL = new double[1][1][3][3];
    double[][][][] rF = new double[1][1][3][3];
    for (int aL = 0; aL < 3; aL++) {
      for (int aF = 0; aF < 3; aF++) {
        rL[0][0][aL][aF] = leaderPayoff[aL][aF];
        rF[0][0][aF][aL] = followerPayoff[aL][aF];
      }
    }
    double[][][][] stay = new double[1][3][3][1];
    for (double[][] x : stay[0]) {
      for (double[] y : x) {
        y[0] = 1;
      }
    }
    FiniteGame game = new FiniteGame(new FiniteGame.Side(1, 3, 0.5, alphaL),
        new FiniteGame.Side(1, 3, 0.5, alphaF), stay, stay, rL, rF, null);
    StackelbergSolution sol = FiniteGameSolver.solve(game, SolverOptions.defaults());
    assertTrue(sol.converged());

    int grid = 1000;
    double[][] followerBrute = new double[3][];
    double[] leaderValue = new double[3];
    for (int aL = 0; aL < 3; aL++) {
      followerBrute[aL] = bruteForce(followerPayoff[aL], alphaF, grid);
      for (int aF = 0; aF < 3; aF++) {
        // The leader anticipates the follower's brute-force response.
        leaderValue[aL] += followerBrute[aL][aF] * leaderPayoff[aL][aF];
      }
    }
    double[] leaderBrute = bruteForce(leaderValue, alphaL, grid);
    for (int a = 0; a < 3; a++) {
      assertEquals(leaderBrute[a], sol.leaderPolicy()[0][0][a], 3.0 / grid, "leader action " + a);
      for (int aL = 0; aL < 3; aL++) {
        assertEquals(followerBrute[aL][a], sol.followerPolicy()[0][0][aL][a], 3.0 / grid,
            "follower action " + a + " after leader action " + aL);
      }
    }
  }

  @Test
  void randomGamesReachAFixedPointOfTheBestResponseMap() {
    for (long seed = 1; seed <= 12; seed++) {
      int nL = 1 + (int) (seed % 2);
      int nF = seed % 3 == 0 ? 3 : 2;
      FiniteGame game = RandomGames.create(seed, nL, 2 + (int) (seed % 2), nF, 3 - (int) (seed % 2),
          0.8, 1.5);
      FiniteGameSolver solver = new FiniteGameSolver(game, SolverOptions.defaults());
      StackelbergSolution sol = solver.solve();
      assertTrue(sol.converged(), "seed " + seed);
      double[][] leader = solver.leaderJoint(sol);
      // Independent re-evaluation of BR_L(BR_F(π_L)) at the returned policy.
      ExactBestResponses br = new ExactBestResponses(new JointGame(game));
      double[][][] follower = br.follower(leader, null);
      double[][] again = br.leader(follower, null);
      assertTrue(SoftmaxPolicies.distance(again, leader) <= 1e-9,
          "seed " + seed + ": residual " + SoftmaxPolicies.distance(again, leader));
      assertTrue(sol.residual() <= 1e-10);
      assertTrue(sol.lipschitzEstimate() < 1, "contraction observed, seed " + seed);
      for (int sL = 0; sL < nL; sL++) {
        for (int sF = 0; sF < nF; sF++) {
          double[][] f = follower[sL * nF + sF];
          for (int aL = 0; aL < f.length; aL++) {
            for (int aF = 0; aF < f[aL].length; aF++) {
              assertEquals(f[aL][aF], sol.followerPolicy()[sL][sF][aL][aF], 1e-12);
            }
          }
        }
      }
    }
  }

  @Test
  void nonContractingGameReportsNonConvergenceInsteadOfAnAnswer() {
    // Near-greedy players (α = 30) in this game chase each other round a period-2 cycle.
    FiniteGame game = RandomGames.create(58, 1, 2, 2, 2, 0.9, 30);
    FiniteGameSolver solver = new FiniteGameSolver(game,
        SolverOptions.defaults().withMaxIterations(200).withLipschitzPairs(8));
    StackelbergSolution sol = solver.solve();
    assertFalse(sol.converged());
    assertTrue(sol.residual() > 1.0, "residual " + sol.residual());
    assertTrue(sol.lipschitzEstimate() > 1, "d_L·d_F estimate " + sol.lipschitzEstimate());
    assertTrue(sol.summary().startsWith("DID NOT CONVERGE"));
    assertTrue(sol.toJson().contains("\"converged\" : false"));
    // The returned policy really is not a fixed point: T moves it far.
    double[][] leader = solver.leaderJoint(sol);
    double[][] moved = solver.outerMap(leader, null);
    assertTrue(SoftmaxPolicies.distance(moved, leader) > 1.0);
  }

  @Test
  void epsilonNetProjectsOntoTheNearestGridPoint() {
    io.stackelgrid.ppo.Rng rng = new io.stackelgrid.ppo.Rng(4);
    int k = 10;
    for (int trial = 0; trial < 200; trial++) {
      double[] p = new double[3];
      double sum = 0;
      for (int a = 0; a < 3; a++) {
        p[a] = rng.nextDouble();
        sum += p[a];
      }
      for (int a = 0; a < 3; a++) {
        p[a] /= sum;
      }
      double[] q = EpsilonNet.project(p, 1.0 / k);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i <= k; i++) {
        for (int j = 0; i + j <= k; j++) {
          double[] g = {(double) i / k, (double) j / k, (double) (k - i - j) / k};
          best = Math.min(best, SoftmaxPolicies.l1(p, g));
        }
      }
      assertEquals(best, SoftmaxPolicies.l1(p, q), 1e-12);
      assertEquals(1.0, q[0] + q[1] + q[2], 1e-12);
    }
    FiniteGame game = RandomGames.create(3, 2, 3, 2, 2, 0.8, 1.5);
    StackelbergSolution sol = FiniteGameSolver.solve(game, SolverOptions.defaults().withEpsilon(0.05));
    for (double[][] byF : sol.leaderPolicy()) {
      for (double[] p : byF) {
        for (double v : p) {
          assertEquals(Math.round(v * 20) / 20.0, v, 1e-12, "leader policy on the 0.05-grid");
        }
      }
    }
  }
}
