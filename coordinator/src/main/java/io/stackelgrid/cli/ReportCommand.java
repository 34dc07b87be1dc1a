package io.stackelgrid.cli;

import io.stackelgrid.report.Report;
import io.stackelgrid.results.FolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stackelgrid report DIR}: rebuilds DIR/report.html and its PNG figures from a run's result files. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild report.html and the PNG figures of a results folder (of run, sweep or simulate) from its files.")
public final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A results folder: seed-K sub-folders (run, a sweep point), "
      + "steps.csv at the top (simulate), or sweep.json (a sweep: an index of its points).")
  Path dir;

  @Override
  public Integer call() {
    Path html;
    if (!Files.isDirectory(dir)) {
      html = Report.build(dir); // says what is wrong with DIR, before a lock would create it
    } else {
      // A folder a run is still writing is refused: its files are not all there yet.
      try (FolderLock lock = FolderLock.take(dir, "report", "stackelgrid report")) {
        html = Report.build(dir);
      }
    }
    spec.commandLine().getOut().println("report: wrote " + html);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
