package io.stackelgrid.common;

/**
 * A failure of the run itself rather than of its input (a learner that broke, an actor that did not
 * answer, a disk that filled up): the CLI prints its message as one line and exits 1, with the
 * details in a log file. It is a {@link StackelgridException} so that code flushing results on any
 * error flushes on these too.
 */
public class RunFailedException extends StackelgridException {
  private static final long serialVersionUID = 1L;

  public RunFailedException(String message) {
    super(message);
  }

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
