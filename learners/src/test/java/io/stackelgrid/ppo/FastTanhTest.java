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

  @Test
  void arrayFormMatchesMathTanhAndKeepsLimitsAndNaN() {
    Rng rng = new Rng(2);
    double[] x = new double[1001];
    for (int k = 0; k < x.length - 5; k++) {
      x[k] = (rng.nextDouble() - 0.5) * 60;
    }
    x[996] = Double.NaN;
    x[997] = 1e9;
    x[998] = -1e9;
    x[999] = 0.0;
    x[1000] = -0.0;
    double[] z = x.clone();
    FastTanh.inPlace(z, 0, z.length);
    for (int k = 0; k < x.length; k++) {
      double exact = Math.tanh(x[k]);
      double err = Math.abs(z[k] - exact) / Math.max(Math.abs(exact), 1e-300);
      assertTrue(Double.isNaN(exact) ? Double.isNaN(z[k]) : err < 5e-14,
          "x = " + x[k] + ": " + z[k] + " vs " + exact);
    }
    assertTrue(Double.doubleToRawLongBits(z[1000]) == Double.doubleToRawLongBits(-0.0), "tanh(-0) = -0");
  }
}
