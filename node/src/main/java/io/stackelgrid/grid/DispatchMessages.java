package io.stackelgrid.grid;

import io.stackelgrid.proto.BusResult;
import io.stackelgrid.proto.DispatchRequest;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.DispatchStatus;
import io.stackelgrid.proto.NamedValue;
import io.stackelgrid.proto.SchemaVersions;

/** Converts between the dispatch protobuf messages and the grid's arrays, by element name. */
public final class DispatchMessages {
  private DispatchMessages() {}

  /** A request for one step: loads per bus and capacities of generators with a profile. */
  public static DispatchRequest request(Grid grid, long step, int hourOfDay, double[] busLoad, double[] pMax) {
    DispatchRequest.Builder b = DispatchRequest.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT).setStep(step).setHourOfDay(hourOfDay);
    for (int n = 0; n < grid.busCount(); n++) {
      b.addBusLoad(NamedValue.newBuilder().setName(grid.busName(n)).setValue(busLoad[n]));
    }
    if (pMax != null) {
      for (int g = 0; g < grid.generatorCount(); g++) {
        b.addGeneratorAvailable(NamedValue.newBuilder().setName(grid.generatorName(g)).setValue(pMax[g]));
      }
    }
    return b.build();
  }

  /** Loads per bus of a request, by name; every bus must be given once. */
  public static double[] busLoads(Grid grid, DispatchRequest request, String sender) {
    SchemaVersions.require(request.getSchemaVersion(), "DispatchRequest", sender);
    double[] load = new double[grid.busCount()];
    boolean[] seen = new boolean[grid.busCount()];
    for (NamedValue v : request.getBusLoadList()) {
      int n = grid.busIndex(v.getName());
      if (n < 0) {
        throw new DispatchException("step " + request.getStep() + ": request from " + sender
            + " names unknown bus '" + v.getName() + "'");
      }
      load[n] = v.getValue();
      seen[n] = true;
    }
    for (int n = 0; n < seen.length; n++) {
      if (!seen[n]) {
        throw new DispatchException("step " + request.getStep() + ": request from " + sender
            + " gives no load for bus " + grid.busName(n));
      }
    }
    return load;
  }

  /** Capacities of a request (the grid's pmax where a generator is not named), or null if none. */
  public static double[] capacities(Grid grid, DispatchRequest request) {
    if (request.getGeneratorAvailableCount() == 0) {
      return null;
    }
    double[] cap = new double[grid.generatorCount()];
    for (int g = 0; g < cap.length; g++) {
      cap[g] = grid.pMax(g);
    }
    for (NamedValue v : request.getGeneratorAvailableList()) {
      int g = grid.generatorIndex(v.getName());
      if (g < 0) {
        throw new DispatchException("step " + request.getStep() + ": unknown generator '" + v.getName() + "'");
      }
      cap[g] = v.getValue();
    }
    return cap;
  }

  /** The published result of a cleared step. */
  public static DispatchResult result(Grid grid, Dispatch d, double slackTolerance) {
    DispatchResult.Builder b = DispatchResult.newBuilder().setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(d.step()).setCost(d.cost())
        .setStatus(d.usedSlack(slackTolerance) ? DispatchStatus.OPTIMAL_WITH_SLACK : DispatchStatus.OPTIMAL);
    for (int n = 0; n < grid.busCount(); n++) {
      b.addBuses(BusResult.newBuilder().setBus(grid.busName(n)).setLmpUsdPerMwh(d.lmp()[n])
          .setEnergyUsdPerMwh(d.energy()).setCongestionUsdPerMwh(d.congestion()[n])
          .setLoad(d.load()[n]).setShed(d.shed()[n]).setSpill(d.spill()[n]));
    }
    for (int g = 0; g < grid.generatorCount(); g++) {
      b.addGeneration(NamedValue.newBuilder().setName(grid.generatorName(g)).setValue(d.generation()[g]));
    }
    for (int l = 0; l < grid.lineCount(); l++) {
      b.addFlows(NamedValue.newBuilder().setName(grid.lineName(l)).setValue(d.flow()[l]));
    }
    return b.build();
  }

  /**
   * The dispatch a {@link DispatchResult} publishes, as the grid's arrays (elements by name). The
   * message does not carry which lines bind, so every line reads as not binding; a failed result
   * throws its error.
   */
  public static Dispatch dispatch(Grid grid, DispatchResult result, String sender) {
    SchemaVersions.require(result.getSchemaVersion(), "DispatchResult", sender);
    if (result.getStatus() == DispatchStatus.FAILED) {
      throw new DispatchException(result.getError());
    }
    int nBus = grid.busCount();
    double[] lmp = new double[nBus];
    double[] congestion = new double[nBus];
    double[] load = new double[nBus];
    double[] shed = new double[nBus];
    double[] spill = new double[nBus];
    boolean[] seen = new boolean[nBus];
    double energy = 0;
    for (BusResult b : result.getBusesList()) {
      int n = grid.busIndex(b.getBus());
      if (n < 0) {
        throw new DispatchException("step " + result.getStep() + ": result from " + sender
            + " names unknown bus '" + b.getBus() + "'");
      }
      lmp[n] = b.getLmpUsdPerMwh();
      energy = b.getEnergyUsdPerMwh();
      congestion[n] = b.getCongestionUsdPerMwh();
      load[n] = b.getLoad();
      shed[n] = b.getShed();
      spill[n] = b.getSpill();
      seen[n] = true;
    }
    for (int n = 0; n < nBus; n++) {
      if (!seen[n]) {
        throw new DispatchException("step " + result.getStep() + ": result from " + sender
            + " gives no price for bus " + grid.busName(n));
      }
    }
    double[] generation = new double[grid.generatorCount()];
    for (NamedValue v : result.getGenerationList()) {
      int g = grid.generatorIndex(v.getName());
      if (g < 0) {
        throw new DispatchException("step " + result.getStep() + ": unknown generator '" + v.getName() + "'");
      }
      generation[g] = v.getValue();
    }
    double[] flow = new double[grid.lineCount()];
    // Lines have no name index (names need not be unique), so flows are read in the grid's order.
    if (result.getFlowsCount() != flow.length) {
      throw new DispatchException("step " + result.getStep() + ": result from " + sender + " gives "
          + result.getFlowsCount() + " line flows for " + flow.length + " lines");
    }
    for (int l = 0; l < flow.length; l++) {
      NamedValue v = result.getFlows(l);
      if (!v.getName().equals(grid.lineName(l))) {
        throw new DispatchException("step " + result.getStep() + ": result from " + sender + " gives line '"
            + v.getName() + "' where line '" + grid.lineName(l) + "' was expected");
      }
      flow[l] = v.getValue();
    }
    return new Dispatch(result.getStep(), lmp, energy, congestion, load, generation, flow, shed, spill,
        result.getCost(), new boolean[grid.lineCount()]);
  }

  /** A failed step's result, carrying the error that names step and bus. */
  public static DispatchResult failure(long step, String error) {
    return DispatchResult.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(step)
        .setStatus(DispatchStatus.FAILED).setError(error).build();
  }
}
