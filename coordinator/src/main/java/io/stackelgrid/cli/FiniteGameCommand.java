package io.stackelgrid.cli;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.finitegame.FiniteGame;
import io.stackelgrid.finitegame.FiniteGameSolver;
import io.stackelgrid.finitegame.GameFiles;
import io.stackelgrid.finitegame.SolverOptions;
import io.stackelgrid.finitegame.StackelbergSolution;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stackelgrid finite-game}: solves a finite Stackelberg Markov game file (MODEL.md §7). */
@Command(name = "finite-game", mixinStandardHelpOptions = true,
    description = "Solve a finite Stackelberg Markov game given as JSON (MODEL.md section 7).")
public final class FiniteGameCommand implements Callable<Integer> {
  /** Exit code when the outer iteration did not reach the tolerance. */
  static final int EXIT_NOT_CONVERGED = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--game", required = true, paramLabel = "FILE", description = "Game file (JSON).")
  Path game;

  @Option(names = "--method", defaultValue = "exact", paramLabel = "exact|q-learning",
      description = "Best responses by soft value iteration or by sample-based soft Q-learning (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--tol", defaultValue = "1e-10", paramLabel = "T",
      description = "Stop when the leader policy moves at most T in L1, max over states (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--epsilon", defaultValue = "0", paramLabel = "E",
      description = "Project policies onto the simplex grid of step E = 1/K; 0 disables (default: ${DEFAULT-VALUE}).")
  double epsilon;

  @Option(names = "--samples", defaultValue = "2000", paramLabel = "N",
      description = "q-learning: sweeps over all (state, actions) per best response (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Seed of the simulator and of the Lipschitz pairs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-iterations", defaultValue = "1000", paramLabel = "K",
      description = "Outer iterations before reporting non-convergence (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(names = "--json", description = "Print the solution as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (seed < 0) {
      throw new StackelgridException("--seed " + seed + ": a seed is 0 to " + Long.MAX_VALUE);
    }
    // Checked here so the error names the option as written (SolverOptions names its fields).
    if (maxIterations < 1) {
      throw new StackelgridException("--max-iterations " + maxIterations + ": must be at least 1");
    }
    if (samples < 1) {
      throw new StackelgridException("--samples " + samples + ": must be at least 1");
    }
    if (!(tolerance > 0)) {
      throw new StackelgridException("--tol " + tolerance + ": must be a number > 0");
    }
    if (epsilon != 0 && !(epsilon > 0 && epsilon <= 1 && Math.abs(1 / epsilon - Math.rint(1 / epsilon)) <= 1e-9)) {
      throw new StackelgridException("--epsilon " + epsilon + ": must be 0 (no projection) or 1/K for a whole K ≥ 1");
    }
    if (!method.equals("exact") && !method.equals("q-learning")) {
      throw new StackelgridException("--method " + method + ": must be exact or q-learning");
    }
    FiniteGame g = GameFiles.read(game);
    SolverOptions options = SolverOptions.defaults()
        .withMethod(method)
        .withTolerance(tolerance)
        .withEpsilon(epsilon)
        .withSamples(samples)
        .withSeed(seed)
        .withMaxIterations(maxIterations);
    StackelbergSolution solution = FiniteGameSolver.solve(g, options);
    spec.commandLine().getOut().print(json ? solution.toJson() + "\n" : solution.summary());
    spec.commandLine().getOut().flush();
    if (!solution.converged()) {
      // Not an error of the input or the run: the answer is printed, and the code says it is not final.
      spec.commandLine().getErr().println("stackelgrid: finite-game: " + game + " did not converge in "
          + solution.iterations() + " iterations (residual " + solution.residual()
          + ", Lipschitz estimate " + solution.lipschitzEstimate() + ")");
      return EXIT_NOT_CONVERGED;
    }
    return 0;
  }
}
