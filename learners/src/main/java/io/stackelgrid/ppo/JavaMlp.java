package io.stackelgrid.ppo;

/**
 * A dense tanh MLP with an identity output layer in plain Java, computing in double precision from
 * float parameters. Inner loops are written as axpy over contiguous rows so the JIT vectorises them.
 */
final class JavaMlp {
  /** Rows per chunk on the acting path, so 10^6 observations need no 10^6-row buffers. */
  private static final int ACT_CHUNK_ROWS = 256;
  /** Below this many rows the acting path stays row-major (measured: 1 row 1.0 vs 3.8 µs). */
  private static final int FEATURE_MAJOR_MIN_ROWS = 16;

  private final MlpShape shape;
  /** Per layer: weights [out][in] (for backward) and their transpose [in][out] (for forward). */
  private final double[][] weights;
  private final double[][] weightsTransposed;
  private final double[][] biases;
  /** Activations of the last training forward pass, per layer (0 = input). */
  private double[][] cachedActivations = new double[0][];
  private int cachedCount;
  /** Acting path: activation buffers (stride = rows per chunk) and the chunk's shared inputs. */
  private double[][] actScratch = new double[0][];
  private int actScratchRows = -1;
  private final boolean[] constantColumn;

  JavaMlp(MlpShape shape) {
    this.shape = shape;
    int layers = shape.layers();
    weights = new double[layers][];
    weightsTransposed = new double[layers][];
    biases = new double[layers][];
    constantColumn = new boolean[shape.inputSize()];
    for (int l = 0; l < layers; l++) {
      weights[l] = new double[shape.width(l) * shape.width(l + 1)];
      weightsTransposed[l] = new double[weights[l].length];
      biases[l] = new double[shape.width(l + 1)];
    }
  }

  MlpShape shape() {
    return shape;
  }

  void setParams(float[] params) {
    for (int l = 0; l < shape.layers(); l++) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      int wOff = shape.weightOffset(l);
      double[] w = weights[l];
      double[] wt = weightsTransposed[l];
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) {
          double v = params[wOff + j * in + i];
          w[j * in + i] = v;
          wt[i * out + j] = v;
        }
      }
      int bOff = shape.biasOffset(l);
      for (int j = 0; j < out; j++) {
        biases[l][j] = params[bOff + j];
      }
    }
  }

  /**
   * Outputs for {@code count} rows (no state kept beyond scratch buffers, so one instance per
   * thread). Chunks of rows are processed feature-major (one contiguous run of samples per unit), so
   * inner loops are long and vectorise whatever the layer widths; each output still sums bias then
   * inputs in order, exactly as the training path.
   */
  void predict(float[] inputs, int count, float[] outputsOut) {
    int in = shape.inputSize();
    int outW = shape.outputSize();
    if (count < FEATURE_MAJOR_MIN_ROWS) {
      // Few rows: per-sample loops avoid the loop set-up cost of runs this short.
      double[][] acts = actScratch(count, false);
      for (int k = 0; k < count * in; k++) {
        acts[0][k] = inputs[k];
      }
      forward(acts, count);
      double[] last = acts[shape.layers()];
      for (int k = 0; k < count * outW; k++) {
        outputsOut[k] = (float) last[k];
      }
      return;
    }
    int chunk = Math.min(ACT_CHUNK_ROWS, count);
    double[][] acts = actScratch(chunk, true);
    for (int start = 0; start < count; start += chunk) {
      int rows = Math.min(chunk, count - start);
      double[] a0 = acts[0];
      for (int s = 0; s < rows; s++) {
        int row = (start + s) * in;
        for (int i = 0; i < in; i++) {
          a0[i * chunk + s] = inputs[row + i];
        }
      }
      markConstantColumns(inputs, start, rows);
      forwardFeatureMajor(acts, chunk, rows);
      double[] last = acts[shape.layers()];
      for (int s = 0; s < rows; s++) {
        for (int j = 0; j < outW; j++) {
          outputsOut[(start + s) * outW + j] = (float) last[j * chunk + s];
        }
      }
    }
  }

  /** Notes which input columns hold the same value in every row of the chunk. */
  private void markConstantColumns(float[] inputs, int start, int rows) {
    int in = shape.inputSize();
    for (int i = 0; i < in; i++) {
      float first = inputs[start * in + i];
      boolean same = true;
      for (int s = 1; s < rows && same; s++) {
        same = Float.floatToRawIntBits(inputs[(start + s) * in + i]) == Float.floatToRawIntBits(first);
      }
      constantColumn[i] = same;
    }
  }

  private void forwardFeatureMajor(double[][] acts, int stride, int rows) {
    int layers = shape.layers();
    for (int l = 0; l < layers; l++) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      double[] x = acts[l];
      double[] z = acts[l + 1];
      double[] w = weights[l];
      double[] b = biases[l];
      boolean hidden = l < layers - 1;
      for (int j = 0; j < out; j++) {
        int zOff = j * stride;
        if (l == 0) {
          firstLayerUnit(x, z, w, b[j], j, stride, rows);
        } else {
          java.util.Arrays.fill(z, zOff, zOff + rows, b[j]);
          int i = 0;
          // Four inputs per pass over the rows: one load and store of z per four products, the
          // additions still in input order.
          for (; i + 4 <= in; i += 4) {
            int wRow = j * in + i;
            double w0 = w[wRow];
            double w1 = w[wRow + 1];
            double w2 = w[wRow + 2];
            double w3 = w[wRow + 3];
            int x0 = i * stride;
            int x1 = x0 + stride;
            int x2 = x1 + stride;
            int x3 = x2 + stride;
            for (int s = 0; s < rows; s++) {
              z[zOff + s] = z[zOff + s] + x[x0 + s] * w0 + x[x1 + s] * w1 + x[x2 + s] * w2
                  + x[x3 + s] * w3;
            }
          }
          for (; i < in; i++) {
            double wji = w[j * in + i];
            int xOff = i * stride;
            for (int s = 0; s < rows; s++) {
              z[zOff + s] += x[xOff + s] * wji;
            }
          }
        }
      }
      if (hidden) {
        // One long loop over every unit's rows (and the unused tail rows of a short last chunk,
        // which are finite and ignored) instead of one short loop per unit.
        FastTanh.inPlace(z, 0, out * stride);
      }
    }
  }

  /**
   * One first-layer unit over a chunk whose rows share most inputs (a plan's SoC bins differ only in
   * SoC): the leading run of shared inputs is summed once, a shared input after a varying one adds
   * its one product to every row. The additions happen in the same order as the training path's, so
   * the result is bit for bit the same; a zero product is skipped, which changes no sum.
   */
  private void firstLayerUnit(double[] x, double[] z, double[] w, double bias, int j, int stride,
      int rows) {
    int in = shape.inputSize();
    int zOff = j * stride;
    double shared = bias;
    int i = 0;
    for (; i < in && constantColumn[i]; i++) {
      shared += x[i * stride] * w[j * in + i];
    }
    java.util.Arrays.fill(z, zOff, zOff + rows, shared);
    for (; i < in; i++) {
      double wji = w[j * in + i];
      int xOff = i * stride;
      if (constantColumn[i]) {
        double product = x[xOff] * wji;
        if (product != 0) {
          for (int s = 0; s < rows; s++) {
            z[zOff + s] += product;
          }
        }
      } else {
        for (int s = 0; s < rows; s++) {
          z[zOff + s] += x[xOff + s] * wji;
        }
      }
    }
  }

  /** Forward pass keeping every layer's activations for {@link #backward}. */
  void forwardForTraining(float[] inputs, int count, float[] outputsOut) {
    if (cachedActivations.length == 0 || cachedActivations[0].length < count * shape.inputSize()) {
      cachedActivations = allocate(count);
    }
    int in = shape.inputSize();
    for (int k = 0; k < count * in; k++) {
      cachedActivations[0][k] = inputs[k];
    }
    forward(cachedActivations, count);
    cachedCount = count;
    double[] last = cachedActivations[shape.layers()];
    int outW = shape.outputSize();
    for (int k = 0; k < count * outW; k++) {
      outputsOut[k] = (float) last[k];
    }
  }

  /** Parameter gradients (flat layout) from output gradients of the cached forward pass. */
  void backward(float[] outputGradients, double[] gradOut) {
    int count = cachedCount;
    int layers = shape.layers();
    java.util.Arrays.fill(gradOut, 0.0);
    double[] delta = new double[count * shape.outputSize()];
    for (int k = 0; k < delta.length; k++) {
      delta[k] = outputGradients[k];
    }
    for (int l = layers - 1; l >= 0; l--) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      double[] prev = cachedActivations[l];
      double[] w = weights[l];
      int wOff = shape.weightOffset(l);
      int bOff = shape.biasOffset(l);
      double[] prevDelta = l > 0 ? new double[count * in] : null;
      int s = 0;
      // Four samples per pass over each gradient row: one load and store per four products, the
      // additions still in sample order (zero deltas add exact zeros).
      for (; s + 4 <= count; s += 4) {
        int a0 = s * in;
        int a1 = a0 + in;
        int a2 = a1 + in;
        int a3 = a2 + in;
        for (int j = 0; j < out; j++) {
          double d0 = delta[s * out + j];
          double d1 = delta[(s + 1) * out + j];
          double d2 = delta[(s + 2) * out + j];
          double d3 = delta[(s + 3) * out + j];
          gradOut[bOff + j] = gradOut[bOff + j] + d0 + d1 + d2 + d3;
          int g = wOff + j * in;
          for (int i = 0; i < in; i++) {
            gradOut[g + i] = gradOut[g + i] + d0 * prev[a0 + i] + d1 * prev[a1 + i]
                + d2 * prev[a2 + i] + d3 * prev[a3 + i];
          }
        }
      }
      for (; s < count; s++) {
        int aRow = s * in;
        for (int j = 0; j < out; j++) {
          double d = delta[s * out + j];
          gradOut[bOff + j] += d;
          int g = wOff + j * in;
          for (int i = 0; i < in; i++) {
            gradOut[g + i] += d * prev[aRow + i];
          }
        }
      }
      if (prevDelta != null) {
        for (int r = 0; r < count; r++) {
          addRowCombination(prevDelta, r * in, in, delta, r * out, out, w);
        }
      }
      if (prevDelta != null) {
        // The previous layer is tanh: d tanh = 1 - tanh².
        for (int k = 0; k < count * in; k++) {
          double a = prev[k];
          prevDelta[k] *= 1 - a * a;
        }
        delta = prevDelta;
      }
    }
  }

  /**
   * acc[accOff, accOff + width) += Σ_k coeff[coeffOff + k] · m row k (rows of {@code width}, k below
   * {@code count}): four rows per pass (one load and store per four products), the additions in row
   * order, so every caller gets the sum a plain loop over k would give; zero coefficients add exact
   * zeros. Serves the forward pass (inputs times transposed weights) and the input deltas.
   */
  private static void addRowCombination(double[] acc, int accOff, int width, double[] coeff, int coeffOff,
      int count, double[] m) {
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      double c0 = coeff[coeffOff + k];
      double c1 = coeff[coeffOff + k + 1];
      double c2 = coeff[coeffOff + k + 2];
      double c3 = coeff[coeffOff + k + 3];
      int m0 = k * width;
      int m1 = m0 + width;
      int m2 = m1 + width;
      int m3 = m2 + width;
      for (int t = 0; t < width; t++) {
        acc[accOff + t] = acc[accOff + t] + c0 * m[m0 + t] + c1 * m[m1 + t] + c2 * m[m2 + t] + c3 * m[m3 + t];
      }
    }
    for (; k < count; k++) {
      double c = coeff[coeffOff + k];
      int row = k * width;
      for (int t = 0; t < width; t++) {
        acc[accOff + t] += c * m[row + t];
      }
    }
  }

  /**
   * The acting path's activation buffers for {@code rows} rows, kept between calls; feature-major
   * buffers need exactly that many rows (it is their stride), row-major ones at least that many.
   */
  private double[][] actScratch(int rows, boolean exact) {
    if (exact ? actScratchRows != rows : actScratchRows < rows) {
      actScratch = allocate(Math.max(1, rows));
      actScratchRows = rows;
    }
    return actScratch;
  }

  private double[][] allocate(int rows) {
    double[][] acts = new double[shape.layers() + 1][];
    for (int l = 0; l <= shape.layers(); l++) {
      acts[l] = new double[rows * shape.width(l)];
    }
    return acts;
  }

  private void forward(double[][] acts, int rows) {
    int layers = shape.layers();
    for (int l = 0; l < layers; l++) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      double[] x = acts[l];
      double[] z = acts[l + 1];
      double[] wt = weightsTransposed[l];
      double[] b = biases[l];
      boolean hidden = l < layers - 1;
      for (int s = 0; s < rows; s++) {
        int zRow = s * out;
        System.arraycopy(b, 0, z, zRow, out);
        addRowCombination(z, zRow, out, x, s * in, in, wt);
      }
      if (hidden) {
        FastTanh.inPlace(z, 0, rows * out); // one long loop over the whole layer
      }
    }
  }
}
