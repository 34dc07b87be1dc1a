package io.stackelgrid.random;

/**
 * SplitMix64 generator whose whole state is one public long, so checkpoints can store and restore
 * it; also the stateless hashes used for counter-based draws (common random numbers).
 */
public final class SplitMix64 {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** The complete state: restoring it continues the sequence exactly. */
  public long state;

  public SplitMix64(long state) {
    this.state = state;
  }

  /** A generator for one purpose, derived from (seed, name) so purposes never share draws. */
  public static SplitMix64 forPurpose(long seed, String name) {
    return new SplitMix64(derive(seed, name));
  }

  /** A seed for purpose {@code name} derived from {@code seed} (FNV-1a of the name, then mixed). */
  public static long derive(long seed, String name) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(mix(seed) ^ h);
  }

  /** The SplitMix64 finaliser: a bijective 64-bit mix. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) for the counter (key, a, b): the same triple always gives the same value. */
  public static double uniform(long key, long a, long b) {
    return (hash(key, a, b) >>> 11) * 0x1.0p-53;
  }

  /** 64 random bits for the counter (key, a, b), e.g. a key for one (period, copy) of a key's purpose. */
  public static long hash(long key, long a, long b) {
    long z = mix(key + GOLDEN * (a + 1));
    return mix(z + GOLDEN * (b + 1));
  }

  public long nextLong() {
    return mix(state += GOLDEN);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Standard normal by inverse CDF, one uniform per draw so the state stays a single long. */
  public double nextGaussian() {
    double u = nextDouble();
    return Normal.quantile(u == 0 ? 0x1.0p-54 : u);
  }
}
