package io.stackelgrid.report;

import static io.stackelgrid.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackelgrid.results.AtomicFiles;
import io.stackelgrid.results.BuildInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep folder's report.html: the findings table when findings.json is present, and each point
 * with its overrides and a link to its own report (each point's folder has its own page and figures).
 */
final class SweepIndex {
  private SweepIndex() {}

  static Path write(Path dir) {
    JsonNode sweep = ResultsFolder.readJson(dir.resolve("sweep.json"));
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>stackelgrid sweep report</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f2f2f2}"
            + ".caveat{background:#fff3cd;border-left:4px solid #e0a800;padding:.5em .8em}</style>\n</head><body>\n")
        .append("<h1>stackelgrid sweep</h1>\n<table>\n");
    List<String> seeds = new ArrayList<>();
    sweep.path("seeds").forEach(x -> seeds.add(x.asText()));
    Html.row(b, "seeds", String.join(", ", seeds));
    Html.row(b, "report made by", BuildInfo.versionLine());
    b.append("</table>\n");
    FindingsSection.append(b, ResultsFolder.readJson(dir.resolve("findings.json")));
    b.append("<h2>Points</h2>\n<table>\n<tr><th>point</th><th>scenario</th><th>days</th><th>overrides</th></tr>\n");
    for (JsonNode p : sweep.path("points")) {
      String folder = p.path("dir").asText("");
      String name = esc(p.path("name").asText(folder));
      // Named, not linked, where the point has no report.html: the link would lead nowhere.
      b.append("<tr><td>").append(Files.exists(dir.resolve(folder).resolve("report.html"))
              ? "<a href=\"" + esc(folder) + "/report.html\">" + name + "</a>" : name)
          .append("</td><td>").append(esc(p.path("scenario").asText(""))).append("</td><td class=\"n\">")
          .append(esc(p.path("days").asText(""))).append("</td><td>")
          .append(esc(FindingsSection.overrides(p))).append("</td></tr>\n");
    }
    b.append("</table>\n</body></html>\n");
    Path html = dir.resolve("report.html");
    AtomicFiles.write(html, b.toString());
    return html;
  }
}
