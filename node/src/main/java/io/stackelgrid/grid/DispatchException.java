package io.stackelgrid.grid;

import io.stackelgrid.common.StackelgridException;

/** A step that could not be cleared (bad load, solver failure, or slack under strict mode). */
public final class DispatchException extends StackelgridException {
  private static final long serialVersionUID = 1L;

  public DispatchException(String message) {
    super(message);
  }
}
