package io.stackelgrid.ppo;

/**
 * A small deterministic generator (SplitMix64) whose whole state can be read and restored, so a
 * learner's randomness is reproducible and survives checkpoints.
 */
public final class Rng {
  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  /** A generator started from {@code seed}. */
  public Rng(long seed) {
    this.state = seed;
  }

  /** The complete state, for checkpoints. */
  public record State(long state, double spareGaussian, boolean hasSpare) {}

  public State state() {
    return new State(state, spareGaussian, hasSpare);
  }

  /** Continues exactly from a state taken by {@link #state()}. */
  public void restore(State s) {
    state = s.state();
    spareGaussian = s.spareGaussian();
    hasSpare = s.hasSpare();
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound). */
  public int nextInt(int bound) {
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  /** Standard normal draw (Marsaglia polar method). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double scale = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * scale;
    hasSpare = true;
    return u * scale;
  }

  /** Fisher–Yates shuffle of {@code indices} in place. */
  public void shuffle(int[] indices) {
    for (int i = indices.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = indices[i];
      indices[i] = indices[j];
      indices[j] = t;
    }
  }

  /** A child seed derived from this generator's stream (for per-learner streams). */
  public static long mix(long seed, long salt) {
    return new Rng(seed ^ (salt * 0xD1B54A32D192ED03L)).nextLong();
  }
}
