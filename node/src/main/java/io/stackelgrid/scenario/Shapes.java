package io.stackelgrid.scenario;

/** Per-step-of-day shapes of MODEL.md §3 (one value per step, from 00:00). */
public record Shapes(double[] consumerDemand, double[] prosumerNetDemand, double[] gridSolar) {

  /** The named shape (key name in the scenario's shapes section), or null. */
  public double[] byKey(String key) {
    return switch (key) {
      case "consumer-demand" -> consumerDemand;
      case "prosumer-net-demand" -> prosumerNetDemand;
      case "grid-solar" -> gridSolar;
      default -> null;
    };
  }
}
