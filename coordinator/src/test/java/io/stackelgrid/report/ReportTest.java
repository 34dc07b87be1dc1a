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
    assertTrue(html.contains("<tr><th>seeds</th><td>0, 1</td></tr>"), html);
    assertTrue(!html.contains("http://") && !html.contains("https://"), "readable with no network");
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
}
