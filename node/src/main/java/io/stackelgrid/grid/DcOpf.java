package io.stackelgrid.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
  private final Grid grid;
  private final DispatchSettings settings;
  private final Ptdf ptdf;
  private final double[] flowMax;
  private final double[] flowMin;
  private final boolean[] warm;
  private final boolean[] warmGenHi;
  private final boolean[] warmGenLo;

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
    // Warm and lazy first (fast); if the solver's answer fails the KKT certificate, cold with every
    // constraint present. Without slack first; with shed and spill when that is infeasible or prices
    // pass VOLL or the spill cost.
    Problem problem = null;
    Solution solution = null;
    for (boolean slack : new boolean[] {false, true}) {
      for (boolean warmStart : new boolean[] {true, false}) {
        Problem p = new Problem(step, busLoad, cap, slack, warmStart);
        Solution s = p.solveLazily();
        if (s == null) {
          continue;
        }
        s = p.polish(s);
        if (!slack && needsSlack(s, busLoad)) {
          break;
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
   * Quadratic coefficient of a slack variable priced at {@code usdPerUnit}: relative to its price as
   * small as the generators' regularisation is to theirs (a 1e-6·VOLL slope), since a tiny curvature
   * under a large linear price stalls the active-set solver. Prices with slack in use are VOLL (or
   * minus the spill cost) to within that slope times the amount shed (or spilled).
   */
  private double slackQuadratic(double usdPerUnit) {
    return 2 * Math.max(settings.regularisation(), settings.regularisation() * Math.abs(usdPerUnit));
  }

  private boolean needsSlack(Solution s, double[] busLoad) {
    double tol = 1e-9 * Math.max(1.0, settings.vollUsdPerMwh());
    for (int n = 0; n < s.lmp.length; n++) {
      if (busLoad[n] > 0 && s.lmp[n] > settings.vollUsdPerMwh() + tol) {
        return true;
      }
      if (s.lmp[n] < -settings.spillCostUsdPerMwh() - tol) {
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

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  /** Primal and dual values of one QP solve. */
  private record Solution(double[] x, double[] lmp, double[] flow, double[] mu) {}

  /** The QP of one step, for a given choice of slack (shed/spill) variables. */
  private final class Problem {
    private final long step;
    private final double[] load;
    private final double[] cap;
    private final double[] fixedInjection;
    // Variables: free generators, then shed per loaded bus, then spill per bus that can spill.
    private final int[] varBus;
    private final int[] varGen;
    private final double[] varSign;
    private final double[] varQuad;
    private final double[] varLin;
    private final double[] varLo;
    private final double[] varHi;
    private boolean[] active;
    private boolean[] boundHi;
    private boolean[] boundLo;

    Problem(long step, double[] load, double[] cap, boolean slack, boolean warmStart) {
      this.step = step;
      this.load = load;
      this.cap = cap;
      int nBus = grid.busCount();
      int nGen = grid.generatorCount();
      fixedInjection = new double[nBus];
      List<double[]> vars = new ArrayList<>();
      double reg = settings.regularisation();
      for (int g = 0; g < nGen; g++) {
        if (cap[g] - grid.pMin(g) > 1e-12) {
          double q = 2 * grid.costC2(g) + (grid.costC2(g) == 0 ? 2 * reg : 0);
          vars.add(new double[] {grid.generatorBus(g), g, 1, q, grid.costC1(g), grid.pMin(g), cap[g]});
        } else {
          fixedInjection[grid.generatorBus(g)] += cap[g];
        }
      }
      if (slack) {
        double[] busCap = new double[nBus];
        for (int g = 0; g < nGen; g++) {
          busCap[grid.generatorBus(g)] += cap[g];
        }
        for (int n = 0; n < nBus; n++) {
          if (load[n] > 0) {
            double voll = settings.vollUsdPerMwh();
            vars.add(new double[] {n, -1, 1, slackQuadratic(voll), voll, 0, load[n]});
          }
        }
        for (int n = 0; n < nBus; n++) {
          double surplus = Math.max(0, -load[n]) + busCap[n];
          if (surplus > 0) {
            double spillCost = settings.spillCostUsdPerMwh();
            vars.add(new double[] {n, -1, -1, slackQuadratic(spillCost), spillCost, 0, surplus});
          }
        }
      }
      int nv = vars.size();
      varBus = new int[nv];
      varGen = new int[nv];
      varSign = new double[nv];
      varQuad = new double[nv];
      varLin = new double[nv];
      varLo = new double[nv];
      varHi = new double[nv];
      for (int v = 0; v < nv; v++) {
        double[] d = vars.get(v);
        varBus[v] = (int) d[0];
        varGen[v] = (int) d[1];
        varSign[v] = d[2];
        varQuad[v] = d[3];
        varLin[v] = d[4];
        varLo[v] = d[5];
        varHi[v] = d[6];
      }
      boundHi = new boolean[nv];
      boundLo = new boolean[nv];
      if (warmStart) {
        active = warm.clone();
        for (int v = 0; v < nv; v++) {
          if (varGen[v] >= 0) {
            boundHi[v] = warmGenHi[varGen[v]];
            boundLo[v] = warmGenLo[varGen[v]];
          }
        }
      } else {
        active = new boolean[warm.length];
        Arrays.fill(active, true);
        Arrays.fill(boundHi, true);
        Arrays.fill(boundLo, true);
      }
    }

    /**
     * The KKT certificate of optimality, checked on the true costs: every variable inside its bounds
     * earns its marginal cost, one at its upper (lower) bound earns at least (at most) that, and
     * every line price has the sign of the limit it sits at. Primal feasibility was checked when
     * the lazy constraints settled.
     */
    boolean certified(Solution s) {
      for (int v = 0; v < s.x.length; v++) {
        double x = s.x[v];
        double marginal = marginalCost(v, x);
        double earned = varSign[v] * s.lmp[varBus[v]];
        double reduced = marginal - earned;
        // Prices the solver gave (when polishing was degenerate) carry the regularisation's slope.
        double regularisation = varGen[v] >= 0 ? varQuad[v] - 2 * grid.costC2(varGen[v]) : varQuad[v];
        double tol = 1e-5 * Math.max(1.0, Math.abs(marginal)) + Math.abs(regularisation * x);
        double margin = 1e-6 * Math.max(1.0, Math.abs(varHi[v] - varLo[v]));
        boolean atHi = x >= varHi[v] - margin;
        boolean atLo = x <= varLo[v] + margin;
        if (atHi && atLo) {
          continue;
        }
        if (atHi ? reduced > tol : atLo ? reduced < -tol : Math.abs(reduced) > tol) {
          return false;
        }
      }
      for (int l = 0; l < s.mu.length; l++) {
        double tol = 1e-5 * Math.max(1.0, Math.max(Math.abs(flowMax[l]), Math.abs(flowMin[l])));
        if (s.mu[l] > 1e-9 && s.flow[l] < flowMax[l] - tol) {
          return false;
        }
        if (s.mu[l] < -1e-9 && s.flow[l] > flowMin[l] + tol) {
          return false;
        }
      }
      return true;
    }

    /** Keeps the generator bounds that were needed, to seed the next step's QP. */
    void rememberBounds() {
      Arrays.fill(warmGenHi, false);
      Arrays.fill(warmGenLo, false);
      for (int v = 0; v < varGen.length; v++) {
        if (varGen[v] >= 0) {
          warmGenHi[varGen[v]] = boundHi[v];
          warmGenLo[varGen[v]] = boundLo[v];
        }
      }
    }

    /** Solves with the current active lines, adding violated lines until none is violated. */
    Solution solveLazily() {
      // Each round adds at least one row and none is removed, so this many rounds always settle.
      int maxRounds = 2 * grid.lineCount() + 2 * varBus.length + 1;
      for (int round = 0; round <= maxRounds; round++) {
        Solution s = solveOnce();
        if (s == null) {
          return null;
        }
        boolean added = false;
        for (int v = 0; v < s.x.length; v++) {
          double tol = settings.tolerance() * Math.max(1.0, Math.abs(varHi[v]));
          if (!boundHi[v] && s.x[v] > varHi[v] + tol) {
            boundHi[v] = true;
            added = true;
          }
          if (!boundLo[v] && s.x[v] < varLo[v] - tol) {
            boundLo[v] = true;
            added = true;
          }
        }
        for (int l = 0; l < s.flow.length; l++) {
          if (!active[l] && outside(l, s.flow[l])) {
            active[l] = true;
            added = true;
          }
        }
        if (!added) {
          return s;
        }
      }
      throw new DispatchException("step " + step + ": line constraint generation did not settle on " + grid.source());
    }

    private boolean outside(int l, double flow) {
      double tol = settings.tolerance() * Math.max(1.0, Math.max(Math.abs(flowMax[l]), Math.abs(flowMin[l])));
      return flow > flowMax[l] + tol || flow < flowMin[l] - tol;
    }

    private Solution solveOnce() {
      int nBus = grid.busCount();
      int nv = varBus.length;
      double baseBalance = 0;
      for (int n = 0; n < nBus; n++) {
        baseBalance += load[n] - fixedInjection[n];
      }
      if (nv == 0) {
        return Math.abs(baseBalance) <= settings.tolerance() ? evaluate(new double[0], null, null) : null;
      }
      // Row 0: the balance Σ sign·x = Σ (load − fixed output). Then the upper and lower limits of
      // the active lines: flow = Σ_n factor_n·(fixed_n − load_n) + Σ_v factor·sign·x_v + offset.
      List<int[]> lineRows = new ArrayList<>();
      for (int l = 0; l < active.length; l++) {
        if (active[l]) {
          if (Double.isFinite(flowMax[l])) {
            lineRows.add(new int[] {l, 1});
          }
          if (Double.isFinite(flowMin[l])) {
            lineRows.add(new int[] {l, -1});
          }
        }
      }
      double[][] rows = new double[1 + lineRows.size()][nv];
      double[] rhs = new double[rows.length];
      for (int v = 0; v < nv; v++) {
        rows[0][v] = varSign[v];
      }
      rhs[0] = baseBalance;
      for (int i = 0; i < lineRows.size(); i++) {
        int l = lineRows.get(i)[0];
        double sense = lineRows.get(i)[1];
        double[] factors = ptdf.row(l);
        double constant = ptdf.offset(l);
        for (int n = 0; n < nBus; n++) {
          constant += factors[n] * (fixedInjection[n] - load[n]);
        }
        for (int v = 0; v < nv; v++) {
          rows[1 + i][v] = sense * factors[varBus[v]] * varSign[v];
        }
        rhs[1 + i] = sense > 0 ? flowMax[l] - constant : constant - flowMin[l];
      }
      double[] x;
      double[] multipliers;
      if (settings.solver() == DispatchSettings.Solver.DUAL_ACTIVE_SET) {
        SeparableQp qp = new SeparableQp(varQuad, varLin, varLo, varHi, rows, rhs, 1);
        if (qp.solve() != SeparableQp.Status.OPTIMAL) {
          return null;
        }
        x = qp.x().clone();
        multipliers = qp.rowMultipliers();
      } else {
        OjAlgoQp.Result r = OjAlgoQp.solve(varQuad, varLin, varLo, varHi, boundLo, boundHi, rows, rhs);
        if (r == null) {
          return null;
        }
        x = r.x();
        multipliers = r.rowMultipliers();
      }
      double[] mu = new double[active.length];
      for (int i = 0; i < lineRows.size(); i++) {
        int[] row = lineRows.get(i);
        mu[row[0]] += row[1] * multipliers[1 + i];
      }
      return evaluate(x, multipliers[0], mu);
    }

    /** Flows and prices of a primal point and its multipliers; null if not finite or unbalanced. */
    private Solution evaluate(double[] x, Double lambda, double[] mu) {
      int nBus = grid.busCount();
      double[] injection = new double[nBus];
      for (int n = 0; n < nBus; n++) {
        injection[n] = fixedInjection[n] - load[n];
      }
      for (int v = 0; v < x.length; v++) {
        if (!Double.isFinite(x[v])) {
          return null;
        }
        injection[varBus[v]] += varSign[v] * x[v];
      }
      double balance = 0;
      double scale = 1.0;
      for (int n = 0; n < nBus; n++) {
        balance += injection[n];
        scale = Math.max(scale, Math.abs(load[n]));
      }
      if (Math.abs(balance) > settings.tolerance() * scale * nBus) {
        return null;
      }
      double[] m = mu == null ? new double[grid.lineCount()] : mu;
      return new Solution(x, prices(lambda == null ? 0.0 : lambda, m), ptdf.flows(injection), m);
    }

    /** LMP per bus: λ less each binding line's price times the bus's factor in its flow. */
    private double[] prices(double lambda, double[] mu) {
      double[] lmp = new double[grid.busCount()];
      for (int n = 0; n < lmp.length; n++) {
        double p = lambda;
        for (int l = 0; l < mu.length; l++) {
          if (mu[l] != 0) {
            p -= ptdf.factor(l, n) * mu[l];
          }
        }
        lmp[n] = p;
      }
      return lmp;
    }

    /** Marginal cost of variable v at x on the true costs (no regularisation). */
    private double marginalCost(int v, double x) {
      return varGen[v] >= 0 ? 2 * grid.costC2(varGen[v]) * x + grid.costC1(varGen[v]) : varLin[v];
    }

    /**
     * Recomputes λ and the line multipliers exactly from the true (unregularised) marginal costs of
     * the variables strictly inside their bounds, which removes the regularisation's bias from the
     * prices. Keeps the solver's multipliers when that system is degenerate or disagrees in sign.
     */
    Solution polish(Solution s) {
      int nv = s.x.length;
      List<Integer> lines = new ArrayList<>();
      for (int l = 0; l < s.mu.length; l++) {
        if (s.mu[l] != 0) {
          lines.add(l);
        }
      }
      int k = 1 + lines.size();
      double[][] normal = new double[k][k];
      double[] rhs = new double[k];
      int equations = 0;
      double[] row = new double[k];
      for (int v = 0; v < nv; v++) {
        double margin = 1e-7 * Math.max(1.0, Math.abs(varHi[v] - varLo[v]));
        if (s.x[v] <= varLo[v] + margin || s.x[v] >= varHi[v] - margin) {
          continue;
        }
        double marginal = marginalCost(v, s.x[v]);
        row[0] = varSign[v];
        for (int j = 0; j < lines.size(); j++) {
          row[1 + j] = -varSign[v] * ptdf.factor(lines.get(j), varBus[v]);
        }
        for (int a = 0; a < k; a++) {
          rhs[a] += row[a] * marginal;
          for (int b = 0; b < k; b++) {
            normal[a][b] += row[a] * row[b];
          }
        }
        equations++;
      }
      if (equations < k) {
        return s;
      }
      double[] y = SmallCholesky.solve(normal, rhs, 1e-10);
      if (y == null) {
        return s;
      }
      double[] mu = new double[s.mu.length];
      for (int j = 0; j < lines.size(); j++) {
        int l = lines.get(j);
        if (y[1 + j] * s.mu[l] < 0 && Math.abs(y[1 + j]) > 1e-9) {
          return s;
        }
        mu[l] = y[1 + j];
      }
      double[] lmp = prices(y[0], mu);
      for (int n = 0; n < lmp.length; n++) {
        if (Math.abs(lmp[n] - s.lmp[n]) > 1e-2 * Math.max(1.0, Math.abs(s.lmp[n]))) {
          return s; // far from the solver's prices: the active set is not what it seems
        }
      }
      return new Solution(s.x, lmp, s.flow, mu);
    }

    Dispatch toDispatch(Solution s) {
      int nBus = grid.busCount();
      int nGen = grid.generatorCount();
      double[] generation = new double[nGen];
      for (int g = 0; g < nGen; g++) {
        generation[g] = cap[g] - grid.pMin(g) > 1e-12 ? 0 : cap[g];
      }
      double[] shed = new double[nBus];
      double[] spill = new double[nBus];
      for (int v = 0; v < s.x.length; v++) {
        double value = s.x[v];
        if (varGen[v] >= 0) {
          generation[varGen[v]] = value;
        } else if (varSign[v] > 0) {
          shed[varBus[v]] = Math.max(0, value);
        } else {
          spill[varBus[v]] = Math.max(0, value);
        }
      }
      double cost = 0;
      for (int g = 0; g < nGen; g++) {
        double p = generation[g];
        cost += grid.costC2(g) * p * p + grid.costC1(g) * p + grid.costC0(g);
      }
      for (int n = 0; n < nBus; n++) {
        cost += settings.vollUsdPerMwh() * shed[n] + settings.spillCostUsdPerMwh() * spill[n];
      }
      double energy = s.lmp[grid.referenceBus()];
      double[] congestion = new double[nBus];
      for (int n = 0; n < nBus; n++) {
        congestion[n] = s.lmp[n] - energy;
      }
      boolean[] binding = new boolean[grid.lineCount()];
      for (int l = 0; l < binding.length; l++) {
        double tol = 1e-6 * Math.max(1.0, Math.max(Math.abs(flowMax[l]), Math.abs(flowMin[l])));
        binding[l] = s.mu[l] != 0 && (s.flow[l] >= flowMax[l] - tol || s.flow[l] <= flowMin[l] + tol);
      }
      return new Dispatch(step, s.lmp, energy, congestion, load.clone(), generation, s.flow, shed,
          spill, cost, binding);
    }
  }
}
