package io.stackelgrid.ppo;

/**
 * Stable-Baselines3's initialisation: orthogonal weights (gain √2 for hidden layers, a chosen gain
 * for the output layer) and zero biases, drawn from our own generator so every engine starts from
 * the same parameters for a given seed.
 */
public final class OrthogonalInit {
  private OrthogonalInit() {}

  /** Fresh parameters for {@code shape}; the output layer uses {@code outputGain}. */
  public static float[] parameters(MlpShape shape, double outputGain, Rng rng) {
    float[] params = new float[shape.parameterCount()];
    for (int l = 0; l < shape.layers(); l++) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      double gain = l == shape.layers() - 1 ? outputGain : Math.sqrt(2);
      double[][] w = orthogonal(out, in, rng);
      int offset = shape.weightOffset(l);
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) {
          params[offset + j * in + i] = (float) (gain * w[j][i]);
        }
      }
    }
    return params;
  }

  /** A rows×cols matrix with orthonormal rows or columns (whichever are fewer). */
  static double[][] orthogonal(int rows, int cols, Rng rng) {
    int tall = Math.max(rows, cols);
    int narrow = Math.min(rows, cols);
    // Gram–Schmidt on the columns of a tall Gaussian matrix; the sign fix mirrors QR with sign(diag R).
    double[][] q = new double[narrow][tall];
    for (int c = 0; c < narrow; c++) {
      for (int r = 0; r < tall; r++) {
        q[c][r] = rng.nextGaussian();
      }
    }
    for (int c = 0; c < narrow; c++) {
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int r = 0; r < tall; r++) {
          dot += q[c][r] * q[p][r];
        }
        for (int r = 0; r < tall; r++) {
          q[c][r] -= dot * q[p][r];
        }
      }
      double norm = 0;
      for (int r = 0; r < tall; r++) {
        norm += q[c][r] * q[c][r];
      }
      norm = Math.sqrt(norm);
      for (int r = 0; r < tall; r++) {
        q[c][r] /= norm;
      }
    }
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m[r][c] = rows >= cols ? q[c][r] : q[r][c];
      }
    }
    return m;
  }
}
