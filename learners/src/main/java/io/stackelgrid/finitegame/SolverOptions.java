package io.stackelgrid.finitegame;

import io.stackelgrid.common.StackelgridException;

/**
 * How to solve a finite game.
 *
 * @param method {@code exact} or {@code q-learning}
 * @param tolerance stop when ‖π_L^{k+1} − π_L^k‖_1 (max over states) is at most this
 * @param epsilon ε-net step (1/K) for projecting both policies; 0 disables the projection
 * @param samples sweeps over all (s, aL, aF) per q-learning best response
 * @param seed seed of the q-learning simulator and of the Lipschitz pairs
 * @param maxIterations outer iterations before reporting non-convergence
 * @param lipschitzPairs random policy pairs for the d_L·d_F estimate
 * @param meanFieldTolerance inner-loop tolerance on ‖μ^{τ+1} − μ^τ‖_1
 * @param meanFieldDamping β in μ ← (1 − β)μ + βΓ(μ)
 * @param maxInnerIterations inner-loop cap per outer iteration
 */
public record SolverOptions(
    String method,
    double tolerance,
    double epsilon,
    int samples,
    long seed,
    int maxIterations,
    int lipschitzPairs,
    double meanFieldTolerance,
    double meanFieldDamping,
    int maxInnerIterations) {

  public SolverOptions {
    if (!method.equals("exact") && !method.equals("q-learning")) {
      throw new StackelgridException("method '" + method + "' is not one of exact, q-learning");
    }
    if (!(tolerance > 0)) {
      throw new StackelgridException("tolerance must be positive, got " + tolerance);
    }
    if (epsilon != 0) {
      double k = 1 / epsilon;
      if (!(epsilon > 0 && epsilon <= 1) || Math.abs(k - Math.rint(k)) > 1e-9) {
        throw new StackelgridException("epsilon must be 1/K for a positive integer K, got " + epsilon);
      }
    }
    if (samples <= 0 || maxIterations <= 0 || lipschitzPairs < 0 || maxInnerIterations <= 0) {
      throw new StackelgridException("samples, maxIterations and maxInnerIterations must be positive");
    }
    if (!(meanFieldDamping > 0 && meanFieldDamping <= 1)) {
      throw new StackelgridException("mean-field damping must be in (0, 1], got " + meanFieldDamping);
    }
  }

  /** Exact solver, tolerance 1e-10, no projection, 1000 iterations, 16 Lipschitz pairs. */
  public static SolverOptions defaults() {
    return new SolverOptions("exact", 1e-10, 0, 2000, 0, 1000, 16, 1e-10, 1.0, 1000);
  }

  public SolverOptions withMethod(String m) {
    return new SolverOptions(m, tolerance, epsilon, samples, seed, maxIterations, lipschitzPairs,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withTolerance(double t) {
    return new SolverOptions(method, t, epsilon, samples, seed, maxIterations, lipschitzPairs,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withEpsilon(double e) {
    return new SolverOptions(method, tolerance, e, samples, seed, maxIterations, lipschitzPairs,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withSamples(int n) {
    return new SolverOptions(method, tolerance, epsilon, n, seed, maxIterations, lipschitzPairs,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withSeed(long s) {
    return new SolverOptions(method, tolerance, epsilon, samples, s, maxIterations, lipschitzPairs,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withMaxIterations(int n) {
    return new SolverOptions(method, tolerance, epsilon, samples, seed, n, lipschitzPairs,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withLipschitzPairs(int n) {
    return new SolverOptions(method, tolerance, epsilon, samples, seed, maxIterations, n,
        meanFieldTolerance, meanFieldDamping, maxInnerIterations);
  }

  public SolverOptions withMeanField(double tol, double damping, int maxInner) {
    return new SolverOptions(method, tolerance, epsilon, samples, seed, maxIterations,
        lipschitzPairs, tol, damping, maxInner);
  }
}
