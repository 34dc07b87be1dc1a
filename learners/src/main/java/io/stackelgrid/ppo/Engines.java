package io.stackelgrid.ppo;

/** Builds the engine a configuration asks for, resolving {@code auto} by network width. */
public final class Engines {
  private Engines() {}

  /** A fresh engine for the two shapes. */
  public static PolicyNetworks create(PpoConfig config, MlpShape policyShape, MlpShape valueShape) {
    return switch (config.resolvedEngine()) {
      case DL4J -> new Dl4jEngine(policyShape, valueShape, config.dl4jDoublePrecision());
      case JAVA, AUTO -> new JavaEngine(policyShape, valueShape);
    };
  }
}
