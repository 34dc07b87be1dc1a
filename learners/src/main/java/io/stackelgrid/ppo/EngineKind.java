package io.stackelgrid.ppo;

import io.stackelgrid.common.StackelgridException;
import java.util.Locale;

/** Which network engine a learner runs on: chosen by size ({@code AUTO}), DL4J, or plain Java. */
public enum EngineKind {
  AUTO,
  DL4J,
  JAVA;

  /** Parses {@code auto | dl4j | java} (any case); the error names the key and the value. */
  public static EngineKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new StackelgridException(
          "learner.engine = '" + text + "' is not one of auto, dl4j, java");
    }
  }
}
