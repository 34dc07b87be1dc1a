package io.stackelgrid.grid;

import io.stackelgrid.common.StackelgridException;

/** Grid data that cannot be dispatched: names the source and the element at fault. */
public final class GridDataException extends StackelgridException {
  private static final long serialVersionUID = 1L;

  public GridDataException(String message) {
    super(message);
  }
}
