package io.stackelgrid.ppo;

import java.util.Arrays;

/**
 * Layer widths of a dense MLP (input first, output last) and where each layer's parameters sit in
 * the flat array: per layer the weights, one row over the inputs per output unit, then the biases.
 * This is DL4J's layout of a DenseLayer ('f'-ordered [nIn, nOut] weights, then bias).
 */
public final class MlpShape {
  private final int[] widths;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final int parameterCount;

  /** Shape with the given widths, e.g. {@code [15, 18, 36, 1]}. */
  public MlpShape(int... widths) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("an MLP needs an input and an output width");
    }
    for (int w : widths) {
      if (w <= 0) {
        throw new IllegalArgumentException("layer widths must be positive: " + Arrays.toString(widths));
      }
    }
    this.widths = widths.clone();
    weightOffsets = new int[widths.length - 1];
    biasOffsets = new int[widths.length - 1];
    int offset = 0;
    for (int l = 0; l < widths.length - 1; l++) {
      weightOffsets[l] = offset;
      offset += widths[l] * widths[l + 1];
      biasOffsets[l] = offset;
      offset += widths[l + 1];
    }
    parameterCount = offset;
  }

  /** Input, hidden and output widths. */
  public int[] widths() {
    return widths.clone();
  }

  public int width(int index) {
    return widths[index];
  }

  /** Number of weight layers (widths minus one). */
  public int layers() {
    return widths.length - 1;
  }

  public int inputSize() {
    return widths[0];
  }

  public int outputSize() {
    return widths[widths.length - 1];
  }

  /** Largest width, for scratch buffers. */
  public int maxWidth() {
    return Arrays.stream(widths).max().orElseThrow();
  }

  public int weightOffset(int layer) {
    return weightOffsets[layer];
  }

  public int biasOffset(int layer) {
    return biasOffsets[layer];
  }

  public int parameterCount() {
    return parameterCount;
  }

  /** Widths {@code [input, hidden..., output]}. */
  public static MlpShape of(int input, int[] hidden, int output) {
    int[] w = new int[hidden.length + 2];
    w[0] = input;
    System.arraycopy(hidden, 0, w, 1, hidden.length);
    w[w.length - 1] = output;
    return new MlpShape(w);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpShape other && Arrays.equals(widths, other.widths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(widths);
  }

  @Override
  public String toString() {
    return Arrays.toString(widths);
  }
}
