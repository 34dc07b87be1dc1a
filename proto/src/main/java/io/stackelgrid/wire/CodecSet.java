package io.stackelgrid.wire;

import java.util.List;

/**
 * The codecs of one module's records. Each module names its set under
 * {@code stackelgrid.wire.codec-sets} in its reference.conf; {@link WireSerializer} loads them all.
 */
public interface CodecSet {
  List<Codec<?, ?>> codecs();
}
