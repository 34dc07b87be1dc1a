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
import java.util.TreeMap;

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
            + "figure{margin:1.5em 0}figcaption{color:#444}code{background:#f4f4f4}"
            + ".caveat{background:#fff3cd;border-left:4px solid #e0a800;padding:.5em .8em}</style>\n</head><body>\n");
    b.append("<h1>stackelgrid ").append(simulation ? "simulation" : "learning run").append(": ")
        .append(esc(scenario)).append("</h1>\n");
    header(b, folder);
    summaryTable(b, simulation, summary);
    FindingsSection.append(b, ResultsFolder.readJson(folder.dir().resolve("findings.json")));
    b.append("<h2>Figures</h2>\n<p>Numbered in page order, each naming the paper's figure it redraws. Files in "
        + "this folder: <code>steps.csv</code> and "
        + "<code>periods.csv</code>").append(simulation ? "" : " of each <code>seed-K</code>")
        .append(" (columns in docs/OUTPUTS.md).</p>\n");
    for (Figure f : figures) {
      b.append("<figure><img src=\"").append(f.file()).append("\" width=\"").append(Charts.WIDTH_PX)
          .append("\" height=\"").append(Charts.HEIGHT_PX).append("\" alt=\"").append(esc(f.caption()))
          .append("\"><figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  /**
   * What was run: scenario, days and periods, seeds, households, the options that differ from the
   * defaults and the command that repeats the run, its wall time, when learning froze, when the
   * results were written and by which build. Each fact once, in words.
   */
  private static void header(StringBuilder b, ResultsFolder folder) {
    Path dir = folder.dir();
    boolean simulation = folder.simulation();
    JsonNode summary = folder.summary();
    Config config = folder.configuration();
    JsonNode runJson = ResultsFolder.readJson(dir.resolve("run.json"));
    b.append("<table>\n");
    row(b, "scenario", summary == null ? "?" : summary.path("scenario").asText("?")
        + (config != null && config.hasPath("scenario.description") ? ": " + config.getString("scenario.description") : "")
        + (summary.has("scenarioOrigin") ? " (" + summary.get("scenarioOrigin").asText() + ")" : ""));
    row(b, "days", (summary == null ? "?" : summary.path("days").asText("?")) + "; " + periods(folder));
    if (simulation) {
      row(b, "seed", summary == null ? "?" : summary.path("seed").asText("?"));
      for (String k : List.of("policy", "mode", "households", "noise")) {
        if (summary != null && summary.has(k)) {
          row(b, k, summary.get(k).asText());
        }
      }
    } else {
      row(b, "seeds", seeds(folder, runJson));
      if (runJson != null) {
        long households = runJson.path("households").asLong();
        row(b, "households", households == 0 ? "the mean field (no sampled households)"
            : households + " sampled households, each standing for count/" + households + " real ones");
      }
    }
    row(b, "options", ScenarioOptions.describe(summary, config, Files.exists(dir.resolve("scenario.json"))
        || summary != null && summary.has("configuration")));
    if (runJson != null) {
      row(b, "command", command(runJson));
    }
    if (!simulation) {
      row(b, "wall time", wallTime(folder));
      row(b, "learning froze", freezes(folder));
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

  /** "12 leader periods of 3 days (the last 1 day)" from the first seed's periods.csv. */
  private static String periods(ResultsFolder folder) {
    TreeMap<Integer, Double> days = Series.periodValues(folder.runs().get(0).periods(), folder.worlds().get(0)
        .equals("simulated") ? null : folder.worlds().get(0), "days", null);
    if (days.isEmpty()) {
      return "no leader periods";
    }
    int full = (int) Math.round(days.firstEntry().getValue());
    int last = (int) Math.round(days.lastEntry().getValue());
    return days.size() + " leader period" + (days.size() == 1 ? "" : "s") + " of " + full + " day"
        + (full == 1 ? "" : "s") + (last != full ? " (the last " + last + " day" + (last == 1 ? "" : "s") + ")" : "");
  }

  /** "5 (seeds 0, 1, 2, 3, 4)", saying which seeds run.json lists that have no results (yet). */
  private static String seeds(ResultsFolder folder, JsonNode runJson) {
    List<String> present = folder.runs().stream().map(r -> r.label().substring("seed-".length())).toList();
    String text = present.size() + " (seed" + (present.size() == 1 ? " " : "s ") + String.join(", ", present) + ")";
    if (runJson != null) {
      List<String> missing = new ArrayList<>();
      runJson.path("seeds").forEach(n -> {
        if (!present.contains(n.asText())) {
          missing.add(n.asText());
        }
      });
      if (!missing.isEmpty()) {
        text += "; run.json also lists " + String.join(", ", missing) + ", which have no results yet";
      }
    }
    return text;
  }

  /** The command line that repeats the run, from run.json. */
  private static String command(JsonNode runJson) {
    StringBuilder c = new StringBuilder("stackelgrid run --scenario ").append(runJson.path("scenario").asText());
    List<String> seeds = new ArrayList<>();
    runJson.path("seeds").forEach(n -> seeds.add(n.asText()));
    boolean range = true;
    for (int i = 0; i < seeds.size(); i++) {
      range &= seeds.get(i).equals(String.valueOf(i));
    }
    c.append(range && seeds.size() > 1 ? " --seeds " + seeds.size() : seeds.size() == 1 ? " --seed " + seeds.get(0)
        : " (seeds " + String.join(", ", seeds) + ")");
    c.append(" --days ").append(runJson.path("days").asText());
    if (runJson.path("households").asLong() > 0) {
      c.append(" --households ").append(runJson.path("households").asText());
    }
    runJson.path("set").forEach(n -> c.append(" --set ").append(n.asText()));
    return c.toString();
  }

  /** Each seed's wall time (summary.json's wallSeconds.total), their sum and range. */
  private static String wallTime(ResultsFolder folder) {
    List<Double> seconds = new ArrayList<>();
    for (ResultsFolder.Run r : folder.runs()) {
      JsonNode s = ResultsFolder.readJson(folder.dir().resolve(r.label()).resolve("summary.json"));
      if (s != null && s.path("wallSeconds").path("total").isNumber()) {
        seconds.add(s.path("wallSeconds").path("total").asDouble());
      }
    }
    if (seconds.isEmpty()) {
      return "not recorded";
    }
    double sum = seconds.stream().mapToDouble(Double::doubleValue).sum();
    if (seconds.size() == 1) {
      return String.format(Locale.ROOT, "%.0f s", sum);
    }
    return String.format(Locale.ROOT, "%.0f s summed over %d seeds (each %.0f–%.0f s; seeds run at once share the "
        + "cores)", sum, seconds.size(), seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  /** Per seed, the first period learning was frozen in (periods.csv's frozen column), or "never". */
  private static String freezes(ResultsFolder folder) {
    List<String> out = new ArrayList<>();
    for (ResultsFolder.Run r : folder.runs()) {
      CsvColumns p = r.periods();
      Integer first = null;
      if (p.has("frozen") && p.has("scenario")) {
        int w = p.column("scenario");
        int f = p.column("frozen");
        int k = p.column("period");
        for (String[] row : p.rows()) {
          if (row[w].equals("learning") && row[f].equals("true")) {
            first = (int) CsvColumns.number(row[k]);
            break;
          }
        }
      }
      out.add(r.label().replace("seed-", "seed ") + ": " + (first == null ? "never" : "from period " + first));
    }
    return String.join("; ", out);
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
              .append(number(v.get("mean"))).append("</td><td class=\"n\">")
              .append(per.size() < 2 ? "n/a (one seed)" : number(v.path("std")))
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
