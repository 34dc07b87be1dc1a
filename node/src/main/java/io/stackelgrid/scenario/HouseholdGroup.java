package io.stackelgrid.scenario;

/**
 * One customer group of MODEL.md §3-4: households of one kind at one bus.
 *
 * @param bus index of the bus in the scenario's grid
 * @param count households in the group (population scale applied)
 * @param storageKwh battery capacity of each household (0 for consumers)
 */
public record HouseholdGroup(String name, Kind kind, int bus, String busName, long count,
    double storageKwh, double incomeUsdPerYear) {

  /** Prosumers own storage and rooftop solar; consumers neither. */
  public enum Kind {
    PROSUMER,
    CONSUMER
  }
}
