package io.stackelgrid.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

/**
 * How one record travels: its name on the wire (the manifest, without the schema version) and the
 * two mappings to and from its protobuf message.
 *
 * @param <T> the record
 * @param <M> its protobuf message
 */
public final class Codec<T, M extends MessageLite> {
  /** The record to its protobuf message. */
  @FunctionalInterface
  public interface ToWire<T, M> {
    M apply(T value, WireRefs refs);
  }

  /** The protobuf message back to the record. */
  @FunctionalInterface
  public interface FromWire<T, M> {
    T apply(M message, WireRefs refs);
  }

  private final Class<T> type;
  private final String name;
  private final Parser<M> parser;
  private final ToWire<T, M> toWire;
  private final FromWire<T, M> fromWire;

  private Codec(Class<T> type, String name, Parser<M> parser, ToWire<T, M> toWire, FromWire<T, M> fromWire) {
    this.type = type;
    this.name = name;
    this.parser = parser;
    this.toWire = toWire;
    this.fromWire = fromWire;
  }

  /** A codec of {@code type} named {@code name} (unique across modules), read with {@code parser}. */
  public static <T, M extends MessageLite> Codec<T, M> of(Class<T> type, String name, Parser<M> parser,
      ToWire<T, M> toWire, FromWire<T, M> fromWire) {
    return new Codec<>(type, name, parser, toWire, fromWire);
  }

  public Class<T> type() {
    return type;
  }

  public String name() {
    return name;
  }

  byte[] toBytes(Object value, WireRefs refs) {
    return toWire.apply(type.cast(value), refs).toByteArray();
  }

  T fromBytes(byte[] bytes, WireRefs refs) throws InvalidProtocolBufferException {
    return fromWire.apply(parser.parseFrom(bytes), refs);
  }
}
