package io.stackelgrid.wire;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.Config;
import io.stackelgrid.proto.PayloadMsg;
import io.stackelgrid.proto.SchemaVersions;
import java.io.NotSerializableException;
import java.util.HashMap;
import java.util.Map;

/**
 * The one serializer of every {@link WireMessage}: each record travels as its protobuf message
 * (through the codecs the modules register), with the manifest {@code Name@version}. The schema
 * version is checked here, once, for every message; actor refs travel in their string form.
 */
public final class WireSerializer extends SerializerWithStringManifest {
  /** Akka's serializer id of this serializer (ids up to 40 are Akka's own). */
  public static final int ID = 217_393;
  private final ExtendedActorSystem system;
  private final Map<Class<?>, Codec<?, ?>> byType = new HashMap<>();
  private final Map<String, Codec<?, ?>> byName = new HashMap<>();
  private final Refs refs = new Refs();
  private volatile ActorRefResolver resolver;

  public WireSerializer(ExtendedActorSystem system) {
    this.system = system;
    Config sets = system.settings().config().getConfig("stackelgrid.wire.codec-sets");
    for (String key : sets.root().keySet()) {
      for (Codec<?, ?> c : load(sets.getString(key)).codecs()) {
        if (byType.put(c.type(), c) != null || byName.put(c.name(), c) != null) {
          throw new IllegalStateException("two wire codecs for " + c.type().getName() + " or name " + c.name());
        }
      }
    }
  }

  private static CodecSet load(String className) {
    try {
      return (CodecSet) Class.forName(className).getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("stackelgrid.wire.codec-sets names " + className
          + ", which is not a CodecSet with a public no-argument constructor", e);
    }
  }

  @Override
  public int identifier() {
    return ID;
  }

  @Override
  public String manifest(Object o) {
    return codec(o).name() + "@" + SchemaVersions.CURRENT;
  }

  @Override
  public byte[] toBinary(Object o) {
    return codec(o).toBytes(o, refs);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    int at = manifest.lastIndexOf('@');
    String name = at < 0 ? manifest : manifest.substring(0, at);
    String version = at < 0 ? "none" : manifest.substring(at + 1);
    if (!version.equals(String.valueOf(SchemaVersions.CURRENT))) {
      throw new NotSerializableException(name + " has schema version " + version + " but this build reads only "
          + "version " + SchemaVersions.CURRENT + " (a member of another build?)");
    }
    Codec<?, ?> c = byName.get(name);
    if (c == null) {
      throw new NotSerializableException("no wire codec named " + name + " in this build");
    }
    try {
      return c.fromBytes(bytes, refs);
    } catch (InvalidProtocolBufferException e) {
      throw new NotSerializableException(name + " is damaged: " + e.getMessage());
    }
  }

  /** Whether a codec maps {@code type} (every record that may cross an actor boundary needs one). */
  public boolean hasCodec(Class<?> type) {
    return byType.containsKey(type);
  }

  private Codec<?, ?> codec(Object o) {
    Codec<?, ?> c = byType.get(o.getClass());
    if (c == null) {
      throw new IllegalArgumentException("no wire codec for " + o.getClass().getName()
          + " (register one in its module's CodecSet)");
    }
    return c;
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      // Not in the constructor: Akka builds serializers while the system is still starting.
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  /** Refs and nested payloads for the codecs. */
  private final class Refs implements WireRefs {
    @Override
    public String toWire(ActorRef<?> ref) {
      return resolver().toSerializationFormat(ref);
    }

    @Override
    public <T> ActorRef<T> ref(String wire) {
      return resolver().resolveActorRef(wire);
    }

    @Override
    public PayloadMsg payload(Object value) {
      Codec<?, ?> c = codec(value);
      return PayloadMsg.newBuilder().setName(c.name()).setData(ByteString.copyFrom(c.toBytes(value, this))).build();
    }

    @Override
    public Object value(PayloadMsg payload) {
      Codec<?, ?> c = byName.get(payload.getName());
      if (c == null) {
        throw new IllegalArgumentException("no wire codec named " + payload.getName() + " in this build");
      }
      try {
        return c.fromBytes(payload.getData().toByteArray(), this);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(payload.getName() + " is damaged: " + e.getMessage(), e);
      }
    }
  }
}
