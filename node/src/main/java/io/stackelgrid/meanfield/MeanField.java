package io.stackelgrid.meanfield;

/**
 * μ_F of MODEL.md §5: per prosumer cohort (one per bus in three-bus) the masses over SoC bins and
 * the histogram of the last step's actions. Masses of a cohort sum to 1.
 */
public final class MeanField {
  private final double[][] soc;
  private final double[][] action;

  private MeanField(double[][] soc, double[][] action) {
    this.soc = soc;
    this.action = action;
  }

  /** Every cohort with SoC uniform on [0, 1] and an empty action histogram. */
  public static MeanField uniform(SocGrid grid, int cohorts, int actionBins) {
    double[][] soc = new double[cohorts][];
    for (int c = 0; c < cohorts; c++) {
      soc[c] = grid.uniform();
    }
    return new MeanField(soc, new double[cohorts][actionBins]);
  }

  /** Every cohort with all of its mass at SoC x. */
  public static MeanField point(SocGrid grid, int cohorts, int actionBins, double x) {
    double[][] soc = new double[cohorts][grid.bins()];
    for (int c = 0; c < cohorts; c++) {
      grid.deposit(soc[c], x, 1.0);
    }
    return new MeanField(soc, new double[cohorts][actionBins]);
  }

  public int cohorts() {
    return soc.length;
  }

  /** The SoC masses of cohort c (live array). */
  public double[] soc(int c) {
    return soc[c];
  }

  /** The action histogram of cohort c (live array). */
  public double[] action(int c) {
    return action[c];
  }

  public MeanField copy() {
    double[][] s = new double[soc.length][];
    double[][] a = new double[action.length][];
    for (int c = 0; c < soc.length; c++) {
      s[c] = soc[c].clone();
      a[c] = action[c].clone();
    }
    return new MeanField(s, a);
  }

  /** Mean SoC of cohort c. */
  public double meanSoc(SocGrid grid, int c) {
    double mean = 0;
    double[] m = soc[c];
    for (int j = 0; j < m.length; j++) {
      mean += m[j] * grid.centre(j);
    }
    return mean;
  }

  /** Total mass of cohort c (1 up to rounding). */
  public double mass(int c) {
    double sum = 0;
    for (double v : soc[c]) {
      sum += v;
    }
    return sum;
  }

  /** μ ← (1 − β)μ + β·next, the damping of the inner loop. */
  public void mixIn(MeanField next, double beta) {
    for (int c = 0; c < soc.length; c++) {
      for (int j = 0; j < soc[c].length; j++) {
        soc[c][j] = (1 - beta) * soc[c][j] + beta * next.soc[c][j];
      }
      for (int j = 0; j < action[c].length; j++) {
        action[c][j] = (1 - beta) * action[c][j] + beta * next.action[c][j];
      }
    }
  }

  /** Σ_c ‖μ_c − other_c‖₁ over SoC masses, the inner loop's distance. */
  public double l1Distance(MeanField other) {
    double d = 0;
    for (int c = 0; c < soc.length; c++) {
      for (int j = 0; j < soc[c].length; j++) {
        d += Math.abs(soc[c][j] - other.soc[c][j]);
      }
    }
    return d;
  }

  /** Replaces this state with {@code other}'s (same shape). */
  public void set(MeanField other) {
    for (int c = 0; c < soc.length; c++) {
      System.arraycopy(other.soc[c], 0, soc[c], 0, soc[c].length);
      System.arraycopy(other.action[c], 0, action[c], 0, action[c].length);
    }
  }
}
