package io.stackelgrid.meanfield;

/**
 * The state-of-charge grid of the mean field: B nodes x_j = j/(B−1) on [0, 1], each the centre of
 * one histogram bin (tent), so a mass at any x in [0, 1] splits between its two neighbours with
 * mass and mean preserved, including at the ends.
 */
public final class SocGrid {
  private final int bins;
  private final double[] centres;

  public SocGrid(int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("the SoC grid needs at least 2 bins, got " + bins);
    }
    this.bins = bins;
    centres = new double[bins];
    for (int j = 0; j < bins; j++) {
      centres[j] = (double) j / (bins - 1);
    }
  }

  public int bins() {
    return bins;
  }

  /** The SoC of bin j's centre. */
  public double centre(int j) {
    return centres[j];
  }

  /** Masses of SoC uniform on [0, 1] projected onto the tents (ends get half an inner bin). */
  public double[] uniform() {
    double[] m = new double[bins];
    double inner = 1.0 / (bins - 1);
    for (int j = 0; j < bins; j++) {
      m[j] = (j == 0 || j == bins - 1) ? inner / 2 : inner;
    }
    return m;
  }

  /** Adds {@code mass} at SoC x (clamped to [0, 1]) to {@code out}, split linearly between neighbours. */
  public void deposit(double[] out, double x, double mass) {
    double pos = x * (bins - 1);
    int i = (int) pos;
    if (i >= bins - 1) {
      i = bins - 2;
    } else if (i < 0) {
      i = 0;
    }
    double f = pos - i;
    if (f < 0) {
      f = 0;
    } else if (f > 1) {
      f = 1;
    }
    double upper = mass * f;
    out[i + 1] += upper;
    out[i] += mass - upper;
  }
}
