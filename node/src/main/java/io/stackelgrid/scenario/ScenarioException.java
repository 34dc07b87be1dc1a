package io.stackelgrid.scenario;

import io.stackelgrid.common.StackelgridException;

/** A scenario that cannot be used; the message names the file (or --set flag) and the key. */
public final class ScenarioException extends StackelgridException {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
