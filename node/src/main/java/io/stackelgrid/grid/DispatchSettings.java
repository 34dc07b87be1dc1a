package io.stackelgrid.grid;

/**
 * Settings of the market clearing (scenario section {@code dispatch}).
 *
 * @param vollUsdPerMwh value of lost load: the price of shedding one unit of load
 * @param spillCostUsdPerMwh the price of spilling one unit of surplus injection
 * @param strict whether shed or spill above the tolerance is an error rather than an event
 * @param regularisation quadratic coefficient added to units with no quadratic cost so the QP is
 *     strictly convex (ojAlgo patches a singular Q itself, biasing prices); $ per unit squared
 * @param tolerance feasibility tolerance for balance and limits, relative to max(1, |limit|)
 */
public record DispatchSettings(double vollUsdPerMwh, double spillCostUsdPerMwh, boolean strict,
    double regularisation, double tolerance) {

  /** The defaults of MODEL.md §2. */
  public static DispatchSettings defaults() {
    return new DispatchSettings(10_000, 100, false, 1e-6, 1e-6);
  }

  public DispatchSettings withStrict(boolean value) {
    return new DispatchSettings(vollUsdPerMwh, spillCostUsdPerMwh, value, regularisation, tolerance);
  }
}
