package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fast tanh equals Math.tanh to 5e-14 relative over the whole range. */
class FastTanhTest {
  @Test
  void matchesMathTanh() {
    Rng rng = new Rng(1);
    for (int k = 0; k < 200_000; k++) {
      double x = (rng.nextDouble() - 0.5) * Math.pow(10, 4 * rng.nextDouble() - 3) * 2;
      double exact = Math.tanh(x);
      double err = Math.abs(FastTanh.of(x) - exact) / Math.max(Math.abs(exact), 1e-300);
      assertTrue(err < 5e-14, "x = " + x + ": relative error " + err);
    }
  }
}
