package io.stackelgrid.household;

/**
 * How a follower policy's action a becomes a battery move u (MODEL.md §3), given the feasible
 * interval [lo, hi] = [max(−x, −uMax), min(1 − x, uMax)] at SoC x.
 */
public enum ActionMap {
  /**
   * a ∈ [−1, 1] (clamped) maps affinely onto [lo, hi]: every action is feasible and moves the
   * battery, so no state ignores the policy's gradient (the earlier code's action masking).
   */
  FEASIBLE("feasible"),
  /** u = a clipped to [lo, hi], a ∈ [−uMax, uMax]: an empty battery ignores every discharge. */
  CLIP("clip");

  private final String key;

  ActionMap(String key) {
    this.key = key;
  }

  /** The scenario value ({@code households.action-map}). */
  public String key() {
    return key;
  }

  /** The map named {@code key}, or null. */
  public static ActionMap byKey(String key) {
    for (ActionMap m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    return null;
  }

  /** Smallest action a policy acting under this map emits. */
  public double actionLow(double maxAction) {
    return this == FEASIBLE ? -1 : -maxAction;
  }

  /** Largest action a policy acting under this map emits. */
  public double actionHigh(double maxAction) {
    return this == FEASIBLE ? 1 : maxAction;
  }

  /** The move from SoC {@code x} for action {@code a}, inside [lo, hi]. */
  public double move(double x, double a, double maxAction) {
    double lo = Math.max(-x, -maxAction);
    double hi = Math.min(1 - x, maxAction);
    return this == FEASIBLE ? feasible(a, lo, hi) : clip(a, lo, hi);
  }

  /** u = lo + (a + 1)/2 · (hi − lo), a clamped to [−1, 1]. */
  public static double feasible(double a, double lo, double hi) {
    double c = a < -1 ? -1 : (a > 1 ? 1 : a);
    return lo + (c + 1) * 0.5 * (hi - lo);
  }

  /** u = a clipped to [lo, hi]. */
  public static double clip(double a, double lo, double hi) {
    return a < lo ? lo : (a > hi ? hi : a);
  }
}
