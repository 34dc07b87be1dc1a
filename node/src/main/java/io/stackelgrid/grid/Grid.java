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
  /** Pd of a case's bus (its load without shunt conductance), for the territory's households. */
  private final double[] busDemand;
  private final Map<String, Integer> busIndex;

  private final GenSpec[] gens;
  private final Map<String, Integer> genIndex;
  private final LineSpec[] lines;

  private Grid(Builder b) {
    source = b.source;
    unit = b.unit;
    baseMva = b.baseMva;
    busNames = b.busNames.toArray(String[]::new);
    busLoad = b.busLoad.stream().mapToDouble(Double::doubleValue).toArray();
    busDemand = b.busDemand.stream().mapToDouble(Double::doubleValue).toArray();
    busIndex = Map.copyOf(b.busIndex);
    Integer ref = busIndex.get(b.referenceBus);
    if (ref == null) {
      throw new GridDataException(source + ": reference bus '" + b.referenceBus + "' is not a bus of the grid");
    }
    referenceBus = ref;
    gens = b.gens.toArray(GenSpec[]::new);
    genIndex = Map.copyOf(b.genNames);
    lines = b.lines.toArray(LineSpec[]::new);
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
    return gens.length;
  }

  public int lineCount() {
    return lines.length;
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

  /**
   * The demand Pd at bus n as its case file gives it (the load without a shunt's conductance Gs,
   * which {@link #busLoad} adds); the load itself for grids written in a scenario.
   */
  public double busDemand(int n) {
    return busDemand[n];
  }

  public String generatorName(int g) {
    return gens[g].name;
  }

  public int generatorBus(int g) {
    return gens[g].bus;
  }

  public double costC2(int g) {
    return gens[g].c2;
  }

  public double costC1(int g) {
    return gens[g].c1;
  }

  public double costC0(int g) {
    return gens[g].c0;
  }

  public double pMin(int g) {
    return gens[g].pMin;
  }

  public double pMax(int g) {
    return gens[g].pMax;
  }

  /** Index of the named generator, or -1. */
  public int generatorIndex(String name) {
    return genIndex.getOrDefault(name, -1);
  }

  /** Whether generator g's capacity follows a step-of-day availability profile (e.g. solar). */
  public boolean hasAvailabilityProfile(int g) {
    return gens[g].availability != null;
  }

  /**
   * Capacity of every generator in step of day {@code hourOfDay}: pMax times its profile value
   * (if any) times {@code noise[g]} (1 for the mode; null means all 1).
   */
  public double[] pMaxAt(int hourOfDay, double[] noise) {
    double[] out = new double[gens.length];
    for (int g = 0; g < out.length; g++) {
      out[g] = gens[g].pMax;
      double[] profile = gens[g].availability;
      if (profile != null) {
        out[g] *= profile[Math.floorMod(hourOfDay, profile.length)] * (noise == null ? 1.0 : noise[g]);
      }
    }
    return out;
  }

  public String lineName(int l) {
    return lines[l].name;
  }

  public int lineFrom(int l) {
    return lines[l].from;
  }

  public int lineTo(int l) {
    return lines[l].to;
  }

  public double lineXPu(int l) {
    return lines[l].xPu;
  }

  /** Off-nominal tap ratio (1 for a line). */
  public double lineTap(int l) {
    return lines[l].tap;
  }

  public double lineShiftDeg(int l) {
    return lines[l].shiftDeg;
  }

  /** Flow limit in the grid's unit; +Infinity where unlimited. */
  public double lineRate(int l) {
    return lines[l].rate;
  }

  /** Lower limit of theta_from - theta_to in degrees; -Infinity where none. */
  public double lineAngMinDeg(int l) {
    return lines[l].angMinDeg;
  }

  /** Upper limit of theta_from - theta_to in degrees; +Infinity where none. */
  public double lineAngMaxDeg(int l) {
    return lines[l].angMaxDeg;
  }

  /** Series susceptance 1/(x·tap) in per unit. */
  public double lineSusceptancePu(int l) {
    return 1.0 / (lines[l].xPu * lines[l].tap);
  }

  /** A copy of this grid with a different own load per bus (same network and units). */
  public Grid withBusLoads(double[] loads) {
    if (loads.length != busLoad.length) {
      throw new IllegalArgumentException(loads.length + " loads for " + busLoad.length + " buses");
    }
    return new Grid(this, loads.clone());
  }

  /**
   * This MW grid as energy per step of {@code hours} hours (MODEL.md §10): loads, capacities and
   * limits times the hours, costs of p MW for an hour c2·p² + c1·p + c0 become, for e = hours·p MWh,
   * c2/hours·e² + c1·e + hours·c0 per step, and the per-unit base times the hours, so angle limits
   * still bound the same physical flow.
   */
  public Grid perStep(double hours) {
    if (unit != Unit.MW) {
      throw new IllegalStateException(source + " is already in " + unit.label);
    }
    return copy(Unit.MWH_PER_STEP, hours).build();
  }

  /** A builder holding a copy of this grid (its quantities scaled by {@code hours}), to add elements to. */
  public Builder copy(Unit asUnit, double hours) {
    Builder b = new Builder(source, asUnit, baseMva * hours).allowSeriesCapacitors(true);
    for (int n = 0; n < busNames.length; n++) {
      b.bus(busNames[n], busLoad[n] * hours, busDemand[n] * hours);
    }
    b.referenceBus(busNames[referenceBus]);
    for (GenSpec g : gens) {
      b.generator(g.name, busNames[g.bus], g.c2 / hours, g.c1, g.c0 * hours, g.pMin * hours, g.pMax * hours,
          g.availability);
    }
    for (LineSpec l : lines) {
      b.lines.add(new LineSpec(l.name, l.from, l.to, l.xPu, l.tap, l.shiftDeg, l.rate * hours, l.angMinDeg,
          l.angMaxDeg));
      b.lineNames.put(l.name, b.lines.size() - 1);
    }
    return b;
  }

  private Grid(Grid other, double[] busLoad) {
    source = other.source;
    unit = other.unit;
    baseMva = other.baseMva;
    referenceBus = other.referenceBus;
    busNames = other.busNames;
    this.busLoad = busLoad;
    this.busDemand = other.busDemand;
    busIndex = other.busIndex;
    gens = other.gens;
    genIndex = other.genIndex;
    lines = other.lines;
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
    private final List<Double> busDemand = new ArrayList<>();
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
      return bus(name, load, load);
    }

    /** Adds a bus with its own load, of which {@code demand} is the case's Pd (the rest a shunt's). */
    public Builder bus(String name, double load, double demand) {
      if (busIndex.containsKey(name)) {
        throw new GridDataException(source + ": bus '" + name + "' is defined twice");
      }
      if (!Double.isFinite(load)) {
        throw new GridDataException(source + ": bus '" + name + "' has load " + load);
      }
      busIndex.put(name, busNames.size());
      busNames.add(name);
      busLoad.add(load);
      busDemand.add(demand);
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
      if (gens.isEmpty()) {
        // It would shed every load at VOLL: a typo in a scenario, not a grid.
        throw new GridDataException(source + ": the grid has no generators");
      }
      return new Grid(this);
    }
  }

  /** Names of all buses, in index order. */
  public List<String> busNames() {
    return Arrays.asList(busNames.clone());
  }
}
