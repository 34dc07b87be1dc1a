package io.stackelgrid.scenario;

/** Bounds and initial values of the leader's tariff (MODEL.md §4). */
public record TariffBounds(Range buyAddOnUsdPerKwh, Range sellAddOnUsdPerKwh,
    Range fixedChargeUsdPerDay, double revenueRequirementUsdPerDay) {

  /** A closed interval with the initial (and baseline) value inside it. */
  public record Range(double min, double max, double initial) {
    public boolean contains(double v) {
      return v >= min && v <= max;
    }
  }
}
