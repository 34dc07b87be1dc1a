package io.stackelgrid.cli;

import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.common.RunInterruptedException;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The exit-code contract of every command: 0 done; 2 bad input or configuration (one line
 * {@code stackelgrid: error: ...} naming the culprit); 1 a failure of the run itself (one line, the
 * details in a log file); 130 interrupted (SIGINT) after a clean stop that keeps the files and the
 * last checkpoint written so far. {@code finite-game} adds 3: did not converge. Listed in every
 * {@code --help}.
 */
public final class ExitCodes {
  public static final int DONE = 0;
  public static final int RUN_FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int INTERRUPTED = 130;

  private static volatile String interruptHint;

  private ExitCodes() {}

  /** What to tell the user when this process is interrupted (e.g. how to resume). */
  static void onInterrupt(String hint) {
    interruptHint = hint;
  }

  /**
   * SIGINT stops cleanly: writes under way finish and no new one starts (so the last checkpoint and
   * every file are whole, with no temporaries), one line says what is kept, and the process exits
   * 130 through the usual shutdown (Akka leaves the cluster). For the real process only, not tests.
   */
  static void handleSigint(PrintWriter err) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
        boolean whole = AtomicFiles.stopWrites(java.time.Duration.ofSeconds(30));
        String hint = interruptHint;
        err.println("stackelgrid: interrupted" + (hint != null ? "; " + hint : "; files written so far are kept")
            + (whole ? "" : " (a write did not finish within 30 s)"));
        err.flush();
        System.exit(INTERRUPTED);
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // No SIGINT here (or the JVM keeps it): the JVM's default handling stays.
    }
  }

  /** The codes every command's help lists. */
  static Map<String, String> contract() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(" " + DONE, "done");
    m.put(" " + RUN_FAILED, "the run itself failed (one line; details in the log file it names)");
    m.put(" " + BAD_INPUT, "bad input or configuration (one line naming file, key, line, bus, step or seed)");
    m.put(INTERRUPTED + "", "interrupted (SIGINT): files and the last checkpoint written so far are kept");
    return m;
  }

  /** Installs the contract on {@code cli} and all its subcommands: handlers and help sections. */
  static void install(CommandLine cli, PrintWriter err) {
    cli.setParameterExceptionHandler((e, args) -> {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
        message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
      }
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      err.println("stackelgrid: error: " + oneLine(message) + "; try '" + command + " --help'");
      err.flush();
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
    helpSections(cli);
  }

  /** Prints the one line of {@code e} (naming a log of its details unless it is bad input); its code. */
  static int report(Throwable e, PrintWriter err) {
    int code = codeOf(e);
    String message = oneLine(messageOf(e));
    if (code != BAD_INPUT) {
      Path log = writeLog(e);
      message += log == null ? "" : " (details in " + log + ")";
    }
    err.println("stackelgrid: error: " + message);
    err.flush();
    return code;
  }

  private static void helpSections(CommandLine cli) {
    Map<String, String> codes = contract();
    if (cli.getCommandSpec().userObject() instanceof FiniteGameCommand) {
      String interrupted = codes.remove(INTERRUPTED + "");
      codes.put(" " + FiniteGameCommand.EXIT_NOT_CONVERGED, "did not converge in --max-iterations "
          + "(the last iterate is still printed, with its residual)");
      codes.put(INTERRUPTED + "", interrupted);
    }
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    for (CommandLine sub : cli.getSubcommands().values()) {
      helpSections(sub);
    }
  }

  /** The exit code of an exception that ended a command. */
  static int codeOf(Throwable e) {
    if (e instanceof RunInterruptedException || e instanceof InterruptedException) {
      return INTERRUPTED;
    }
    if (e instanceof RunFailedException) {
      return RUN_FAILED;
    }
    if (e instanceof StackelgridException) {
      return BAD_INPUT;
    }
    return RUN_FAILED;
  }

  private static String messageOf(Throwable e) {
    if (e instanceof StackelgridException) {
      return e.getMessage();
    }
    // Not one of ours: a defect or an unexpected failure of a library; say what, the log says where.
    return "internal error: " + e;
  }

  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** Writes the exception's stack trace to a log file and returns it (null if that fails too). */
  private static Path writeLog(Throwable e) {
    try {
      Path log = Path.of(System.getProperty("java.io.tmpdir"), "stackelgrid-error-" + ProcessHandle.current().pid()
          + ".log");
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Files.writeString(log, trace.toString(), StandardCharsets.UTF_8);
      return log;
    } catch (IOException | RuntimeException ignored) {
      return null;
    }
  }
}
