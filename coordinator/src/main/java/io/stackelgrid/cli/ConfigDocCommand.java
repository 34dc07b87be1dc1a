package io.stackelgrid.cli;

import io.stackelgrid.results.AtomicFiles;
import io.stackelgrid.scenario.ScenarioSchema;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stackelgrid config-doc}: the reference of every scenario key (docs/CONFIG.md), from the scenario schema. */
@Command(name = "config-doc", mixinStandardHelpOptions = true,
    description = "Print (or write with --out) the reference of every scenario key: meaning, unit, default, range.")
public final class ConfigDocCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (e.g. docs/CONFIG.md) instead of printing.")
  Path out;

  @Override
  public Integer call() {
    String text = ScenarioSchema.markdown();
    if (out == null) {
      spec.commandLine().getOut().print(text);
    } else {
      AtomicFiles.write(out, text);
      spec.commandLine().getOut().println("config-doc: wrote " + out);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
