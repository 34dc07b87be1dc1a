package io.stackelgrid.cli;

import io.stackelgrid.findings.Findings;
import io.stackelgrid.report.Report;
import io.stackelgrid.results.FolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stackelgrid findings DIR}: the paper's findings F1–F4 judged from a run's or sweep's result files. */
@Command(name = "findings", mixinStandardHelpOptions = true,
    description = "Judge a run's or sweep's results against the paper's findings F1-F4 (per seed, and k of n seeds "
        + "per point); prints a table, writes DIR/findings.json and DIR/findings.md and refreshes DIR/report.html. "
        + "Reads result files only.")
public final class FindingsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A run folder (seed-K sub-folders) or a sweep folder (sweep.json).")
  Path dir;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      Findings.judge(dir); // says what is wrong with DIR, before a lock would create it
    }
    // A folder a run is still writing is refused: its files are not all there yet.
    try (FolderLock lock = FolderLock.take(dir, "findings", "stackelgrid findings")) {
      List<Findings.Point> points = Findings.judge(dir);
      String table = Findings.write(dir, points);
      spec.commandLine().getOut().print(table);
      for (Findings.Point p : points) {
        if (!p.note().isEmpty()) {
          spec.commandLine().getOut().println("note: " + p.dir() + ": " + p.note());
        }
      }
      // The report shows the findings table: rebuilt so it shows this one.
      Path html = Report.build(dir);
      spec.commandLine().getOut().println("findings: wrote " + dir.resolve("findings.json") + " and findings.md; "
          + "refreshed " + html);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
