package io.stackelgrid.grid;

/**
 * The cleared market of one step. Arrays are indexed like the grid's buses, generators and lines,
 * in the grid's unit; prices in $/MWh; cost in $ per hour (cases) or per step (three-bus).
 *
 * @param lmp locational marginal price per bus: paid to the bus for one more unit consumed
 * @param energy the energy part of every LMP (the reference bus's LMP)
 * @param congestion lmp minus energy, per bus
 * @param load net load per bus that was cleared
 * @param generation output per generator
 * @param flow flow per line, positive from its from-bus to its to-bus
 * @param shed load shed per bus (priced at VOLL)
 * @param spill surplus injection spilled per bus
 * @param cost generation cost (with constant terms) plus shed and spill penalties
 * @param lineBinding whether each line sits at a flow or angle limit
 */
public record Dispatch(long step, double[] lmp, double energy, double[] congestion, double[] load,
    double[] generation, double[] flow, double[] shed, double[] spill, double cost,
    boolean[] lineBinding) {

  /** Whether any bus shed or spilled more than {@code tolerance}. */
  public boolean usedSlack(double tolerance) {
    for (int n = 0; n < shed.length; n++) {
      if (shed[n] > tolerance || spill[n] > tolerance) {
        return true;
      }
    }
    return false;
  }

  /** Total shed over all buses. */
  public double totalShed() {
    double s = 0;
    for (double v : shed) {
      s += v;
    }
    return s;
  }

  /** Total spill over all buses. */
  public double totalSpill() {
    double s = 0;
    for (double v : spill) {
      s += v;
    }
    return s;
  }
}
