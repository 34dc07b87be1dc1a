package io.stackelgrid.household;

/**
 * An aggregator's plan for one step: its policy's mean action at each SoC bin centre and the
 * spread. Households between centres use the linear interpolation of the means. A plan of moves
 * (the baseline's u ≡ 0, the hand rule) is clipped to the feasible interval whatever the
 * scenario's action map; a plan of policy actions goes through that map. Immutable.
 */
public final class ActionPlan {
  private final double[] meanBySocBin;
  private final double std;
  private final boolean constant;
  private final boolean moves;

  /**
   * @param means the mean action (or move) at each SoC bin centre
   * @param moves whether the means are battery moves u rather than policy actions a
   */
  public ActionPlan(double[] means, double std, boolean moves) {
    this.meanBySocBin = means.clone();
    this.std = std;
    this.moves = moves;
    boolean same = true;
    for (int j = 1; j < meanBySocBin.length && same; j++) {
      same = meanBySocBin[j] == meanBySocBin[0];
    }
    this.constant = same;
  }

  /** A copy of the means per SoC bin centre. */
  public double[] means() {
    return meanBySocBin.clone();
  }

  /** The mean at bin centre j. */
  public double mean(int j) {
    return meanBySocBin[j];
  }

  public int bins() {
    return meanBySocBin.length;
  }

  public double std() {
    return std;
  }

  /** Whether the means are battery moves u rather than policy actions a. */
  public boolean moves() {
    return moves;
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
