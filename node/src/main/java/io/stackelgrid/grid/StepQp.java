package io.stackelgrid.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The QP of one step, for a given choice of slack (shed/spill) variables. */
final class StepQp {
  /** Primal and dual values of one QP solve. */
  record Solution(double[] x, double[] lmp, double[] flow, double[] mu) {}

  private final DcOpf opf;
  private final Grid grid;
  private final DispatchSettings settings;
  private final Ptdf ptdf;
  private final double[] flowMax;
  private final double[] flowMin;
  private final boolean[] warm;
  private final boolean[] warmGenHi;
  private final boolean[] warmGenLo;
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
  // Where each slack variable's regularisation is centred (proximal point), 0 at first.
  private final double[] slackCentre;
  private final double[] varLo;
  private final double[] varHi;
  private boolean[] active;
  private boolean[] boundHi;
  private boolean[] boundLo;

  StepQp(DcOpf opf, long step, double[] load, double[] cap, boolean slack, boolean warmStart) {
    this.opf = opf;
    this.grid = opf.grid;
    this.settings = opf.settings;
    this.ptdf = opf.ptdf;
    this.flowMax = opf.flowMax;
    this.flowMin = opf.flowMin;
    this.warm = opf.warm;
    this.warmGenHi = opf.warmGenHi;
    this.warmGenLo = opf.warmGenLo;
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
      // MODEL.md §2: a bus sheds only its own load and spills only its own households' surplus;
      // generators curtail themselves (down to pmin), so generation is never spilled.
      for (int n = 0; n < nBus; n++) {
        if (load[n] > 0) {
          double voll = settings.vollUsdPerMwh();
          vars.add(new double[] {n, -1, 1, opf.slackQuadratic(voll), voll, 0, load[n]});
        }
      }
      for (int n = 0; n < nBus; n++) {
        if (load[n] < 0) {
          double spillCost = settings.spillCostUsdPerMwh();
          vars.add(new double[] {n, -1, -1, opf.slackQuadratic(spillCost), spillCost, 0, -load[n]});
        }
      }
    }
    int nv = vars.size();
    varBus = new int[nv];
    varGen = new int[nv];
    varSign = new double[nv];
    varQuad = new double[nv];
    varLin = new double[nv];
    slackCentre = new double[nv];
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
   * the lazy constraints settled. Shed and spill have linear costs, so a bus that sheds earns
   * exactly VOLL and one that spills exactly minus the spill cost (no allowance for the
   * regularisation the solver saw); generators keep an allowance for their 1e-6·p² term when
   * polishing was degenerate.
   */
  boolean certified(Solution s) {
    for (int v = 0; v < s.x.length; v++) {
      double x = s.x[v];
      double marginal = marginalCost(v, x);
      double earned = varSign[v] * s.lmp[varBus[v]];
      double reduced = marginal - earned;
      double regularisation = varGen[v] >= 0 ? varQuad[v] - 2 * grid.costC2(varGen[v]) : 0;
      double tol = 1e-5 * Math.max(1.0, Math.abs(marginal)) + Math.abs(regularisation * x);
      double margin = margin(v);
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

  /** How close to a bound a variable counts as sitting at it. */
  private double margin(int v) {
    return 1e-6 * Math.max(1.0, Math.abs(varHi[v] - varLo[v]));
  }

  /** Whether some bus sheds or spills (a slack variable above its lower bound's margin). */
  boolean slackInUse(Solution s) {
    for (int v = 0; v < s.x.length; v++) {
      if (varGen[v] < 0 && s.x[v] > varLo[v] + margin(v)) {
        return true;
      }
    }
    return false;
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
      SeparableQp qp = new SeparableQp(varQuad, linear(), varLo, varHi, rows, rhs, 1);
      if (qp.solve() != SeparableQp.Status.OPTIMAL) {
        return null;
      }
      x = qp.x().clone();
      multipliers = qp.rowMultipliers();
    } else {
      OjAlgoQp.Result r = OjAlgoQp.solve(varQuad, linear(), varLo, varHi, boundLo, boundHi, rows, rhs);
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

  /** The QP's linear costs: a slack's regularisation ½q(x − centre)² adds −q·centre to its own. */
  private double[] linear() {
    double[] c = varLin.clone();
    for (int v = 0; v < c.length; v++) {
      c[v] -= varQuad[v] * slackCentre[v];
    }
    return c;
  }

  /**
   * One proximal-point step for the slack: centres each shed and spill variable's regularisation at
   * its value in {@code s} and solves again. A slack's regularisation then pulls only towards where
   * it already is, so at a fixed point the prices carry none of its slope: a bus that sheds earns
   * VOLL exactly. The regularisation stays because a tiny curvature under a large linear price
   * stalls the active-set solver's cold start.
   */
  Solution recentred(Solution s) {
    for (int v = 0; v < s.x.length; v++) {
      if (varGen[v] < 0) {
        slackCentre[v] = s.x[v];
        // A flatter pull each step: the slack drifts along directions where the true optimum is
        // indifferent (which bus sheds), and a weaker pull lets it get there in a few steps.
        varQuad[v] *= 0.1;
      }
    }
    return solveLazily();
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
    // With shed or spill in use the solver's prices carry the slack's regularisation slope
    // (hundreds of $/MWh at VOLL), so only the KKT certificate can judge the polished ones.
    if (!slackInUse(s)) {
      for (int n = 0; n < lmp.length; n++) {
        if (Math.abs(lmp[n] - s.lmp[n]) > 1e-2 * Math.max(1.0, Math.abs(s.lmp[n]))) {
          return s; // far from the solver's prices: the active set is not what it seems
        }
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
    // The cost of one more unit consumed at a bus that sheds is VOLL, also when it sheds its whole
    // load (the bound moves with the load), and at one that spills minus the spill cost; the
    // certificate checked the balance duals against exactly these.
    double[] lmp = s.lmp.clone();
    for (int v = 0; v < s.x.length; v++) {
      if (varGen[v] < 0 && s.x[v] > varLo[v] + margin(v)) {
        lmp[varBus[v]] = varSign[v] * varLin[v];
      }
    }
    double energy = lmp[grid.referenceBus()];
    double[] congestion = new double[nBus];
    for (int n = 0; n < nBus; n++) {
      congestion[n] = lmp[n] - energy;
    }
    boolean[] binding = new boolean[grid.lineCount()];
    for (int l = 0; l < binding.length; l++) {
      double tol = 1e-6 * Math.max(1.0, Math.max(Math.abs(flowMax[l]), Math.abs(flowMin[l])));
      binding[l] = s.mu[l] != 0 && (s.flow[l] >= flowMax[l] - tol || s.flow[l] <= flowMin[l] + tol);
    }
    return new Dispatch(step, lmp, energy, congestion, load.clone(), generation, s.flow, shed,
        spill, cost, binding);
  }
}
