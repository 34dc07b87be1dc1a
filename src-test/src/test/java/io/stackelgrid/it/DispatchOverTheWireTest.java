package io.stackelgrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.grid.DcOpf;
import io.stackelgrid.grid.DispatchMessages;
import io.stackelgrid.grid.Grid;
import io.stackelgrid.proto.BusResult;
import io.stackelgrid.proto.DispatchRequest;
import io.stackelgrid.proto.DispatchResult;
import io.stackelgrid.proto.DispatchStatus;
import io.stackelgrid.scenario.Scenario;
import io.stackelgrid.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * A step cleared the way a system operator on another node would: the request arrives as bytes,
 * the result leaves as bytes, and the prices read back are the closed-form system λ.
 */
class DispatchOverTheWireTest {

  @Test
  void requestBytesInResultBytesOut() throws Exception {
    Scenario s = ScenarioLoader.load("three-bus");
    Grid grid = s.grid();
    double[] load = {6, 5, 4};
    byte[] wire = DispatchMessages.request(grid, 40, 0, load, grid.pMaxAt(0, null)).toByteArray();

    DispatchRequest received = DispatchRequest.parseFrom(wire);
    DcOpf opf = new DcOpf(grid, s.dispatch());
    var d = opf.solve(received.getStep(), DispatchMessages.busLoads(grid, received, "tracker"),
        DispatchMessages.capacities(grid, received));
    DispatchResult result = DispatchResult.parseFrom(DispatchMessages.result(grid, d, 1e-6).toByteArray());

    assertEquals(40, result.getStep());
    assertEquals(DispatchStatus.OPTIMAL, result.getStatus());
    double lambda = (0.4 * 15 + 9) / 2; // g1 and g2 share 15 MWh at equal marginal cost
    for (BusResult bus : result.getBusesList()) {
      assertEquals(lambda, bus.getLmpUsdPerMwh(), 1e-6, bus.getBus());
      assertEquals(bus.getLmpUsdPerMwh(), bus.getEnergyUsdPerMwh() + bus.getCongestionUsdPerMwh(), 1e-12);
    }
    assertEquals(3, result.getFlowsCount());
  }

  @Test
  void unknownVersionAndUnknownBusAreRefused() {
    Grid grid = ScenarioLoader.load("three-bus").grid();
    DispatchRequest future = DispatchMessages.request(grid, 1, 0, new double[] {1, 1, 1}, null)
        .toBuilder().setSchemaVersion(99).build();
    String m = assertThrows(StackelgridException.class,
        () -> DispatchMessages.busLoads(grid, future, "tracker-7")).getMessage();
    assertTrue(m.contains("99") && m.contains("tracker-7"), m);

    DispatchRequest partial = DispatchMessages.request(grid, 3, 0, new double[] {1, 1, 1}, null)
        .toBuilder().removeBusLoad(2).build();
    m = assertThrows(StackelgridException.class, () -> DispatchMessages.busLoads(grid, partial, "t")).getMessage();
    assertTrue(m.contains("b3") && m.contains("step 3"), m);
  }
}
