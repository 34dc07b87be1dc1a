package io.stackelgrid.game;

import io.stackelgrid.scenario.TariffBounds;
import io.stackelgrid.tariff.Tariff;

/**
 * The leader's action ↔ tariff map of MODEL.md §6: (buy, sell, f_1 … f_G), each in [−1, 1] mapped
 * piecewise linearly onto its bounds of §4 with a = 0 at the centre (the initial tariff or the
 * middle of the bounds); also the normalised L1 distance used for freezing.
 */
public final class TariffCodec {
  /** Where a = 0 lands (key {@code learning.leader.action-centre}). */
  public enum Centre {
    /** The initial tariff: an untrained leader starts from the status quo. */
    INITIAL("initial"),
    /** The middle of the bounds (the first reading). */
    MIDPOINT("midpoint");

    private final String key;

    Centre(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The centre named {@code key}, or null. */
    public static Centre byKey(String key) {
      for (Centre c : values()) {
        if (c.key.equals(key)) {
          return c;
        }
      }
      return null;
    }
  }

  private final TariffBounds bounds;
  private final int groups;
  private final Centre centre;

  public TariffCodec(TariffBounds bounds, int groups, Centre centre) {
    this.bounds = bounds;
    this.groups = groups;
    this.centre = centre;
  }

  public Centre centre() {
    return centre;
  }

  /** Floats per action: two add-ons and one fixed charge per group. */
  public int size() {
    return 2 + groups;
  }

  /** The tariff for an action in [−1, 1] (values outside are clamped); a = 0 gives the centre. */
  public Tariff decode(float[] action) {
    double[] fixed = new double[groups];
    for (int g = 0; g < groups; g++) {
      fixed[g] = fromUnit(action[2 + g], bounds.fixedChargeUsdPerDay());
    }
    return new Tariff(fromUnit(action[0], bounds.buyAddOnUsdPerKwh()),
        fromUnit(action[1], bounds.sellAddOnUsdPerKwh()), fixed);
  }

  /** The action that gives tariff {@code t}, in [−1, 1] (also the leader's view of the tariff). */
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

  private double fromUnit(double a, TariffBounds.Range r) {
    double c = Math.max(-1, Math.min(1, a));
    if (centre == Centre.MIDPOINT) {
      return r.min() + (c + 1) / 2 * (r.max() - r.min());
    }
    // Each half of [−1, 1] covers its side of the initial value, so a = ±1 still reach the bounds.
    double mid = r.initial();
    return c >= 0 ? mid + c * (r.max() - mid) : mid + c * (mid - r.min());
  }

  private double toUnit(double v, TariffBounds.Range r) {
    if (centre == Centre.MIDPOINT) {
      double width = r.max() - r.min();
      return width == 0 ? 0 : 2 * (v - r.min()) / width - 1;
    }
    double mid = r.initial();
    if (v >= mid) {
      return r.max() == mid ? 0 : (v - mid) / (r.max() - mid);
    }
    return mid == r.min() ? 0 : (v - mid) / (mid - r.min());
  }
}
