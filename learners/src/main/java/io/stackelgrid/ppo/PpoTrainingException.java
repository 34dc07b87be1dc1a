package io.stackelgrid.ppo;

import io.stackelgrid.common.StackelgridException;

/** Training stopped (e.g. NaN/Inf in a loss or parameter); the message names learner and update. */
public final class PpoTrainingException extends StackelgridException {
  private static final long serialVersionUID = 1L;

  public PpoTrainingException(String message) {
    super(message);
  }
}
