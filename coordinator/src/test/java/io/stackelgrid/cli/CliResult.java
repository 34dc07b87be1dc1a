package io.stackelgrid.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI run in this JVM: its exit code and what it wrote to its own stdout and stderr writers. */
record CliResult(int code, String out, String err) {
  static CliResult of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new CliResult(code, out.toString(), err.toString());
  }
}
