package io.stackelgrid.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import org.junit.jupiter.api.Test;

class DispatchMessagesTest {

  @Test
  void resultRoundTripsThroughBytes() throws Exception {
    DispatchResult sent = DispatchResult.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(17)
        .setStatus(DispatchStatus.OPTIMAL_WITH_SLACK)
        .addBuses(BusResult.newBuilder().setBus("b3").setLmpUsdPerMwh(-100.0)
            .setEnergyUsdPerMwh(8.5).setCongestionUsdPerMwh(-108.5).setSpill(2.25))
        .addGeneration(NamedValue.newBuilder().setName("g1").setValue(12.5))
        .addFlows(NamedValue.newBuilder().setName("l1").setValue(-100.0))
        .setCost(1234.5)
        .build();
    DispatchResult received = DispatchResult.parseFrom(sent.toByteArray());
    assertEquals(sent, received);
    assertEquals(-108.5, received.getBuses(0).getCongestionUsdPerMwh());
  }

  @Test
  void unknownSchemaVersionIsRefusedNamingSender() {
    DispatchRequest request = DispatchRequest.newBuilder().setSchemaVersion(7).setStep(3).build();
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> SchemaVersions.require(request.getSchemaVersion(), "DispatchRequest", "tracker-1"));
    assertTrue(e.getMessage().contains("version 7"), e.getMessage());
    assertTrue(e.getMessage().contains("tracker-1"), e.getMessage());
  }
}
