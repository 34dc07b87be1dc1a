package io.stackelgrid.finitegame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** examples/games/price-and-charge.json solves to the closed form its README derives by hand. */
class ExampleGameTest {
  private static double logistic(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Test
  void theExampleGameHasTheClosedFormSolutionOfItsReadme() {
    FiniteGame game = GameFiles.read(Path.of("..", "examples", "games", "price-and-charge.json"));
    // Follower (alpha 2): charge earns 1 at a low price, -1 at a high one, waiting 0.
    double chargeLow = logistic(2 * 1);
    double chargeHigh = logistic(2 * -1);
    // Leader (alpha 5): low pays 1 if charged, high pays 3 if charged and 0.5 if not.
    double qLow = chargeLow * 1;
    double qHigh = chargeHigh * 3 + (1 - chargeHigh) * 0.5;
    double low = logistic(5 * (qLow - qHigh));
    for (String method : new String[] {"exact", "q-learning"}) {
      StackelbergSolution s = FiniteGameSolver.solve(game, SolverOptions.defaults().withMethod(method).withTolerance(1e-3));
      assertEquals(low, s.leaderPolicy()[0][0][0], 1e-9, method + ": leader's low price");
      assertEquals(chargeLow, s.followerPolicy()[0][0][0][0], 1e-9, method + ": charge after a low price");
      assertEquals(chargeHigh, s.followerPolicy()[0][0][1][0], 1e-9, method + ": charge after a high price");
    }
    assertEquals(0.6020, low, 5e-5, "the README's rounded figure");
  }
}
