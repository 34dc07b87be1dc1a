package io.stackelgrid.report;

import static io.stackelgrid.report.Html.esc;
import static io.stackelgrid.report.Html.number;
import static io.stackelgrid.report.Html.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.report.Figures.Figure;
import io.stackelgrid.results.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report.html of a run or simulate folder: what was run, the summary table, the findings table
 * when findings.json is present, then the figures with their captions. One self-contained page, no
 * scripts and no network, so it opens from the folder as it is.
 */
final class RunPage {
  /** Names for the run summary's keys; other keys are shown as they are. */
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("imvLastDaysUsdPerMwhLearning", "IMV of the last 3 days, learning world ($/MWh)"),
      Map.entry("imvLastDaysUsdPerMwhBaseline", "IMV of the last 3 days, baseline ($/MWh)"),
      Map.entry("eeiGapLastPeriodPpLearning", "EEI gap, last period, learning world (pp)"),
      Map.entry("eeiGapLastPeriodPpBaseline", "EEI gap, last period, baseline (pp)"),
      Map.entry("eeiGapFirstPeriodPpLearning", "EEI gap, first period, learning world (pp)"));
  /** A simulation summary's keys the header already shows, or too long for a table. */
  private static final List<String> NOT_IN_SUMMARY = List.of("configuration", "scenario", "scenarioOrigin", "seed",
      "days", "policy", "mode", "households", "noise");

  private RunPage() {}

  static String html(ResultsFolder folder, List<Figure> figures) {
    boolean simulation = folder.simulation();
    JsonNode summary = folder.summary();
    StringBuilder b = new StringBuilder();
    String scenario = summary != null ? summary.path("scenario").asText("?") : "?";
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>stackelgrid ")
        .append(simulation ? "simulation" : "run").append(" report: ").append(esc(scenario)).append("</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
            + "img{max-width:100%}table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f2f2f2}"
            + "figure{margin:1.5em 0}figcaption{color:#444}code{background:#f4f4f4}</style>\n</head><body>\n");
    b.append("<h1>stackelgrid ").append(simulation ? "simulation" : "learning run").append(": ")
        .append(esc(scenario)).append("</h1>\n");
    header(b, folder);
    summaryTable(b, simulation, summary);
    FindingsSection.append(b, ResultsFolder.readJson(folder.dir().resolve("findings.json")));
    b.append("<h2>Figures</h2>\n<p>Numbered as in the paper. Files in this folder: <code>steps.csv</code> and "
        + "<code>periods.csv</code>").append(simulation ? "" : " of each <code>seed-K</code>")
        .append(" (columns in docs/OUTPUTS.md).</p>\n");
    for (Figure f : figures) {
      b.append("<figure><img src=\"").append(f.file()).append("\" width=\"").append(Charts.WIDTH_PX)
          .append("\" height=\"").append(Charts.HEIGHT_PX).append("\" alt=\"").append(esc(f.caption()))
          .append("\"><figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  /** What was run: scenario, days, seeds, the options that differ from the defaults, when, and by which build. */
  private static void header(StringBuilder b, ResultsFolder folder) {
    Path dir = folder.dir();
    boolean simulation = folder.simulation();
    JsonNode summary = folder.summary();
    Config config = folder.configuration();
    b.append("<table>\n");
    row(b, "scenario", summary == null ? "?" : summary.path("scenario").asText("?")
        + (config != null && config.hasPath("scenario.description") ? ": " + config.getString("scenario.description") : "")
        + (summary.has("scenarioOrigin") ? " (" + summary.get("scenarioOrigin").asText() + ")" : ""));
    row(b, "days", summary == null ? "?" : summary.path("days").asText("?"));
    if (simulation) {
      row(b, "seed", summary == null ? "?" : summary.path("seed").asText("?"));
      for (String k : List.of("policy", "mode", "households", "noise")) {
        if (summary != null && summary.has(k)) {
          row(b, k, summary.get(k).asText());
        }
      }
    } else {
      row(b, "seeds", String.join(", ", folder.runs().stream().map(r -> r.label().substring("seed-".length())).toList()));
    }
    row(b, "options", ScenarioOptions.describe(summary, config, Files.exists(dir.resolve("scenario.json"))
        || summary != null && summary.has("configuration")));
    JsonNode runJson = ResultsFolder.readJson(dir.resolve("run.json"));
    if (runJson != null && runJson.isObject()) {
      runJson.fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode()) {
          row(b, e.getKey() + " (run.json)", e.getValue().asText());
        }
      });
    }
    // The results' own time, not the report's: a report rebuilt later still dates the run.
    Path written = dir.resolve(simulation ? "steps.csv" : "summary.json");
    try {
      row(b, "results written", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
          .format(Files.getLastModifiedTime(Files.exists(written) ? written : dir).toInstant().atOffset(ZoneOffset.UTC)));
    } catch (IOException e) {
      throw new StackelgridException("cannot read the time of " + written + ": " + e.getMessage(), e);
    }
    row(b, "report made by", BuildInfo.versionLine());
    b.append("</table>\n");
  }

  /** A run's summary: mean, σ and each seed per quantity; a simulation's: every scalar, one per row. */
  private static void summaryTable(StringBuilder b, boolean simulation, JsonNode summary) {
    b.append("<h2>Summary</h2>\n");
    if (summary == null) {
      b.append("<p>No summary.json in this folder.</p>\n");
      return;
    }
    if (!simulation) {
      b.append("<table>\n<tr><th>quantity</th><th>mean</th><th>σ over seeds</th><th>per seed</th></tr>\n");
      summary.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        if (v.isObject() && v.has("mean")) {
          List<String> per = new ArrayList<>();
          v.path("perSeed").forEach(x -> per.add(number(x)));
          b.append("<tr><td>").append(esc(LABELS.getOrDefault(e.getKey(), e.getKey()))).append("</td><td class=\"n\">")
              .append(number(v.get("mean"))).append("</td><td class=\"n\">").append(number(v.path("std")))
              .append("</td><td class=\"n\">").append(String.join(", ", per)).append("</td></tr>\n");
        }
      });
      b.append("</table>\n");
      return;
    }
    b.append("<table>\n<tr><th>quantity</th><th>value</th></tr>\n");
    flatten(summary, "", b);
    b.append("</table>\n");
  }

  /** Rows for the scalar leaves of a simulation's summary.json (configuration and event lists left out). */
  private static void flatten(JsonNode node, String path, StringBuilder b) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode v = e.getValue();
      if (NOT_IN_SUMMARY.contains(p)) {
        continue;
      }
      if (v.isObject()) {
        flatten(v, p, b);
      } else if (v.isArray()) {
        if (v.size() > 0 && v.get(0).isNumber()) { // lists of events (objects) are left out
          List<String> items = new ArrayList<>();
          v.forEach(x -> items.add(number(x)));
          b.append("<tr><td>").append(esc(p)).append("</td><td class=\"n\">").append(String.join(", ", items))
              .append("</td></tr>\n");
        }
      } else {
        b.append("<tr><td>").append(esc(p)).append("</td><td class=\"n\">").append(esc(number(v)))
            .append("</td></tr>\n");
      }
    }
  }
}
