package io.stackelgrid.wire;

/**
 * A message that may cross an actor boundary: bound to {@link WireSerializer}, which maps it to its
 * protobuf message through the codec its module registers. Every actor protocol's Command extends it.
 */
public interface WireMessage {}
