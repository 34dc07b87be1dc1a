package io.stackelgrid.scenario;

/**
 * One row of the household groups table (MODEL.md §3, §10): households of one kind, income and
 * storage, held by one aggregator (prosumers always; consumers may sit at a bus with none).
 *
 * @param aggregator index into the scenario's aggregators, or −1 for consumers without one
 * @param aggregatorId the aggregator's id, or "" without one
 * @param bus index of the bus in the scenario's grid
 * @param busName the bus's case id
 * @param count households in the group (population scale applied)
 * @param storageKwh battery capacity of each household (0 for consumers)
 * @param shape the group's demand shape, one value per step of day (a copy of a shapes key)
 */
public record HouseholdGroup(String name, Kind kind, int aggregator, String aggregatorId, int bus, String busName,
    long count, double storageKwh, double incomeUsdPerYear, double[] shape) {

  public HouseholdGroup {
    shape = shape.clone();
  }

  /** The value of the group's shape in step of day h. */
  public double shape(int hour) {
    return shape[hour];
  }

  @Override
  public double[] shape() {
    return shape.clone();
  }

  public boolean prosumer() {
    return kind == Kind.PROSUMER;
  }

  /** Prosumers own storage and rooftop solar; consumers neither. */
  public enum Kind {
    PROSUMER("prosumer"),
    CONSUMER("consumer");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The kind as scenario files and outputs write it. */
    public String key() {
      return key;
    }
  }
}
