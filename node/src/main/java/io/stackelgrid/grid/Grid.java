package io.stackelgrid.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable DC network: buses, generators with quadratic costs, and branches. Quantities are in
 * the grid's {@link #unit()} (MW for MATPOWER cases, MWh per step for the paper's three-bus grid);
 * costs are $ per hour or per step accordingly, so LMPs are always $/MWh.
 */
public final class Grid {
  /** Unit of power or energy used by this grid's loads, outputs, flows and limits. */
  public enum Unit {
    MW("MW", "$/h"),
    MWH_PER_STEP("MWh/step", "$/step");

    public final String label;
    public final String costLabel;

    Unit(String label, String costLabel) {
      this.label = label;
      this.costLabel = costLabel;
    }
  }

  private final String source;
  private final Unit unit;
  private final double baseMva;
  private final int referenceBus;
  private final String[] busNames;
  private final double[] busLoad;
  private final Map<String, Integer> busIndex;

  private final String[] genNames;
  private final int[] genBus;
  private final double[] genCostC2;
  private final double[] genCostC1;
  private final double[] genCostC0;
  private final double[] genPMin;
  private final double[] genPMax;
  private final double[][] genAvailability;

  private final String[] lineNames;
  private final int[] lineFrom;
  private final int[] lineTo;
  private final double[] lineXPu;
  private final double[] lineTap;
  private final double[] lineShiftDeg;
  private final double[] lineRate;
  private final double[] lineAngMinDeg;
  private final double[] lineAngMaxDeg;

  private Grid(Builder b) {
    source = b.source;
    unit = b.unit;
    baseMva = b.baseMva;
    busNames = b.busNames.toArray(String[]::new);
    busLoad = b.busLoad.stream().mapToDouble(Double::doubleValue).toArray();
    busIndex = Map.copyOf(b.busIndex);
    Integer ref = busIndex.get(b.referenceBus);
    if (ref == null) {
      throw new GridDataException(source + ": reference bus '" + b.referenceBus + "' is not a bus of the grid");
    }
    referenceBus = ref;
    int nG = b.gens.size();
    genNames = new String[nG];
    genBus = new int[nG];
    genCostC2 = new double[nG];
    genCostC1 = new double[nG];
    genCostC0 = new double[nG];
    genPMin = new double[nG];
    genPMax = new double[nG];
    genAvailability = new double[nG][];
    for (int g = 0; g < nG; g++) {
      GenSpec s = b.gens.get(g);
      genNames[g] = s.name;
      genBus[g] = s.bus;
      genCostC2[g] = s.c2;
      genCostC1[g] = s.c1;
      genCostC0[g] = s.c0;
      genPMin[g] = s.pMin;
      genPMax[g] = s.pMax;
      genAvailability[g] = s.availability == null ? null : s.availability.clone();
    }
    int nL = b.lines.size();
    lineNames = new String[nL];
    lineFrom = new int[nL];
    lineTo = new int[nL];
    lineXPu = new double[nL];
    lineTap = new double[nL];
    lineShiftDeg = new double[nL];
    lineRate = new double[nL];
    lineAngMinDeg = new double[nL];
    lineAngMaxDeg = new double[nL];
    for (int l = 0; l < nL; l++) {
      LineSpec s = b.lines.get(l);
      lineNames[l] = s.name;
      lineFrom[l] = s.from;
      lineTo[l] = s.to;
      lineXPu[l] = s.xPu;
      lineTap[l] = s.tap;
      lineShiftDeg[l] = s.shiftDeg;
      lineRate[l] = s.rate;
      lineAngMinDeg[l] = s.angMinDeg;
      lineAngMaxDeg[l] = s.angMaxDeg;
    }
  }

  /** Starts a grid read from {@code source} (a file or scenario name, used in error messages). */
  public static Builder builder(String source, Unit unit, double baseMva) {
    return new Builder(source, unit, baseMva);
  }

  public String source() {
    return source;
  }

  public Unit unit() {
    return unit;
  }

  public double baseMva() {
    return baseMva;
  }

  public int busCount() {
    return busNames.length;
  }

  public int generatorCount() {
    return genNames.length;
  }

  public int lineCount() {
    return lineNames.length;
  }

  public int referenceBus() {
    return referenceBus;
  }

  public String busName(int n) {
    return busNames[n];
  }

  /** Index of the named bus, or -1. */
  public int busIndex(String name) {
    return busIndex.getOrDefault(name, -1);
  }

  /** The grid's own load at bus n (case file Pd + Gs, or a scenario's base load). */
  public double busLoad(int n) {
    return busLoad[n];
  }

  /** A copy of every bus's own load. */
  public double[] busLoads() {
    return busLoad.clone();
  }

  public String generatorName(int g) {
    return genNames[g];
  }

  public int generatorBus(int g) {
    return genBus[g];
  }

  public double costC2(int g) {
    return genCostC2[g];
  }

  public double costC1(int g) {
    return genCostC1[g];
  }

  public double costC0(int g) {
    return genCostC0[g];
  }

  public double pMin(int g) {
    return genPMin[g];
  }

  public double pMax(int g) {
    return genPMax[g];
  }

  /** Index of the named generator, or -1. */
  public int generatorIndex(String name) {
    for (int g = 0; g < genNames.length; g++) {
      if (genNames[g].equals(name)) {
        return g;
      }
    }
    return -1;
  }

  /** Whether generator g's capacity follows a step-of-day availability profile (e.g. solar). */
  public boolean hasAvailabilityProfile(int g) {
    return genAvailability[g] != null;
  }

  /**
   * Capacity of every generator in step of day {@code hourOfDay}: pMax times its profile value
   * (if any) times {@code noise[g]} (1 for the mode; null means all 1).
   */
  public double[] pMaxAt(int hourOfDay, double[] noise) {
    double[] out = genPMax.clone();
    for (int g = 0; g < out.length; g++) {
      if (genAvailability[g] != null) {
        double[] profile = genAvailability[g];
        out[g] *= profile[Math.floorMod(hourOfDay, profile.length)] * (noise == null ? 1.0 : noise[g]);
      }
    }
    return out;
  }

  public String lineName(int l) {
    return lineNames[l];
  }

  public int lineFrom(int l) {
    return lineFrom[l];
  }

  public int lineTo(int l) {
    return lineTo[l];
  }

  public double lineXPu(int l) {
    return lineXPu[l];
  }

  /** Off-nominal tap ratio (1 for a line). */
  public double lineTap(int l) {
    return lineTap[l];
  }

  public double lineShiftDeg(int l) {
    return lineShiftDeg[l];
  }

  /** Flow limit in the grid's unit; +Infinity where unlimited. */
  public double lineRate(int l) {
    return lineRate[l];
  }

  /** Lower limit of theta_from - theta_to in degrees; -Infinity where none. */
  public double lineAngMinDeg(int l) {
    return lineAngMinDeg[l];
  }

  /** Upper limit of theta_from - theta_to in degrees; +Infinity where none. */
  public double lineAngMaxDeg(int l) {
    return lineAngMaxDeg[l];
  }

  /** Series susceptance 1/(x·tap) in per unit. */
  public double lineSusceptancePu(int l) {
    return 1.0 / (lineXPu[l] * lineTap[l]);
  }

  /** A copy of this grid with a different own load per bus (same network and units). */
  public Grid withBusLoads(double[] loads) {
    Builder b = toBuilder();
    for (int n = 0; n < loads.length; n++) {
      b.busLoad.set(n, loads[n]);
    }
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder(source, unit, baseMva);
    b.allowSeriesCapacitors(true);
    for (int n = 0; n < busNames.length; n++) {
      b.bus(busNames[n], busLoad[n]);
    }
    b.referenceBus(busNames[referenceBus]);
    for (int g = 0; g < genNames.length; g++) {
      b.generator(genNames[g], busNames[genBus[g]], genCostC2[g], genCostC1[g], genCostC0[g],
          genPMin[g], genPMax[g], genAvailability[g]);
    }
    for (int l = 0; l < lineNames.length; l++) {
      b.line(lineNames[l], busNames[lineFrom[l]], busNames[lineTo[l]], lineXPu[l], lineTap[l],
          lineShiftDeg[l], lineRate[l], lineAngMinDeg[l], lineAngMaxDeg[l]);
    }
    return b;
  }

  @Override
  public String toString() {
    return source + " (" + busCount() + " buses, " + generatorCount() + " generators, "
        + lineCount() + " lines, " + unit.label + ")";
  }

  private record GenSpec(String name, int bus, double c2, double c1, double c0, double pMin,
      double pMax, double[] availability) {}

  private record LineSpec(String name, int from, int to, double xPu, double tap, double shiftDeg,
      double rate, double angMinDeg, double angMaxDeg) {}

  /** Collects and validates grid elements; every error names the source and the element. */
  public static final class Builder {
    private final String source;
    private final Unit unit;
    private final double baseMva;
    private final List<String> busNames = new ArrayList<>();
    private final List<Double> busLoad = new ArrayList<>();
    private final Map<String, Integer> busIndex = new HashMap<>();
    private final List<GenSpec> gens = new ArrayList<>();
    private final List<LineSpec> lines = new ArrayList<>();
    private final Map<String, Integer> genNames = new HashMap<>();
    private final Map<String, Integer> lineNames = new HashMap<>();
    private String referenceBus;
    private boolean allowSeriesCapacitors;

    private Builder(String source, Unit unit, double baseMva) {
      this.source = source;
      this.unit = unit;
      if (!(baseMva > 0) || !Double.isFinite(baseMva)) {
        throw new GridDataException(source + ": base MVA must be positive, got " + baseMva);
      }
      this.baseMva = baseMva;
    }

    /** Adds a bus with its own load (may be negative: an export). */
    public Builder bus(String name, double load) {
      if (busIndex.containsKey(name)) {
        throw new GridDataException(source + ": bus '" + name + "' is defined twice");
      }
      if (!Double.isFinite(load)) {
        throw new GridDataException(source + ": bus '" + name + "' has load " + load);
      }
      busIndex.put(name, busNames.size());
      busNames.add(name);
      busLoad.add(load);
      return this;
    }

    /**
     * Accepts negative reactances (series capacitors), as MATPOWER does for case files such as
     * case300; hand-written scenario lines keep the check, where a negative x is a typo.
     */
    public Builder allowSeriesCapacitors(boolean allow) {
      allowSeriesCapacitors = allow;
      return this;
    }

    public Builder referenceBus(String name) {
      referenceBus = name;
      return this;
    }

    /**
     * Adds a generator; {@code availability} (nullable) scales pMax per step of day.
     */
    public Builder generator(String name, String bus, double c2, double c1, double c0, double pMin,
        double pMax, double[] availability) {
      String what = source + ": generator '" + name + "'";
      if (genNames.putIfAbsent(name, gens.size()) != null) {
        throw new GridDataException(what + " is defined twice");
      }
      int b = requireBus(bus, what);
      requireFinite(what, "cost c2", c2);
      requireFinite(what, "cost c1", c1);
      requireFinite(what, "cost c0", c0);
      requireFinite(what, "pmin", pMin);
      requireFinite(what, "pmax", pMax);
      if (c2 < 0) {
        throw new GridDataException(what + " has a negative quadratic cost " + c2 + " (not convex)");
      }
      if (pMax < 0) {
        throw new GridDataException(what + " has negative capacity pmax = " + pMax);
      }
      if (pMin > pMax) {
        throw new GridDataException(what + " has pmin " + pMin + " above pmax " + pMax);
      }
      if (availability != null) {
        for (double a : availability) {
          if (!(a >= 0) || !Double.isFinite(a)) {
            throw new GridDataException(what + " has an availability factor " + a + " outside [0, inf)");
          }
        }
      }
      gens.add(new GenSpec(name, b, c2, c1, c0, pMin, pMax, availability == null ? null : availability.clone()));
      return this;
    }

    /**
     * Adds a branch. {@code tap} 0 means 1; {@code rate} 0 or infinite means unlimited; angle limits
     * outside (-360, 360) or exactly 0 mean none on that side (MATPOWER's convention).
     */
    public Builder line(String name, String from, String to, double xPu, double tap, double shiftDeg,
        double rate, double angMinDeg, double angMaxDeg) {
      String what = source + ": line '" + name + "'";
      if (lineNames.putIfAbsent(name, lines.size()) != null) {
        throw new GridDataException(what + " is defined twice");
      }
      int f = requireBus(from, what);
      int t = requireBus(to, what);
      if (f == t) {
        throw new GridDataException(what + " connects bus '" + from + "' to itself");
      }
      requireFinite(what, "reactance", xPu);
      if (xPu == 0) {
        throw new GridDataException(what + " has zero reactance (infinite susceptance)");
      }
      if (xPu < 0 && !allowSeriesCapacitors) {
        throw new GridDataException(what + " has negative reactance x = " + xPu + " p.u.");
      }
      double tapRatio = tap == 0 ? 1.0 : tap;
      requireFinite(what, "tap", tapRatio);
      if (tapRatio < 0) {
        throw new GridDataException(what + " has negative tap ratio " + tap);
      }
      requireFinite(what, "phase shift", shiftDeg);
      if (Double.isNaN(rate) || rate < 0) {
        throw new GridDataException(what + " has negative or undefined flow limit " + rate);
      }
      double limit = rate == 0 ? Double.POSITIVE_INFINITY : rate;
      double angMin = (angMinDeg == 0 || angMinDeg <= -360 || Double.isNaN(angMinDeg))
          ? Double.NEGATIVE_INFINITY : angMinDeg;
      double angMax = (angMaxDeg == 0 || angMaxDeg >= 360 || Double.isNaN(angMaxDeg))
          ? Double.POSITIVE_INFINITY : angMaxDeg;
      if (angMin > angMax) {
        throw new GridDataException(what + " has angmin " + angMinDeg + " above angmax " + angMaxDeg);
      }
      lines.add(new LineSpec(name, f, t, xPu, tapRatio, shiftDeg, limit, angMin, angMax));
      return this;
    }

    private int requireBus(String bus, String what) {
      Integer b = busIndex.get(bus);
      if (b == null) {
        throw new GridDataException(what + " refers to unknown bus '" + bus + "'");
      }
      return b;
    }

    private static void requireFinite(String what, String field, double v) {
      if (!Double.isFinite(v)) {
        throw new GridDataException(what + " has " + field + " = " + v);
      }
    }

    public Grid build() {
      if (busNames.isEmpty()) {
        throw new GridDataException(source + ": the grid has no buses");
      }
      if (referenceBus == null) {
        throw new GridDataException(source + ": no reference bus is set");
      }
      return new Grid(this);
    }
  }

  /** Names of all buses, in index order. */
  public List<String> busNames() {
    return Arrays.asList(busNames.clone());
  }
}
