package io.stackelgrid.report;

import static io.stackelgrid.report.Html.esc;
import static io.stackelgrid.report.Html.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings table of findings.json (docs/MODEL.md §9's F1-F4 per point), on a run's page and on a
 * sweep's index alike.
 */
final class FindingsSection {
  private static final List<String> IDS = List.of("F1", "F2", "F3", "F4");

  private FindingsSection() {}

  /** Appends the section; nothing when the folder has no findings.json (findings is a separate command). */
  static void append(StringBuilder b, JsonNode findings) {
    if (findings == null) {
      return;
    }
    b.append("<h2>Findings</h2>\n<p>The paper's findings judged per seed (docs/MODEL.md, section 9): "
        + "seeds that reproduce it, of all, and the finding's value, mean ± σ over seeds. F1 IMV cut ($/MWh), "
        + "F2 prosumers' midday excess over the baseline, F3 Spearman ρ of prosumers' fixed charges on income, "
        + "F4 relative fall of |EEI gap|. Where the prosumers' fixed charges are all equal (tied), ρ is undefined, "
        + "F3 is not reproduced, and ρ's mean ± σ leaves the seed out.</p>\n");
    for (JsonNode p : findings.path("points")) {
      if (p.hasNonNull("caveat")) {
        b.append("<p class=\"caveat\"><strong>Caveat</strong> (").append(esc(pointName(p))).append("): ")
            .append(esc(p.get("caveat").asText())).append(".</p>\n");
      }
    }
    b.append("<table>\n<tr><th>point</th><th>overrides</th><th>seeds</th>");
    IDS.forEach(f -> b.append("<th>").append(f).append("</th>"));
    b.append("<th>convergence</th></tr>\n");
    for (JsonNode p : findings.path("points")) {
      b.append("<tr><td>").append(esc(pointName(p))).append("</td><td>")
          .append(esc(overrides(p))).append("</td><td class=\"n\">")
          .append(p.path("seeds").size()).append("</td>");
      for (String f : IDS) {
        JsonNode v = p.path("findings").path(f);
        if (v.isMissingNode()) {
          b.append("<td>—</td>");
          continue;
        }
        b.append("<td class=\"n\">").append(v.path("reproduced").asText("?")).append(" of ")
            .append(v.path("of").asText("?")).append("<br>").append(value(v)).append("</td>");
      }
      List<String> conv = new ArrayList<>();
      p.path("convergence").fields().forEachRemaining(e -> conv.add(e.getKey() + ": "
          + (e.getValue().isNumber() ? number(e.getValue()) : e.getValue().isValueNode() ? e.getValue().asText()
              : e.getValue().has("mean") ? number(e.getValue().get("mean")) : e.getValue().toString())));
      b.append("<td>").append(esc(String.join("; ", conv))).append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  /**
   * A finding's value, mean ± σ over seeds; for a value some seeds lack (F3's ρ where the prosumer charges
   * are tied), over the others, saying how many are left out, or "undefined" when every seed lacks it.
   */
  private static String value(JsonNode finding) {
    JsonNode value = finding.path("value");
    int left = value.path("seedsLeftOut").asInt(0);
    int over = finding.path("of").asInt() - left;
    String std = over < 2 ? "n/a" : number(value.path("std")); // σ needs two seeds
    if (left == 0) {
      return number(value.path("mean")) + " ± " + std;
    }
    int tied = 0;
    for (JsonNode t : finding.path("tiedPerSeed")) {
      tied += t.asBoolean() ? 1 : 0;
    }
    String leftOut = left + " of " + finding.path("of").asText("?") + (tied == left ? " tied" : " undefined");
    if (value.path("mean").isNull()) {
      return "undefined: " + esc(leftOut);
    }
    return number(value.path("mean")) + " ± " + std + "<br>over " + over + "; "
        + esc(leftOut) + ", left out";
  }

  /** The point's name, with its folder when the two differ ("." is the run itself). */
  private static String pointName(JsonNode p) {
    String point = p.path("name").asText("");
    String dirName = p.path("dir").asText("");
    return point.isEmpty() || point.equals(dirName) ? dirName
        : dirName.isEmpty() || dirName.equals(".") ? point : point + " (" + dirName + ")";
  }

  /** "key = value; ..." of a point's overrides (findings.json and sweep.json alike), or "none". */
  static String overrides(JsonNode point) {
    List<String> overrides = new ArrayList<>();
    point.path("overrides").fields().forEachRemaining(e -> overrides.add(e.getKey() + " = " + e.getValue().asText()));
    return overrides.isEmpty() ? "none" : String.join("; ", overrides);
  }
}
