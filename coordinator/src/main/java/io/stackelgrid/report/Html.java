package io.stackelgrid.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** What both pages share: escaping, a two-column table row, and numbers as the tables show them. */
final class Html {
  private Html() {}

  /** A key/value row of a header table. */
  static void row(StringBuilder b, String key, String value) {
    b.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
  }

  /** Text and attribute values: every value on the page comes from result files or the configuration. */
  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /**
   * A JSON number with 3 decimals (3 significant digits when tiny, so it does not print as 0.000);
   * integers and text as they are; "—" for a missing value.
   */
  static String number(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "—";
    }
    if (!v.isNumber()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    double d = v.asDouble();
    return d != 0 && Math.abs(d) < 1e-3 ? String.format(Locale.ROOT, "%.3g", d) : String.format(Locale.ROOT, "%.3f", d);
  }
}
