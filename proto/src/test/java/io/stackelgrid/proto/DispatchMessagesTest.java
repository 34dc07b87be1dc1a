package io.stackelgrid.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The dispatch messages' wire contract: what two builds exchange is the bytes, so the schema's field
 * numbers and types are checked against messages encoded by hand from protobuf's wire rules (a key is
 * field number × 8 + wire type; varints 7 bits at a time; doubles as 8 little-endian bytes; messages
 * and strings length-prefixed), not against the generated code itself. A renumbered or retyped field
 * fails here.
 */
class DispatchMessagesTest {
  private static final int VARINT = 0;
  private static final int I64 = 1;
  private static final int LEN = 2;

  /** A message being written by hand: fields in number order, defaults left out, as proto3 writes them. */
  private static final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Wire varint(int field, long v) {
      key(field, VARINT);
      raw(v);
      return this;
    }

    Wire dbl(int field, double v) {
      key(field, I64);
      long bits = Double.doubleToLongBits(v);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
      return this;
    }

    Wire text(int field, String s) {
      return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Wire message(int field, Wire m) {
      return bytes(field, m.out.toByteArray());
    }

    private Wire bytes(int field, byte[] b) {
      key(field, LEN);
      raw(b.length);
      out.writeBytes(b);
      return this;
    }

    private void key(int field, int type) {
      raw((long) field << 3 | type);
    }

    private void raw(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) (v & 0x7f) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  @Test
  void aDispatchResultIsTheBytesTheSchemaPromises() throws Exception {
    // Bus b3 spilling at -100 $/MWh (energy 8.5, congestion -108.5); zero load and shed are left out.
    byte[] hand = new Wire()
        .varint(1, 3) // schema_version
        .varint(2, 17) // step
        .varint(3, 2) // status OPTIMAL_WITH_SLACK
        .message(4, new Wire().text(1, "b3").dbl(2, -100.0).dbl(3, 8.5).dbl(4, -108.5).dbl(7, 2.25))
        .message(5, new Wire().text(1, "g1").dbl(2, 12.5))
        .message(6, new Wire().text(1, "l1").dbl(2, -100.0))
        .dbl(7, 1234.5) // cost
        .toBytes();
    DispatchResult built = DispatchResult.newBuilder()
        .setSchemaVersion(SchemaVersions.CURRENT)
        .setStep(17)
        .setStatus(DispatchStatus.OPTIMAL_WITH_SLACK)
        .addBuses(BusResult.newBuilder().setBus("b3").setLmpUsdPerMwh(-100.0)
            .setEnergyUsdPerMwh(8.5).setCongestionUsdPerMwh(-108.5).setSpill(2.25))
        .addGeneration(NamedValue.newBuilder().setName("g1").setValue(12.5))
        .addFlows(NamedValue.newBuilder().setName("l1").setValue(-100.0))
        .setCost(1234.5)
        .build();
    assertEquals(3, SchemaVersions.CURRENT, "the hand-written bytes carry schema version 3");
    assertArrayEquals(hand, built.toByteArray());
    DispatchResult read = DispatchResult.parseFrom(hand);
    assertEquals(-108.5, read.getBuses(0).getCongestionUsdPerMwh());
    assertEquals(2.25, read.getBuses(0).getSpill());
    assertEquals(DispatchStatus.OPTIMAL_WITH_SLACK, read.getStatus());
  }

  @Test
  void aDispatchRequestIsTheBytesTheSchemaPromises() throws Exception {
    // A negative load (a bus exporting), and step and hour as varints; a zero available output is left out.
    byte[] hand = new Wire()
        .varint(1, 3)
        .varint(2, 40)
        .varint(3, 6)
        .message(4, new Wire().text(1, "b1").dbl(2, 110.5))
        .message(4, new Wire().text(1, "b3").dbl(2, -7.25))
        .message(5, new Wire().text(1, "solar"))
        .toBytes();
    DispatchRequest built = DispatchRequest.newBuilder().setSchemaVersion(SchemaVersions.CURRENT).setStep(40)
        .setHourOfDay(6)
        .addBusLoad(NamedValue.newBuilder().setName("b1").setValue(110.5))
        .addBusLoad(NamedValue.newBuilder().setName("b3").setValue(-7.25))
        .addGeneratorAvailable(NamedValue.newBuilder().setName("solar").setValue(0))
        .build();
    assertArrayEquals(hand, built.toByteArray());
    assertEquals(-7.25, DispatchRequest.parseFrom(hand).getBusLoad(1).getValue());
  }

  @Test
  void aFailedResultCarriesItsErrorInFieldEight() throws Exception {
    byte[] hand = new Wire().varint(1, 2).varint(2, 3).varint(3, 3).text(8, "step 3: bus b1 sheds").toBytes();
    DispatchResult read = DispatchResult.parseFrom(hand);
    assertEquals(DispatchStatus.FAILED, read.getStatus());
    assertEquals("step 3: bus b1 sheds", read.getError());
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
