package io.stackelgrid.scenario;

/** A triangular distribution Tri(min, max, mode), used for the multiplicative noise of MODEL.md. */
public record Triangular(double min, double max, double mode) {

  /** The draw for a uniform u in [0, 1) by inverse CDF. */
  public double quantile(double u) {
    double range = max - min;
    if (range == 0) {
      return mode;
    }
    double split = (mode - min) / range;
    return u < split
        ? min + Math.sqrt(u * range * (mode - min))
        : max - Math.sqrt((1 - u) * range * (max - mode));
  }

  /** The mean (min + max + mode) / 3. */
  public double mean() {
    return (min + max + mode) / 3.0;
  }
}
