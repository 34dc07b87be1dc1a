package io.stackelgrid.game;

import io.stackelgrid.scenario.TariffBounds;
import io.stackelgrid.tariff.Tariff;

/**
 * The leader's action ↔ tariff map of MODEL.md §6: (buy, sell, f_1 … f_G), each in [−1, 1] mapped
 * linearly onto its bounds of §4; also the normalised L1 distance used for freezing.
 */
public final class TariffCodec {
  private final TariffBounds bounds;
  private final int groups;

  public TariffCodec(TariffBounds bounds, int groups) {
    this.bounds = bounds;
    this.groups = groups;
  }

  /** Floats per action: two add-ons and one fixed charge per group. */
  public int size() {
    return 2 + groups;
  }

  /** The tariff for an action in [−1, 1] (values outside are clamped). */
  public Tariff decode(float[] action) {
    double[] fixed = new double[groups];
    for (int g = 0; g < groups; g++) {
      fixed[g] = fromUnit(action[2 + g], bounds.fixedChargeUsdPerDay());
    }
    return new Tariff(fromUnit(action[0], bounds.buyAddOnUsdPerKwh()),
        fromUnit(action[1], bounds.sellAddOnUsdPerKwh()), fixed);
  }

  /** The tariff as values in [−1, 1] over its bounds (observation of the leader). */
  public float[] encode(Tariff t) {
    float[] out = new float[size()];
    out[0] = (float) toUnit(t.buyAddOnUsdPerKwh(), bounds.buyAddOnUsdPerKwh());
    out[1] = (float) toUnit(t.sellAddOnUsdPerKwh(), bounds.sellAddOnUsdPerKwh());
    for (int g = 0; g < groups; g++) {
      out[2 + g] = (float) toUnit(t.fixedChargeUsdPerDay(g), bounds.fixedChargeUsdPerDay());
    }
    return out;
  }

  /** Σ |a − b| / (max − min) over the tariff's components: the freezing distance. */
  public double normalisedL1(Tariff a, Tariff b) {
    double d = share(a.buyAddOnUsdPerKwh() - b.buyAddOnUsdPerKwh(), bounds.buyAddOnUsdPerKwh())
        + share(a.sellAddOnUsdPerKwh() - b.sellAddOnUsdPerKwh(), bounds.sellAddOnUsdPerKwh());
    for (int g = 0; g < groups; g++) {
      d += share(a.fixedChargeUsdPerDay(g) - b.fixedChargeUsdPerDay(g), bounds.fixedChargeUsdPerDay());
    }
    return d;
  }

  private static double share(double diff, TariffBounds.Range r) {
    double width = r.max() - r.min();
    return width == 0 ? 0 : Math.abs(diff) / width;
  }

  private static double fromUnit(double a, TariffBounds.Range r) {
    double c = Math.max(-1, Math.min(1, a));
    return r.min() + (c + 1) / 2 * (r.max() - r.min());
  }

  private static double toUnit(double v, TariffBounds.Range r) {
    double width = r.max() - r.min();
    return width == 0 ? 0 : 2 * (v - r.min()) / width - 1;
  }
}
