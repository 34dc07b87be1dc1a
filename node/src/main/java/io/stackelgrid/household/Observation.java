package io.stackelgrid.household;

import io.stackelgrid.scenario.TariffBounds;

/**
 * The follower's observation of MODEL.md §6, 15 floats: one-hot step of day (8), own SoC, own
 * shape value, LMP belief for this step and the next (÷ price scale), buy and sell add-on (mapped
 * to [−1, 1] over their bounds), mean SoC of the bus. Unknown beliefs are 0.
 */
public final class Observation {
  /** Floats per observation. */
  public static final int SIZE = 15;
  /** Offset of the one-hot step of day. */
  public static final int HOUR = 0;
  public static final int SOC = 8;
  public static final int SHAPE = 9;
  public static final int BELIEF_NOW = 10;
  public static final int BELIEF_NEXT = 11;
  public static final int BUY_ADD_ON = 12;
  public static final int SELL_ADD_ON = 13;
  public static final int BUS_MEAN_SOC = 14;

  private Observation() {}

  /** Writes one observation at {@code offset}; the day must have 8 steps (the one-hot's length). */
  public static void fill(float[] out, int offset, int hour, double soc, double shape,
      double beliefNowUsdPerMwh, double beliefNextUsdPerMwh, double priceScaleUsdPerMwh,
      double buyAddOnUsdPerKwh, double sellAddOnUsdPerKwh, TariffBounds bounds, double busMeanSoc) {
    for (int h = 0; h < 8; h++) {
      out[offset + HOUR + h] = h == hour ? 1f : 0f;
    }
    out[offset + SOC] = (float) soc;
    out[offset + SHAPE] = (float) shape;
    out[offset + BELIEF_NOW] = (float) (Double.isNaN(beliefNowUsdPerMwh) ? 0 : beliefNowUsdPerMwh / priceScaleUsdPerMwh);
    out[offset + BELIEF_NEXT] = (float) (Double.isNaN(beliefNextUsdPerMwh) ? 0 : beliefNextUsdPerMwh / priceScaleUsdPerMwh);
    out[offset + BUY_ADD_ON] = (float) toUnit(buyAddOnUsdPerKwh, bounds.buyAddOnUsdPerKwh());
    out[offset + SELL_ADD_ON] = (float) toUnit(sellAddOnUsdPerKwh, bounds.sellAddOnUsdPerKwh());
    out[offset + BUS_MEAN_SOC] = (float) busMeanSoc;
  }

  /** The step of day encoded in the one-hot at {@code offset}. */
  public static int hour(float[] obs, int offset) {
    for (int h = 0; h < 8; h++) {
      if (obs[offset + HOUR + h] > 0.5f) {
        return h;
      }
    }
    throw new IllegalArgumentException("observation at " + offset + " has no step-of-day one-hot");
  }

  private static double toUnit(double v, TariffBounds.Range r) {
    double half = (r.max() - r.min()) / 2;
    return half == 0 ? 0 : (v - (r.min() + half)) / half;
  }
}
