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
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The exit-code contract of every command: 0 done; 2 bad input or configuration (one line
 * {@code stackelgrid: error: ...} naming the culprit); 1 a failure of the run itself (one line, the
 * details in a log file); 130 interrupted (SIGINT) after a clean stop that keeps the files and the
 * last checkpoint written so far, 143 (SIGTERM) and 129 (SIGHUP) the same. {@code finite-game} adds 3: did not converge. Listed in every
 * {@code --help}.
 */
public final class ExitCodes {
  public static final int DONE = 0;
  public static final int RUN_FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int INTERRUPTED = 130;
  /** Stopped by SIGTERM (128 + 15), as SIGINT. */
  public static final int TERMINATED = 143;
  /** Stopped by SIGHUP (128 + 1), as SIGINT: the terminal went away. */
  public static final int HUNG_UP = 129;
  /** The signals stopped cleanly, and their exit codes. */
  private static final Map<String, Integer> SIGNALS = Map.of("INT", INTERRUPTED, "TERM", TERMINATED, "HUP", HUNG_UP);

  private static volatile String interruptHint;

  private ExitCodes() {}

  /** What to tell the user when this process is interrupted (e.g. how to resume). */
  static void onInterrupt(String hint) {
    interruptHint = hint;
  }

  /**
   * SIGINT, SIGTERM and SIGHUP stop cleanly: writes under way finish and no new one starts (so the
   * last checkpoint and every file are whole, with no temporaries), one line says what is kept, and
   * the process exits 128 + the signal's number (130, 143, 129) through the usual shutdown (Akka
   * leaves the cluster). A signal this process was started ignoring (nohup) stays ignored. For the
   * real process only, not tests.
   */
  static void handleSignals(PrintWriter err) {
    for (Map.Entry<String, Integer> s : SIGNALS.entrySet()) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(s.getKey()), signal -> stop(err, "SIG" + s.getKey(), s.getValue()));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // The JVM keeps this signal (or the platform has none): its default handling stays.
      }
    }
  }

  private static void stop(PrintWriter err, String signal, int code) {
    boolean whole = AtomicFiles.stopWrites(java.time.Duration.ofSeconds(30));
    String hint = interruptHint;
    err.println("stackelgrid: interrupted (" + signal + ")" + (hint != null ? "; " + hint
        : "; files written so far are kept") + (whole ? "" : " (a write did not finish within 30 s)"));
    err.flush();
    System.exit(code);
  }

  /** The codes every command's help lists. */
  static Map<String, String> contract() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(" " + DONE, "done");
    m.put(" " + RUN_FAILED, "the run itself failed (one line; details in the log file it names)");
    m.put(" " + BAD_INPUT, "bad input or configuration (one line naming file, key, line, bus, step or seed)");
    m.put(INTERRUPTED + "", "interrupted (SIGINT, Ctrl-C): writes under way finish; files and the last checkpoint "
        + "written so far are kept");
    m.put(TERMINATED + "", "stopped by SIGTERM (e.g. kill), as 130");
    m.put(HUNG_UP + "", "stopped by SIGHUP (the terminal closed), as 130");
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
      Map<String, String> signals = new LinkedHashMap<>();
      for (int code : List.of(INTERRUPTED, TERMINATED, HUNG_UP)) {
        signals.put(code + "", codes.remove(code + ""));
      }
      codes.put(" " + FiniteGameCommand.EXIT_NOT_CONVERGED, "did not converge in --max-iterations "
          + "(the last iterate is still printed, with its residual)");
      codes.putAll(signals);
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
