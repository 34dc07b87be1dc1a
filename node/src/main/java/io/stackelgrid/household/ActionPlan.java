package io.stackelgrid.household;

/**
 * An aggregator's plan for one step: its policy's mean action at each SoC bin centre and the
 * spread. Households between centres use the linear interpolation of the means. A plan of moves
 * (the baseline's u ≡ 0, the hand rule) is clipped to the feasible interval whatever the
 * scenario's action map; a plan of policy actions goes through that map.
 */
public final class ActionPlan {
  private final double[] meanBySocBin;
  private double std;
  private boolean constant;
  private boolean moves;

  public ActionPlan(int socBins) {
    meanBySocBin = new double[socBins];
  }

  /** The live array of means per SoC bin centre (fill it, then call {@link #setStd}). */
  public double[] means() {
    return meanBySocBin;
  }

  public double std() {
    return std;
  }

  /** Sets the spread and notes whether every bin has the same mean (the fast path). */
  public void setStd(double std) {
    this.std = std;
    boolean same = true;
    for (int j = 1; j < meanBySocBin.length && same; j++) {
      same = meanBySocBin[j] == meanBySocBin[0];
    }
    constant = same;
  }

  /** Whether the means are battery moves u rather than policy actions a. */
  public boolean moves() {
    return moves;
  }

  /** Marks the means as moves (true) or policy actions (false). */
  public void setMoves(boolean moves) {
    this.moves = moves;
  }

  /** Whether the mean action does not depend on SoC. */
  public boolean constant() {
    return constant;
  }

  /** The mean action at SoC x, linear between bin centres. */
  public double meanAt(double x) {
    if (constant) {
      return meanBySocBin[0];
    }
    int last = meanBySocBin.length - 1;
    double pos = x * last;
    int i = (int) pos;
    if (i >= last) {
      return meanBySocBin[last];
    }
    if (i < 0) {
      return meanBySocBin[0];
    }
    double f = pos - i;
    return meanBySocBin[i] + f * (meanBySocBin[i + 1] - meanBySocBin[i]);
  }
}
