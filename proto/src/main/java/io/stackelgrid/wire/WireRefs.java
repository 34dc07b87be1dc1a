package io.stackelgrid.wire;

import akka.actor.typed.ActorRef;
import io.stackelgrid.proto.PayloadMsg;

/** What a codec needs besides its record: actor refs as strings, and nested values of any codec. */
public interface WireRefs {
  /** {@code ref} in its string form (ActorRefResolver). */
  String toWire(ActorRef<?> ref);

  /** The actor a string form names. */
  <T> ActorRef<T> ref(String wire);

  /** A value of any registered type, as its manifest and bytes (a generic message's payload). */
  PayloadMsg payload(Object value);

  /** The value a payload carries. */
  Object value(PayloadMsg payload);
}
