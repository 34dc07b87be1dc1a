package io.stackelgrid.ppo;

import java.util.Arrays;

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
  /** Per layer: weights [out][in] (flat) and their transpose, a row per input ([in][out]). */
  private final double[][] weights;
  private final double[][][] weightsTransposed;
  private final double[][] biases;
  /** Training: activations ([layer][unit][sample]) of the last forward pass, and the deltas. */
  private double[][][] trainUnits;
  private double[][][] trainDeltas;
  private double[] trainFlat;
  /** Training scratch: the layer's inputs per sample, and the weight gradient's rows. */
  private double[][] sampleRows;
  private double[][] gradRows;
  private int trainCapacity;
  private int cachedCount;
  /** Acting path: row-major buffers for a few rows, feature-major ones for chunks. */
  private double[][] rowScratch = new double[0][];
  /** One output row of the row-major path, summed at offset 0 so its loop vectorises. */
  private final double[] rowOut;
  private int rowScratchRows = -1;
  private double[][][] unitScratch = new double[0][][];
  private int unitScratchRows = -1;
  private double[] flatScratch = new double[0];
  private final boolean[] constantColumn;

  JavaMlp(MlpShape shape) {
    this.shape = shape;
    int layers = shape.layers();
    weights = new double[layers][];
    weightsTransposed = new double[layers][][];
    biases = new double[layers][];
    constantColumn = new boolean[shape.inputSize()];
    rowOut = new double[shape.maxWidth()];
    for (int l = 0; l < layers; l++) {
      weights[l] = new double[shape.width(l) * shape.width(l + 1)];
      weightsTransposed[l] = new double[shape.width(l)][shape.width(l + 1)];
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
      double[][] wt = weightsTransposed[l];
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) {
          double v = params[wOff + j * in + i];
          w[j * in + i] = v;
          wt[i][j] = v;
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
   * thread). Chunks of rows are processed feature-major (one array of samples per unit), so inner
   * loops run over samples and vectorise whatever the layer widths; each output still sums bias then
   * inputs in order, exactly as the training path.
   */
  void predict(float[] inputs, int count, float[] outputsOut) {
    int in = shape.inputSize();
    int outW = shape.outputSize();
    if (count < FEATURE_MAJOR_MIN_ROWS) {
      // Few rows: per-sample loops avoid the loop set-up cost of runs this short.
      double[][] acts = rowScratch(count);
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
    double[][][] acts = unitScratch(chunk);
    for (int start = 0; start < count; start += chunk) {
      int rows = Math.min(chunk, count - start);
      double[][] a0 = acts[0];
      for (int i = 0; i < in; i++) {
        double[] column = a0[i];
        for (int s = 0; s < rows; s++) {
          column[s] = inputs[(start + s) * in + i];
        }
      }
      markConstantColumns(inputs, start, rows);
      forwardFeatureMajor(acts, rows, flatScratch);
      double[][] last = acts[shape.layers()];
      for (int s = 0; s < rows; s++) {
        for (int j = 0; j < outW; j++) {
          outputsOut[(start + s) * outW + j] = (float) last[j][s];
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

  /**
   * The layers over {@code rows} samples held unit by unit. Every unit and input is its own array:
   * C2 (JDK 17) vectorises a loop reading several arrays, but not one reading a single array at
   * several run-time offsets (measured 3.5× slower per product). A layer's sums go to one flat
   * array, so tanh runs as one long vectorised loop (a loop of 50 runs mostly unvectorised), and
   * are then split into the next layer's unit arrays.
   */
  private void forwardFeatureMajor(double[][][] acts, int rows, double[] flat) {
    int layers = shape.layers();
    for (int l = 0; l < layers; l++) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      double[][] x = acts[l];
      double[][] z = acts[l + 1];
      double[] w = weights[l];
      double[] b = biases[l];
      for (int j = 0; j < out; j++) {
        double[] zj = z[j];
        if (l == 0) {
          firstLayerUnit(x, zj, w, b[j], j, rows);
          continue;
        }
        Arrays.fill(zj, 0, rows, b[j]);
        addCombination(zj, rows, w, j * in, in, x);
      }
      if (l < layers - 1) {
        // tanh as one long loop over the layer gathered end to end (per unit, loops of 50 rows run
        // mostly outside the vectorised main loop).
        for (int j = 0; j < out; j++) {
          System.arraycopy(z[j], 0, flat, j * rows, rows);
        }
        FastTanh.inPlace(flat, 0, out * rows);
        for (int j = 0; j < out; j++) {
          System.arraycopy(flat, j * rows, z[j], 0, rows);
        }
      }
    }
  }

  /**
   * One first-layer unit over a chunk whose rows share most inputs (a plan's SoC bins differ only in
   * SoC): the leading run of shared inputs is summed once, a shared input after a varying one adds
   * its one product to every row. The additions happen in the same order as the training path's, so
   * the result is bit for bit the same; a zero product is skipped, which changes no sum.
   */
  private void firstLayerUnit(double[][] x, double[] z, double[] w, double bias, int j, int rows) {
    int in = shape.inputSize();
    double shared = bias;
    int i = 0;
    for (; i < in && constantColumn[i]; i++) {
      shared += x[i][0] * w[j * in + i];
    }
    Arrays.fill(z, 0, rows, shared);
    for (; i < in; i++) {
      double wji = w[j * in + i];
      double[] xi = x[i];
      if (constantColumn[i]) {
        double product = xi[0] * wji;
        if (product != 0) {
          for (int s = 0; s < rows; s++) {
            z[s] += product;
          }
        }
      } else {
        for (int s = 0; s < rows; s++) {
          z[s] += xi[s] * wji;
        }
      }
    }
  }

  /**
   * Forward pass keeping every layer's activations (unit by unit) for {@link #backward}: the acting
   * path's feature-major layers, without its shared-input shortcut, so the sums are the same.
   */
  void forwardForTraining(float[] inputs, int count, float[] outputsOut) {
    ensureTrainingCapacity(count);
    int in = shape.inputSize();
    double[][] a0 = trainUnits[0];
    for (int i = 0; i < in; i++) {
      double[] column = a0[i];
      for (int s = 0; s < count; s++) {
        column[s] = inputs[s * in + i];
      }
    }
    Arrays.fill(constantColumn, false);
    forwardFeatureMajor(trainUnits, count, trainFlat);
    cachedCount = count;
    double[][] last = trainUnits[shape.layers()];
    int outW = shape.outputSize();
    for (int s = 0; s < count; s++) {
      for (int j = 0; j < outW; j++) {
        outputsOut[s * outW + j] = (float) last[j][s];
      }
    }
  }

  /**
   * Parameter gradients (flat layout) from output gradients of the cached forward pass. Every sum
   * runs in the order of a plain loop (samples in order for the parameter gradients, units in
   * order for the input deltas); the arrays are laid out so the innermost loops read whole arrays.
   */
  void backward(float[] outputGradients, double[] gradOut) {
    int count = cachedCount;
    int layers = shape.layers();
    int outW = shape.outputSize();
    double[][] delta = trainDeltas[layers];
    for (int j = 0; j < outW; j++) {
      double[] dj = delta[j];
      for (int s = 0; s < count; s++) {
        dj[s] = outputGradients[s * outW + j];
      }
    }
    for (int l = layers - 1; l >= 0; l--) {
      int in = shape.width(l);
      int out = shape.width(l + 1);
      double[][] prev = trainUnits[l];
      double[][] wt = weightsTransposed[l];
      int bOff = shape.biasOffset(l);
      for (int j = 0; j < out; j++) {
        double g = 0;
        double[] dj = delta[j];
        for (int s = 0; s < count; s++) {
          g += dj[s];
        }
        gradOut[bOff + j] = g;
      }
      weightGradients(prev, delta, in, out, count, gradOut, shape.weightOffset(l));
      if (l > 0) {
        double[][] prevDelta = trainDeltas[l];
        for (int i = 0; i < in; i++) {
          double[] pd = prevDelta[i];
          Arrays.fill(pd, 0, count, 0.0);
          addCombination(pd, count, wt[i], 0, out, delta); // units in order
          // The previous layer is tanh: d tanh = 1 - tanh².
          double[] a = prev[i];
          for (int s = 0; s < count; s++) {
            pd[s] *= 1 - a[s] * a[s];
          }
        }
        delta = prevDelta;
      }
    }
  }

  /**
   * dW[j][i] = Σ_s delta[j][s] · prev[i][s], summed over the samples in order, each sample's
   * inputs as their own array so the loop over inputs vectorises.
   */
  private void weightGradients(double[][] prev, double[][] delta, int in, int out, int count,
      double[] gradOut, int wOff) {
    double[][] rows = sampleRows;
    for (int s = 0; s < count; s++) {
      double[] r = rows[s];
      for (int i = 0; i < in; i++) {
        r[i] = prev[i][s];
      }
    }
    double[][] g = gradRows;
    for (int j = 0; j < out; j++) {
      double[] gj = g[j];
      Arrays.fill(gj, 0, in, 0.0);
      addCombination(gj, in, delta[j], 0, count, rows); // samples in order
      System.arraycopy(gj, 0, gradOut, wOff + j * in, in);
    }
  }

  /**
   * acc[0, width) += Σ_k coeff[coeffOff + k] · rows[k][0, width) for k below {@code count}: four
   * rows per pass (one load and store of acc per four products), the additions in k order, so the
   * sum is the one a plain loop over k gives. Every row is its own array: C2 vectorises the loop
   * over t only then. Serves the forward pass (inputs × weights), the input deltas (deltas ×
   * weights) and the weight gradients (deltas × inputs).
   */
  private static void addCombination(double[] acc, int width, double[] coeff, int coeffOff, int count,
      double[][] rows) {
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      double c0 = coeff[coeffOff + k];
      double c1 = coeff[coeffOff + k + 1];
      double c2 = coeff[coeffOff + k + 2];
      double c3 = coeff[coeffOff + k + 3];
      double[] r0 = rows[k];
      double[] r1 = rows[k + 1];
      double[] r2 = rows[k + 2];
      double[] r3 = rows[k + 3];
      for (int t = 0; t < width; t++) {
        acc[t] = acc[t] + c0 * r0[t] + c1 * r1[t] + c2 * r2[t] + c3 * r3[t];
      }
    }
    for (; k < count; k++) {
      double c = coeff[coeffOff + k];
      double[] r = rows[k];
      for (int t = 0; t < width; t++) {
        acc[t] += c * r[t];
      }
    }
  }

  /** Training buffers for at least {@code count} samples, kept between calls. */
  private void ensureTrainingCapacity(int count) {
    if (trainCapacity >= count) {
      return;
    }
    int layers = shape.layers();
    int max = shape.maxWidth();
    trainUnits = new double[layers + 1][][];
    trainDeltas = new double[layers + 1][][];
    for (int l = 0; l <= layers; l++) {
      trainUnits[l] = new double[shape.width(l)][count];
      trainDeltas[l] = new double[shape.width(l)][count];
    }
    trainFlat = new double[max * count];
    sampleRows = new double[count][max];
    gradRows = new double[max][max];
    trainCapacity = count;
  }

  /** Row-major acting buffers for at least {@code rows} rows, kept between calls. */
  private double[][] rowScratch(int rows) {
    if (rowScratchRows < rows) {
      rowScratch = allocate(Math.max(1, rows));
      rowScratchRows = rows;
    }
    return rowScratch;
  }

  /** Feature-major acting buffers ([layer][unit][row]) for at least {@code rows} rows. */
  private double[][][] unitScratch(int rows) {
    if (unitScratchRows < rows) {
      unitScratch = new double[shape.layers() + 1][][];
      for (int l = 0; l <= shape.layers(); l++) {
        unitScratch[l] = new double[shape.width(l)][rows];
      }
      flatScratch = new double[shape.maxWidth() * rows];
      unitScratchRows = rows;
    }
    return unitScratch;
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
      double[][] wt = weightsTransposed[l];
      double[] b = biases[l];
      boolean hidden = l < layers - 1;
      double[] row = rowOut;
      for (int s = 0; s < rows; s++) {
        System.arraycopy(b, 0, row, 0, out);
        addCombination(row, out, x, s * in, in, wt);
        System.arraycopy(row, 0, z, s * out, out);
      }
      if (hidden) {
        FastTanh.inPlace(z, 0, rows * out); // one long loop over the whole layer
      }
    }
  }
}
