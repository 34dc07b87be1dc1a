package io.stackelgrid.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code stackelgrid} command line. */
@Command(name = "stackelgrid", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Learn Stackelberg equilibria between a leader and mean-field followers; "
        + "flagship: equitable electricity tariff design.",
    subcommands = {RunCommand.class, DispatchCommand.class, SimulateCommand.class, FiniteGameCommand.class,
        ReportCommand.class, FindingsCommand.class, NodeCommand.class, SweepCommand.class, ConfigDocCommand.class,
        HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code of a user error (bad input, named in a one-line message); see {@link ExitCodes}. */
  public static final int EXIT_INPUT_ERROR = ExitCodes.BAD_INPUT;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    ExitCodes.handleSignals(err);
    int code;
    try {
      code = execute(args, new PrintWriter(System.out, true), err);
    } catch (Throwable t) {
      // An Error that picocli lets through (out of memory, a class missing from a broken install).
      code = ExitCodes.report(t, err);
    }
    System.exit(code);
  }

  /** Runs the CLI with the given streams and returns its exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    ExitCodes.install(cli, err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Version and git commit, embedded at build time in {@code stackelgrid-build.properties}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {versionLine()};
    }
  }

  /** "stackelgrid VERSION (commit C)". */
  public static String versionLine() {
    return io.stackelgrid.results.BuildInfo.versionLine();
  }
}
