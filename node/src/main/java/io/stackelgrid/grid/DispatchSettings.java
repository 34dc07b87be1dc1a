package io.stackelgrid.grid;

/**
 * Settings of the market clearing (scenario section {@code dispatch}).
 *
 * @param vollUsdPerMwh value of lost load: the price of shedding one unit of load
 * @param spillCostUsdPerMwh the price of spilling one unit of surplus injection
 * @param strict whether shed or spill above the tolerance is an error rather than an event
 * @param regularisation quadratic coefficient added to units with no quadratic cost so the QP is
 *     strictly convex; $ per unit squared (prices are recomputed without it)
 * @param tolerance feasibility tolerance for balance and limits, relative to max(1, |limit|)
 * @param solver the QP solver: the dual active-set method written for this problem's shape, or
 *     ojAlgo's general convex solver (a second method; it stalls or returns non-optimal points on
 *     heavily loaded cases, which the KKT certificate then rejects)
 */
public record DispatchSettings(double vollUsdPerMwh, double spillCostUsdPerMwh, boolean strict,
    double regularisation, double tolerance, Solver solver) {

  /** Which QP solver clears the market. */
  public enum Solver {
    DUAL_ACTIVE_SET("dual-active-set"),
    OJALGO("ojalgo");

    public final String key;

    Solver(String key) {
      this.key = key;
    }

    /** The solver named {@code key}, or null. */
    public static Solver byKey(String key) {
      for (Solver s : values()) {
        if (s.key.equals(key)) {
          return s;
        }
      }
      return null;
    }
  }

  /** The defaults of MODEL.md §2. */
  public static DispatchSettings defaults() {
    return new DispatchSettings(10_000, 100, false, 1e-6, 1e-6, Solver.DUAL_ACTIVE_SET);
  }

  public DispatchSettings withStrict(boolean value) {
    return new DispatchSettings(vollUsdPerMwh, spillCostUsdPerMwh, value, regularisation, tolerance, solver);
  }

  public DispatchSettings withSolver(Solver value) {
    return new DispatchSettings(vollUsdPerMwh, spillCostUsdPerMwh, strict, regularisation, tolerance, value);
  }
}
