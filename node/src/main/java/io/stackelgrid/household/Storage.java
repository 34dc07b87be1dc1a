package io.stackelgrid.household;

/**
 * A prosumer's battery (MODEL.md §3): SoC x in [0, 1], action u = change of x as a fraction of
 * capacity, clipped to [max(−x, −uMax), min(1 − x, uMax)]; grid energy u·C/η charging, u·C·η
 * discharging.
 */
public final class Storage {
  private Storage() {}

  /** The action actually taken from SoC x when {@code wanted} is asked. */
  public static double clip(double x, double wanted, double maxAction) {
    double lo = Math.max(-x, -maxAction);
    double hi = Math.min(1 - x, maxAction);
    return wanted < lo ? lo : (wanted > hi ? hi : wanted);
  }

  /** Energy the battery draws from the grid for action u (negative: it delivers), kWh. */
  public static double gridKwh(double u, double capacityKwh, double efficiency) {
    return u >= 0 ? u * capacityKwh / efficiency : u * capacityKwh * efficiency;
  }
}
