package io.stackelgrid.finitegame;

import io.stackelgrid.ppo.Rng;

/** Random finite games for tests: Dirichlet(1) transitions, uniform rewards in [−1, 1]. */
final class RandomGames {
  private RandomGames() {}

  static FiniteGame create(long seed, int nL, int mL, int nF, int mF, double gamma, double alpha) {
    Rng rng = new Rng(seed);
    FiniteGame.Side leader = new FiniteGame.Side(nL, mL, gamma, alpha);
    FiniteGame.Side follower = new FiniteGame.Side(nF, mF, gamma, alpha);
    return new FiniteGame(leader, follower,
        transitions(rng, nL, mL, mF, nL), transitions(rng, nF, mF, mL, nF),
        rewards(rng, nL, nF, mL, mF), rewards(rng, nF, nL, mF, mL), null);
  }

  static double[][][][] transitions(Rng rng, int a, int b, int c, int n) {
    double[][][][] t = new double[a][b][c][n];
    for (double[][][] x : t) {
      for (double[][] y : x) {
        for (double[] z : y) {
          double sum = 0;
          for (int k = 0; k < n; k++) {
            z[k] = -Math.log(1 - rng.nextDouble());
            sum += z[k];
          }
          for (int k = 0; k < n; k++) {
            z[k] /= sum;
          }
        }
      }
    }
    return t;
  }

  static double[][][][] rewards(Rng rng, int a, int b, int c, int d) {
    double[][][][] r = new double[a][b][c][d];
    for (double[][][] x : r) {
      for (double[][] y : x) {
        for (double[] z : y) {
          for (int k = 0; k < d; k++) {
            z[k] = 2 * rng.nextDouble() - 1;
          }
        }
      }
    }
    return r;
  }
}
