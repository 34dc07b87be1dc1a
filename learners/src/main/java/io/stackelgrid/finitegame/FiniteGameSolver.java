package io.stackelgrid.finitegame;

import io.stackelgrid.ppo.Rng;

/**
 * Solves a finite Stackelberg Markov game (MODEL.md §7) by the outer iteration
 * π_L ← BR_L(BR_F(π_L)) from the uniform policy, with exact or sample-based best responses, an
 * optional ε-net projection and, for mean-field games, the inner loop of BR_F and Γ before each
 * leader step. Reports non-convergence rather than an unconverged answer as a solution.
 */
public final class FiniteGameSolver {
  private final JointGame g;
  private final SolverOptions options;
  private final FiniteBestResponses responses;

  /** A solver for {@code game} with {@code options}. */
  public FiniteGameSolver(FiniteGame game, SolverOptions options) {
    this.g = new JointGame(game);
    this.options = options;
    this.responses = options.method().equals("exact")
        ? new ExactBestResponses(g)
        : new QLearningBestResponses(g, options.samples(), options.seed());
  }

  /** Solves {@code game}; the main entry point. */
  public static StackelbergSolution solve(FiniteGame game, SolverOptions options) {
    return new FiniteGameSolver(game, options).solve();
  }

  /** Follower policy and mean field after the inner loop for a fixed leader policy. */
  record FollowerState(double[][][] policy, double[] mu) {}

  StackelbergSolution solve() {
    double[][] leader = SoftmaxPolicies.uniform(g.states, g.leaderActions);
    double[] mu = g.game.hasMeanField() ? MeanFieldFlow.uniform(g) : null;
    double residual = Double.POSITIVE_INFINITY;
    double lipschitz = 0;
    double previousResidual = Double.NaN;
    int iterations = 0;
    boolean converged = false;
    FollowerState follower = null;
    while (iterations < options.maxIterations()) {
      follower = followerResponse(leader, mu);
      mu = follower.mu();
      double[][] next = leaderResponse(follower);
      residual = SoftmaxPolicies.distance(next, leader);
      iterations++;
      if (previousResidual > 0 && Double.isFinite(previousResidual)) {
        lipschitz = Math.max(lipschitz, residual / previousResidual);
      }
      previousResidual = residual;
      leader = next;
      if (residual <= options.tolerance()) {
        converged = true;
        break;
      }
    }
    follower = followerResponse(leader, mu);
    lipschitz = Math.max(lipschitz, sampledLipschitz(mu));
    return new StackelbergSolution(options.method(), reshapeLeader(leader),
        reshapeFollower(follower.policy()), iterations, residual, lipschitz, converged,
        reshapeMu(follower.mu()));
  }

  /** BR_F(π_L), with the inner loop μ ← (1 − β)μ + βΓ(μ) to tolerance for mean-field games. */
  FollowerState followerResponse(double[][] leader, double[] mu) {
    if (mu == null) {
      return new FollowerState(project(responses.follower(leader, null)), null);
    }
    double[] current = mu;
    for (int tau = 0; tau < options.maxInnerIterations(); tau++) {
      double[][][] policy = project(responses.follower(leader, current));
      double[] flowed = MeanFieldFlow.gamma(g, current, leader, policy);
      double[] next = new double[current.length];
      double beta = options.meanFieldDamping();
      for (int k = 0; k < next.length; k++) {
        next[k] = (1 - beta) * current[k] + beta * flowed[k];
      }
      double change = MeanFieldFlow.l1(next, current);
      current = next;
      if (change <= options.meanFieldTolerance()) {
        break;
      }
    }
    return new FollowerState(project(responses.follower(leader, current)), current);
  }

  double[][] leaderResponse(FollowerState follower) {
    double[][] leader = responses.leader(follower.policy(), follower.mu());
    return options.epsilon() > 0 ? EpsilonNet.project(leader, options.epsilon()) : leader;
  }

  private double[][][] project(double[][][] policy) {
    return options.epsilon() > 0 ? EpsilonNet.project(policy, options.epsilon()) : policy;
  }

  /** The map T = BR_L∘BR_F (with the inner loop), as the outer iteration applies it. */
  double[][] outerMap(double[][] leader, double[] mu) {
    return leaderResponse(followerResponse(leader, mu));
  }

  /** max ‖T(π) − T(π')‖ / ‖π − π'‖ over random pairs, far apart and close together. */
  private double sampledLipschitz(double[] mu) {
    Rng rng = new Rng(Rng.mix(options.seed(), 99));
    double worst = 0;
    double[] mixes = {1.0, 0.1, 0.01};
    for (int pair = 0; pair < options.lipschitzPairs(); pair++) {
      double[][] a = randomPolicy(rng);
      double[][] b = randomPolicy(rng);
      double t = mixes[pair % mixes.length];
      for (int s = 0; s < g.states; s++) {
        for (int k = 0; k < g.leaderActions; k++) {
          b[s][k] = (1 - t) * a[s][k] + t * b[s][k];
        }
      }
      double d = SoftmaxPolicies.distance(a, b);
      if (d < 1e-12) {
        continue;
      }
      worst = Math.max(worst, SoftmaxPolicies.distance(outerMap(a, mu), outerMap(b, mu)) / d);
    }
    return worst;
  }

  private double[][] randomPolicy(Rng rng) {
    double[][] p = new double[g.states][g.leaderActions];
    for (int s = 0; s < g.states; s++) {
      double sum = 0;
      for (int k = 0; k < g.leaderActions; k++) {
        p[s][k] = -Math.log(1 - rng.nextDouble());
        sum += p[s][k];
      }
      for (int k = 0; k < g.leaderActions; k++) {
        p[s][k] /= sum;
      }
    }
    return p;
  }

  private double[][][] reshapeLeader(double[][] leader) {
    int nL = g.game.leader().states();
    double[][][] out = new double[nL][g.followerStates][];
    for (int s = 0; s < g.states; s++) {
      out[g.leaderStateOf(s)][g.followerStateOf(s)] = leader[s].clone();
    }
    return out;
  }

  private double[][][][] reshapeFollower(double[][][] follower) {
    int nL = g.game.leader().states();
    double[][][][] out = new double[nL][g.followerStates][][];
    for (int s = 0; s < g.states; s++) {
      double[][] copy = new double[g.leaderActions][];
      for (int aL = 0; aL < g.leaderActions; aL++) {
        copy[aL] = follower[s][aL].clone();
      }
      out[g.leaderStateOf(s)][g.followerStateOf(s)] = copy;
    }
    return out;
  }

  private double[][] reshapeMu(double[] mu) {
    if (mu == null) {
      return null;
    }
    double[][] out = new double[g.followerStates][g.followerActions];
    for (int sF = 0; sF < g.followerStates; sF++) {
      for (int aF = 0; aF < g.followerActions; aF++) {
        out[sF][aF] = mu[sF * g.followerActions + aF];
      }
    }
    return out;
  }

  // Package-private views for tests.
  double[][] leaderJoint(StackelbergSolution sol) {
    double[][] p = new double[g.states][];
    for (int s = 0; s < g.states; s++) {
      p[s] = sol.leaderPolicy()[g.leaderStateOf(s)][g.followerStateOf(s)];
    }
    return p;
  }

  double[] muJoint(StackelbergSolution sol) {
    if (sol.meanField() == null) {
      return null;
    }
    double[] mu = new double[g.followerStates * g.followerActions];
    for (int sF = 0; sF < g.followerStates; sF++) {
      for (int aF = 0; aF < g.followerActions; aF++) {
        mu[sF * g.followerActions + aF] = sol.meanField()[sF][aF];
      }
    }
    return mu;
  }

  JointGame joint() {
    return g;
  }
}
