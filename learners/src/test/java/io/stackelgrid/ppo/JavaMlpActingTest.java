package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The acting path's shortcuts (inputs shared by every row summed once, zero products skipped,
 * four inputs per pass) give bit for bit the training path's outputs, which sum row by row.
 */
class JavaMlpActingTest {
  @Test
  void plansWhoseRowsDifferInOneInputEqualTheTrainingPath() {
    Rng rng = new Rng(5);
    MlpShape shape = MlpShape.of(15, new int[] {18, 36}, 1);
    float[] params = new float[shape.parameterCount()];
    for (int k = 0; k < params.length; k++) {
      params[k] = (float) rng.nextGaussian() * 0.5f;
    }
    // Like a plan: one-hot hour, SoC varying over 50 bins, the rest shared; then a variant where
    // the varying column is first (no shared prefix) and one where two columns vary.
    for (int variant = 0; variant < 3; variant++) {
      int rows = 50;
      float[] x = new float[rows * 15];
      float[] shared = new float[15];
      for (int i = 0; i < 15; i++) {
        shared[i] = i < 8 ? (i == 3 ? 1f : 0f) : (float) rng.nextGaussian();
      }
      for (int s = 0; s < rows; s++) {
        System.arraycopy(shared, 0, x, s * 15, 15);
        x[s * 15 + (variant == 1 ? 0 : 8)] = s / 49f;
        if (variant == 2) {
          x[s * 15 + 13] = (float) rng.nextGaussian();
        }
      }
      JavaMlp acting = new JavaMlp(shape);
      JavaMlp training = new JavaMlp(shape);
      acting.setParams(params);
      training.setParams(params);
      float[] a = new float[rows];
      float[] t = new float[rows];
      acting.predict(x, rows, a);
      training.forwardForTraining(x, rows, t);
      for (int s = 0; s < rows; s++) {
        assertEquals(Float.floatToIntBits(t[s]), Float.floatToIntBits(a[s]),
            "variant " + variant + " row " + s + ": " + a[s] + " vs " + t[s]);
      }
      // Scratch buffers are reused: a second call on other rows gives the same as a fresh net.
      float[] again = new float[8];
      acting.predict(x, 8, again);
      JavaMlp fresh = new JavaMlp(shape);
      fresh.setParams(params);
      float[] once = new float[8];
      fresh.predict(x, 8, once);
      assertEquals(java.util.Arrays.toString(once), java.util.Arrays.toString(again));
    }
  }
}
