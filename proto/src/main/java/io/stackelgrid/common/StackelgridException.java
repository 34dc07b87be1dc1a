package io.stackelgrid.common;

/**
 * An error caused by the user's input or data (a scenario key, a case file, a bus, a step), whose
 * message is written for the user and names the culprit. The CLI prints it as one line.
 */
public class StackelgridException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackelgridException(String message) {
    super(message);
  }

  public StackelgridException(String message, Throwable cause) {
    super(message, cause);
  }
}
