package io.stackelgrid.household;

import io.stackelgrid.scenario.TariffBounds;

/**
 * The follower's observation of MODEL.md §6, sized by the day: one-hot step of day (steps-per-day
 * values), own SoC, own shape value, LMP belief for this step and the next (÷ price scale), buy and
 * sell add-on (mapped to [−1, 1] over their bounds), mean SoC of the bus. 15 floats on a day of 8
 * steps. Unknown beliefs are 0.
 */
public final class Observation {
  /** Floats after the one-hot. */
  private static final int TAIL = 7;

  private final int stepsPerDay;

  public Observation(int stepsPerDay) {
    if (stepsPerDay < 1) {
      throw new IllegalArgumentException("a day needs at least one step, got " + stepsPerDay);
    }
    this.stepsPerDay = stepsPerDay;
  }

  /** Floats per observation. */
  public int size() {
    return stepsPerDay + TAIL;
  }

  public int stepsPerDay() {
    return stepsPerDay;
  }

  /** Offset of own SoC (the only value that differs between a plan's SoC bins). */
  public int soc() {
    return stepsPerDay;
  }

  /** Offset of the bus's mean SoC. */
  public int busMeanSoc() {
    return stepsPerDay + 6;
  }

  /** Writes one observation at {@code offset}. */
  public void fill(float[] out, int offset, int hour, double soc, double shape, double beliefNowUsdPerMwh,
      double beliefNextUsdPerMwh, double priceScaleUsdPerMwh, double buyAddOnUsdPerKwh, double sellAddOnUsdPerKwh,
      TariffBounds bounds, double busMeanSoc) {
    for (int h = 0; h < stepsPerDay; h++) {
      out[offset + h] = h == hour ? 1f : 0f;
    }
    int o = offset + stepsPerDay;
    out[o] = (float) soc;
    out[o + 1] = (float) shape;
    out[o + 2] = (float) (Double.isNaN(beliefNowUsdPerMwh) ? 0 : beliefNowUsdPerMwh / priceScaleUsdPerMwh);
    out[o + 3] = (float) (Double.isNaN(beliefNextUsdPerMwh) ? 0 : beliefNextUsdPerMwh / priceScaleUsdPerMwh);
    out[o + 4] = (float) toUnit(buyAddOnUsdPerKwh, bounds.buyAddOnUsdPerKwh());
    out[o + 5] = (float) toUnit(sellAddOnUsdPerKwh, bounds.sellAddOnUsdPerKwh());
    out[o + 6] = (float) busMeanSoc;
  }

  /** The step of day encoded in the one-hot of the observation at {@code offset}. */
  public int hour(float[] obs, int offset) {
    for (int h = 0; h < stepsPerDay; h++) {
      if (obs[offset + h] > 0.5f) {
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
