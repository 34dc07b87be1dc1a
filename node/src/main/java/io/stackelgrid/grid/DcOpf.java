package io.stackelgrid.grid;

/**
 * DC optimal power flow (MODEL.md §2) as a QP over generator outputs in PTDF form, solved by
 * {@link SeparableQp} (or ojAlgo, {@link OjAlgoQp}). Line limits enter lazily: only lines that bind
 * or are violated join the QP, and the set found in one step seeds the next. Shed and spill slack
 * (at VOLL and the spill cost) join only when the problem without them is infeasible or prices
 * pass those costs, which gives the same optimum as carrying them always. Prices are recomputed
 * from the true marginal costs and every answer must pass a KKT certificate.
 *
 * <p>Not thread-safe: one instance per world (it keeps the warm set of binding lines).
 */
public final class DcOpf {
  /** Proximal steps that remove the slack regularisation's bias from the prices (at most). */
  private static final int PROXIMAL_STEPS = 4;

  final Grid grid;
  final DispatchSettings settings;
  final Ptdf ptdf;
  final double[] flowMax;
  final double[] flowMin;
  final boolean[] warm;
  final boolean[] warmGenHi;
  final boolean[] warmGenLo;

  public DcOpf(Grid grid, DispatchSettings settings) {
    this.grid = grid;
    this.settings = settings;
    this.ptdf = Ptdf.of(grid);
    int nLine = grid.lineCount();
    flowMax = new double[nLine];
    flowMin = new double[nLine];
    for (int l = 0; l < nLine; l++) {
      double scale = grid.baseMva() * grid.lineSusceptancePu(l);
      double shift = Math.toRadians(grid.lineShiftDeg(l));
      double hi = grid.lineRate(l);
      double lo = -grid.lineRate(l);
      // flow = base·b·(θf − θt − shift); a series capacitor (b < 0) swaps which angle limit
      // bounds the flow from above.
      double atMax = scale * (Math.toRadians(grid.lineAngMaxDeg(l)) - shift);
      double atMin = scale * (Math.toRadians(grid.lineAngMinDeg(l)) - shift);
      double angleHi = scale > 0 ? atMax : atMin;
      double angleLo = scale > 0 ? atMin : atMax;
      if (!Double.isNaN(angleHi)) {
        hi = Math.min(hi, angleHi);
      }
      if (!Double.isNaN(angleLo)) {
        lo = Math.max(lo, angleLo);
      }
      if (lo > hi) {
        throw new GridDataException(grid.source() + ": line '" + grid.lineName(l)
            + "' has no feasible flow: its angle limits and phase shift exclude every flow");
      }
      flowMax[l] = hi;
      flowMin[l] = lo;
    }
    warm = new boolean[nLine];
    warmGenHi = new boolean[grid.generatorCount()];
    warmGenLo = new boolean[grid.generatorCount()];
  }

  public Grid grid() {
    return grid;
  }

  public Ptdf ptdf() {
    return ptdf;
  }

  /** Upper flow bound of line l (rate and angle limit combined), grid units. */
  public double flowMax(int l) {
    return flowMax[l];
  }

  /** Lower flow bound of line l (rate and angle limit combined), grid units. */
  public double flowMin(int l) {
    return flowMin[l];
  }

  /** Clears the step with the grid's own pmax for every generator. */
  public Dispatch solve(long step, double[] busLoad) {
    return solve(step, busLoad, null);
  }

  /**
   * Clears one step.
   *
   * @param busLoad net load per bus (may be negative)
   * @param pMax capacity per generator this step, or null for the grid's pmax
   */
  public Dispatch solve(long step, double[] busLoad, double[] pMax) {
    int nBus = grid.busCount();
    int nGen = grid.generatorCount();
    if (busLoad.length != nBus) {
      throw new DispatchException("step " + step + ": " + busLoad.length + " bus loads given for "
          + nBus + " buses of " + grid.source());
    }
    for (int n = 0; n < nBus; n++) {
      if (!Double.isFinite(busLoad[n])) {
        throw new DispatchException("step " + step + ": load at bus " + grid.busName(n) + " is " + busLoad[n]);
      }
    }
    double[] cap = new double[nGen];
    for (int g = 0; g < nGen; g++) {
      cap[g] = pMax == null ? grid.pMax(g) : pMax[g];
      if (!Double.isFinite(cap[g]) || cap[g] < grid.pMin(g) - 1e-12) {
        throw new DispatchException("step " + step + ": generator " + grid.generatorName(g)
            + " has capacity " + cap[g] + " below its pmin " + grid.pMin(g));
      }
    }
    requireEnoughLoad(step, busLoad);
    // Warm and lazy first (fast); if the solver's answer fails the KKT certificate, cold with every
    // constraint present. Without slack first; with shed and spill when that is infeasible or prices
    // pass VOLL or the spill cost.
    StepQp problem = null;
    StepQp.Solution solution = null;
    for (boolean slack : new boolean[] {false, true}) {
      for (boolean warmStart : new boolean[] {true, false}) {
        StepQp p = new StepQp(this, step, busLoad, cap, slack, warmStart);
        StepQp.Solution s = p.solveLazily();
        if (s == null) {
          continue;
        }
        s = p.polish(s);
        if (!slack && needsSlack(s, busLoad)) {
          break;
        }
        // Shed or spill in use: the slack's regularisation biases the prices (hundreds of $/MWh
        // at VOLL); a few proximal steps remove the bias, and the certificate judges the result.
        for (int k = 0; k < PROXIMAL_STEPS && slack && !p.certified(s) && p.slackInUse(s); k++) {
          StepQp.Solution next = p.recentred(s);
          if (next == null) {
            break;
          }
          s = p.polish(next);
        }
        if (p.certified(s)) {
          problem = p;
          solution = s;
          break;
        }
      }
      if (solution != null) {
        break;
      }
    }
    if (solution == null) {
      throw new DispatchException("step " + step + ": no certified optimal dispatch of " + grid.source()
          + " (the QP solver failed or its answer broke the optimality conditions, even with shed and spill)");
    }
    Dispatch result = problem.toDispatch(solution);
    for (int l = 0; l < warm.length; l++) {
      warm[l] = result.lineBinding()[l];
    }
    problem.rememberBounds();
    if (settings.strict()) {
      requireNoSlack(result);
    }
    return result;
  }

  /**
   * Generators curtail only down to pmin and a bus spills only its own households' surplus, so no
   * dispatch exists when the units' minimum output exceeds the load the buses can take.
   */
  private void requireEnoughLoad(long step, double[] busLoad) {
    double minOutput = 0;
    for (int g = 0; g < grid.generatorCount(); g++) {
      minOutput += grid.pMin(g);
    }
    if (minOutput <= 0) {
      return;
    }
    double servable = 0;
    for (double l : busLoad) {
      servable += Math.max(0, l);
    }
    if (minOutput > servable + settings.tolerance() * Math.max(1.0, servable)) {
      throw new DispatchException("step " + step + ": no feasible dispatch of " + grid.source()
          + ": the generators' minimum output " + fmt(minOutput) + " " + grid.unit().label + " exceeds the "
          + fmt(servable) + " " + grid.unit().label + " of load (a bus spills only its own households' "
          + "surplus, MODEL.md §2)");
    }
  }

  /**
   * Quadratic coefficient of a slack variable priced at {@code usdPerUnit}: relative to its price as
   * small as the generators' regularisation is to theirs (a 1e-6·VOLL slope), since a tiny curvature
   * under a large linear price stalls the active-set solver. Prices with slack in use are VOLL (or
   * minus the spill cost) to within that slope times the amount shed (or spilled).
   */
  double slackQuadratic(double usdPerUnit) {
    return 2 * Math.max(settings.regularisation(), settings.regularisation() * Math.abs(usdPerUnit));
  }

  private boolean needsSlack(StepQp.Solution s, double[] busLoad) {
    double tol = 1e-9 * Math.max(1.0, settings.vollUsdPerMwh());
    for (int n = 0; n < s.lmp().length; n++) {
      if (busLoad[n] > 0 && s.lmp()[n] > settings.vollUsdPerMwh() + tol) {
        return true;
      }
      if (busLoad[n] < 0 && s.lmp()[n] < -settings.spillCostUsdPerMwh() - tol) {
        return true;
      }
    }
    return false;
  }

  private void requireNoSlack(Dispatch d) {
    double tol = settings.tolerance() * Math.max(1.0, maxAbs(d.load()));
    for (int n = 0; n < d.shed().length; n++) {
      if (d.shed()[n] > tol) {
        throw new DispatchException("step " + d.step() + ": strict dispatch sheds " + fmt(d.shed()[n])
            + " " + grid.unit().label + " of load at bus " + grid.busName(n));
      }
      if (d.spill()[n] > tol) {
        throw new DispatchException("step " + d.step() + ": strict dispatch spills " + fmt(d.spill()[n])
            + " " + grid.unit().label + " at bus " + grid.busName(n));
      }
    }
  }

  static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

}
