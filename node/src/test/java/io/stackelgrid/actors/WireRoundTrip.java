package io.stackelgrid.actors;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import io.stackelgrid.wire.WireSerializer;
import java.io.NotSerializableException;

/** A value through the wire serializer and back, as it would cross machines. */
public final class WireRoundTrip {
  private WireRoundTrip() {}

  @SuppressWarnings("unchecked")
  public static <T> T of(ActorSystem<?> system, T value) {
    WireSerializer s = new WireSerializer((ExtendedActorSystem) Adapter.toClassic(system));
    try {
      return (T) s.fromBinary(s.toBinary(value), s.manifest(value));
    } catch (NotSerializableException e) {
      throw new AssertionError(e);
    }
  }
}
