package io.stackelgrid.common;

/** The run was interrupted (SIGINT, or its thread interrupted): exit 130, files written so far kept. */
public class RunInterruptedException extends RunFailedException {
  private static final long serialVersionUID = 1L;

  public RunInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
