package io.stackelgrid.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.cli.RunCommand;
import io.stackelgrid.common.StackelgridException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The report of a real (tiny) run names every figure file it references, and each is a PNG. */
class ReportTest {
  @Test
  void reportReferencesOnlyFiguresThatExist(@TempDir Path tmp) throws Exception {
    CommandLine cli = new CommandLine(new RunCommand());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cli.execute("--seeds", "2", "--days", "3", "--out", tmp.toString(),
        "--set", "learning.ppo.total-timesteps=48", "--set", "learning.ppo.n-steps=48",
        "--set", "learning.ppo.batch-size=24", "--set", "learning.follower.learn-every-step=false",
        "--set", "learning.inner-loop.max-iterations=1"));
    Files.delete(tmp.resolve("report.html"));
    Report.build(tmp); // rebuilt from the files alone, as `stackelgrid report DIR` does
    String html = Files.readString(tmp.resolve("report.html"));
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    List<String> referenced = new ArrayList<>();
    while (m.find()) {
      referenced.add(m.group(1));
    }
    assertEquals(Report.RUN_FIGURES, referenced);
    byte[] pngMagic = {(byte) 0x89, 'P', 'N', 'G'};
    for (String f : referenced) {
      Path p = tmp.resolve(f);
      assertTrue(Files.size(p) > 1000, f + " is too small to be a chart");
      assertArrayEquals(pngMagic, Arrays.copyOf(Files.readAllBytes(p), 4), f + " is not a PNG");
    }
    assertTrue(html.contains("<td>IMV of the last 3 days, learning world ($/MWh)</td>"), "the summary is a table");
    // The options are the keys the run changed, read back from summary.json's configuration.
    assertTrue(html.contains("learning.inner-loop.max-iterations = 1; learning.ppo.batch-size = 24; "
        + "learning.ppo.n-steps = 48; learning.ppo.total-timesteps = 48 (differences from the defaults of three-bus)"),
        html);
    assertTrue(!html.contains("learning.follower.hidden"), "unchanged keys are not options");
    assertTrue(html.contains("<tr><th>seeds</th><td>2 (seeds 0, 1)</td></tr>"), html);
    assertTrue(!html.contains("http://") && !html.contains("https://"), "readable with no network");
  }

  /**
   * Issue 21's report defects, on a real one-seed run: the header says each fact once in words (no
   * "seeds: 0", no repeated rows copied from run.json), with the command, wall time, periods and
   * freeze status; σ over one seed is n/a; the figures are numbered 1 to 7 in page order, each naming
   * the paper's figure; the fixed charges are drawn with the scenario's bounds and Fig. 5 with its zero;
   * {@code findings} refreshes the report, whose findings table carries the short-run caveat.
   */
  @Test
  void aOneSeedRunsReportSaysEachFactOnceWithNumberedFiguresBoundsAndTheFindingsCaveat(@TempDir Path tmp)
      throws Exception {
    StringWriter err = new StringWriter();
    String[] fast = {"--set", "learning.ppo.total-timesteps=48", "--set", "learning.ppo.n-steps=48", "--set",
        "learning.ppo.batch-size=24", "--set", "learning.follower.learn-every-step=false"};
    List<String> args = new ArrayList<>(List.of("run", "--seed", "0", "--days", "4", "--out", tmp.toString()));
    args.addAll(List.of(fast));
    assertEquals(0, io.stackelgrid.cli.Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
        new PrintWriter(err)), err.toString());
    String html = Files.readString(tmp.resolve("report.html"));
    assertTrue(html.contains("<tr><th>seeds</th><td>1 (seed 0)</td></tr>"), html);
    assertTrue(!html.contains("run.json)") && !html.contains("<th>version"), "no rows copied from run.json: " + html);
    for (String row : List.of("scenario", "days", "seeds", "households", "options", "command", "wall time",
        "learning froze")) {
      assertEquals(1, count(html, "<tr><th>" + row + "</th>"), row + " once: " + html);
    }
    // 4 days of 3-day periods: two periods, the last 1 day long.
    assertTrue(html.contains("<tr><th>days</th><td>4; 2 leader periods of 3 days (the last 1 day)</td></tr>"), html);
    assertTrue(html.contains("<tr><th>households</th><td>the mean field"), html);
    assertTrue(html.contains("<tr><th>command</th><td>stackelgrid run --scenario three-bus --seed 0 --days 4 "
        + "--set learning.ppo.total-timesteps=48 --set learning.ppo.n-steps=48"), html);
    assertTrue(Pattern.compile("<tr><th>wall time</th><td>\\d+ s</td></tr>").matcher(html).find(), html);
    assertTrue(Pattern.compile("<tr><th>learning froze</th><td>seed 0: (never|from period \\d+)</td></tr>")
        .matcher(html).find(), html);
    assertTrue(html.contains("<td class=\"n\">n/a (one seed)</td>"), "σ over one seed: " + html);
    Matcher captions = Pattern.compile("<figcaption>Figure (\\d+) \\(the paper&#39;s Fig. (\\d)\\)|"
        + "<figcaption>Figure (\\d+) \\(the paper's Fig. (\\d)\\)").matcher(html);
    List<String> numbers = new ArrayList<>();
    List<String> papers = new ArrayList<>();
    while (captions.find()) {
      numbers.add(captions.group(1) != null ? captions.group(1) : captions.group(3));
      papers.add(captions.group(2) != null ? captions.group(2) : captions.group(4));
    }
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), numbers, html);
    assertEquals(List.of("1", "1", "2", "2", "4", "5", "6", "6"), papers, html);

    ResultsFolder folder = ResultsFolder.read(tmp);
    List<Figures.Figure> figures = Figures.of(folder);
    XYPlot charges = (XYPlot) figure(figures, "fig2-fixed-charges.png").chart().getPlot();
    // three-bus's fixed-charge bounds, 0 and 2 $/household/day (docs/CONFIG.md).
    assertEquals(List.of(0.0, 2.0), markers(charges));
    XYPlot netDemand = (XYPlot) figure(figures, "fig5-net-demand.png").chart().getPlot();
    assertEquals(List.of(0.0), markers(netDemand));
    assertTrue(netDemand.getRangeAxis().getRange().contains(0), "zero in view");

    assertEquals(0, io.stackelgrid.cli.Main.execute(new String[] {"findings", tmp.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
    String refreshed = Files.readString(tmp.resolve("report.html"));
    assertTrue(refreshed.contains("<h2>Findings</h2>"), "findings refreshed the report");
    assertTrue(refreshed.contains("<p class=\"caveat\"><strong>Caveat</strong>") && refreshed.contains(
        "these seeds played 4 days; the findings are defined on 100-day runs"), refreshed);
    assertTrue(Files.readString(tmp.resolve("findings.md")).contains("**Caveat**"), "findings.md carries it too");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static List<Double> markers(XYPlot plot) {
    List<Double> out = new ArrayList<>();
    for (Object m : plot.getRangeMarkers(org.jfree.chart.ui.Layer.BACKGROUND)) {
      out.add(((org.jfree.chart.plot.ValueMarker) m).getValue());
    }
    out.sort(null);
    return out;
  }

  @Test
  void aSimulateFolderGetsItsOwnReport(@TempDir Path tmp) throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(0, io.stackelgrid.cli.Main.execute(new String[] {"simulate", "--days", "6", "--policy", "rule",
        "--out", tmp.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
    Report.build(tmp);
    String html = Files.readString(tmp.resolve("report.html"));
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    List<String> referenced = new ArrayList<>();
    while (m.find()) {
      referenced.add(m.group(1));
      assertTrue(Files.size(tmp.resolve(m.group(1))) > 1000, m.group(1));
    }
    assertEquals(Report.SIMULATION_FIGURES, referenced);
    assertTrue(html.contains("<tr><th>policy</th><td>rule</td></tr>"), html);
    assertTrue(html.contains("<td>imvLastDays.systemUsdPerMwh</td>"), "the summary's figures are rows");
  }

  @Test
  void figureFiveIsTheSimulationsOwnNetDemandShape(@TempDir Path tmp) throws Exception {
    // Over a 3-day simulation the report's last 3 days are the whole run, so its Fig. 5 lines must
    // equal the shape the simulation computed from its group flows (summary.json), each divided by
    // total storage; the report has only the rounded per-bus CSV columns and the configuration.
    StringWriter err = new StringWriter();
    assertEquals(0, io.stackelgrid.cli.Main.execute(new String[] {"simulate", "--days", "3", "--policy", "rule",
        "--seed", "4", "--out", tmp.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
    double[][] drawn = Report.netDemandShape(tmp);
    com.fasterxml.jackson.databind.JsonNode shape = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(tmp.resolve("summary.json").toFile()).get("netDemandShape");
    String[] keys = {"prosumerPerStorage", "consumerPerEquivalentStorage"};
    for (int part = 0; part < 2; part++) {
      assertEquals(8, drawn[part].length);
      for (int h = 0; h < 8; h++) {
        double expected = shape.get(keys[part]).get(h).asDouble();
        assertEquals(expected, drawn[part][h], 1e-6 + 1e-5 * Math.abs(expected), keys[part] + " at step of day " + h);
      }
    }
    assertTrue(Arrays.stream(drawn[0]).anyMatch(v -> v < 0), "the rule policy exports in some step (a real test)");
  }

  @Test
  void identicalLinesShareOneLegendEntryInsteadOfHidingEachOther() {
    double[] x = {0, 1, 2};
    java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
    series.put("consumers, learning", new double[] {1, 2, 3});
    series.put("prosumers", new double[] {1, 2, 4});
    series.put("consumers, baseline", new double[] {1, 2, 3 + 1e-12}); // equal within rounding
    assertEquals(List.of("consumers, learning = consumers, baseline", "prosumers"), Report.legend(x, series));
  }

  @Test
  void aSweepFolderGetsAnIndexWithItsFindingsAndALinkPerPoint(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("sweep.json"), """
        {"seeds": [0, 1], "points": [
          {"name": "default", "dir": "default", "scenario": "three-bus", "days": 100, "overrides": {}},
          {"name": "per-day", "dir": "per-day", "scenario": "three-bus", "days": 100,
           "overrides": {"households.demand-per": "day"}}]}
        """);
    Files.writeString(tmp.resolve("findings.json"), """
        {"points": [{"name": "per-day", "dir": "per-day", "overrides": {"households.demand-per": "day"},
          "seeds": [0, 1], "findings": {"F1": {"reproduced": 2, "of": 2, "perSeed": [true, true],
          "value": {"mean": 3.25, "std": 0.5, "perSeed": [2.9, 3.6]}}}, "convergence": {}}]}
        """);
    Files.createDirectories(tmp.resolve("per-day"));
    Files.writeString(tmp.resolve("per-day/report.html"), "<html></html>");
    Report.build(tmp);
    String html = Files.readString(tmp.resolve("report.html"));
    assertTrue(html.contains("<a href=\"per-day/report.html\">per-day</a>"), html);
    assertTrue(html.contains("<td>default</td>"), "a point without a report is named, not linked");
    assertTrue(html.contains("2 of 2<br>3.250 ± 0.500"), "the findings table");
    assertTrue(html.contains("households.demand-per = day"), html);
  }

  @Test
  void emptyFolderIsAClearError(@TempDir Path tmp) {
    StackelgridException e = assertThrows(StackelgridException.class, () -> Report.build(tmp));
    assertTrue(e.getMessage().contains("no seed-K folders with steps.csv (a run) and no steps.csv"), e.getMessage());
  }

  private static Figures.Figure figure(List<Figures.Figure> figures, String file) {
    return figures.stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
  }
}
