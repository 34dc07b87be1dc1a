package io.stackelgrid.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, started as {@code bin/stackelgrid} starts it, with stdout and stderr
 * together in one log: what a user sees, including stray lines from the JVM, logging or Akka that the
 * in-process tests cannot see.
 */
final class CliProcess {
  /** How a finished child ended and everything it printed. */
  record Result(int code, String output) {
    List<String> lines() {
      return output.lines().toList();
    }
  }

  private CliProcess() {}

  /** {@code prefix} (e.g. a shell that sets a umask, then execs), then {@code java ... Main args}. */
  static List<String> command(List<String> prefix, List<String> args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.stackelgrid.cli.Main"));
    cmd.addAll(args);
    return cmd;
  }

  /** Starts the child, its output going to {@code log}. */
  static Process start(List<String> prefix, List<String> args, Path log) throws IOException {
    return new ProcessBuilder(command(prefix, args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs the child to its end (at most 240 s; code −1 if it had to be killed), its log in {@code dir}. */
  static Result run(Path dir, List<String> prefix, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "cli", ".log");
    Process p = start(prefix, List.of(args), log);
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new Result(-1, "did not end in 240 s: " + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }
}
