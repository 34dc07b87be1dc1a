package io.stackelgrid.results;

import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A result CSV (steps.csv, periods.csv) read back whole or refused: every line complete (it ends
 * with a line end and has a value per column), every value of a number column a number (as
 * {@link Numbers#csv} writes them), and, checked against the days the run recorded, every step and
 * period present. Each refusal names the file and line. Our files never quote commas.
 */
public final class ResultTable {
  /** Columns holding text; every other column holds numbers. */
  private static final Set<String> TEXT_COLUMNS = Set.of("scenario", "bus", "group", "frozen");
  private static final String TRUNCATED = "truncated or damaged: rerun or resume the run that wrote it";

  private final Path file;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();

  private ResultTable(Path file) {
    this.file = file;
  }

  /** Reads {@code file}, refusing it (naming file and line) unless every line is complete. */
  public static ResultTable read(Path file) {
    ResultTable t = new ResultTable(file);
    String text = text(file);
    if (text.isEmpty()) {
      throw new StackelgridException(file + " is empty: not a finished result file");
    }
    String[] lines = text.split("\n", -1); // the text ends with a line end: the last piece is empty
    if (!text.endsWith("\n")) {
      throw new StackelgridException(file + ":" + lines.length + ": the last line is cut short (no line end): "
          + TRUNCATED);
    }
    String[] header = lines[0].split(",", -1);
    for (int i = 0; i < header.length; i++) {
      t.index.put(header[i], i);
    }
    for (int i = 1; i < lines.length - 1; i++) {
      String[] row = lines[i].split(",", -1);
      if (row.length != header.length) {
        throw new StackelgridException(file + ":" + (i + 1) + ": " + (lines[i].isEmpty() ? "an empty line"
            : row.length + " values for " + header.length + " columns") + ": " + TRUNCATED);
      }
      for (int c = 0; c < row.length; c++) {
        if (!TEXT_COLUMNS.contains(header[c]) && !isNumber(row[c])) {
          throw new StackelgridException(file + ":" + (i + 1) + ": column " + header[c] + ": '" + row[c]
              + "' is not a number: " + TRUNCATED);
        }
      }
      t.rows.add(row);
    }
    return t;
  }

  private static String text(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StackelgridException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new StackelgridException(file + ": not a text file (damaged?): " + TRUNCATED, e);
    }
  }

  /** A value of a number column: a number, "nan", "inf" or "-inf". */
  static boolean isNumber(String s) {
    if (s.equals("nan") || s.equals("inf") || s.equals("-inf")) {
      return true;
    }
    try {
      Double.parseDouble(s);
      return !s.isEmpty() && Character.isDigit(s.charAt(s.length() - 1));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A number as {@link Numbers#csv} writes it ("nan", "inf", "-inf" included). */
  public static double number(String s) {
    return switch (s) {
      case "nan", "" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  public Path file() {
    return file;
  }

  /** The rows after the header; row i is line i + 2 of the file. */
  public List<String[]> rows() {
    return rows;
  }

  public boolean has(String column) {
    return index.containsKey(column);
  }

  /** Index of {@code column}, or an error naming the file. */
  public int column(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new StackelgridException(file + " has no column '" + column + "'");
    }
    return i;
  }

  /**
   * Refuses a steps.csv that does not hold {@code days} whole days: in each world (column
   * {@code scenario}, if any) the steps 0 … days × stepsPerDay − 1 in order, each with as many rows
   * (one per bus) as the first, and day and hour matching the step.
   *
   * @param daysSource where {@code days} was read (named in the error)
   */
  public void requireWholeSteps(int days, int stepsPerDay, String daysSource) {
    int step = column("step");
    int day = has("day") ? column("day") : -1;
    int hour = has("hour") ? column("hour") : -1;
    int world = has("scenario") ? column("scenario") : -1;
    long expected = (long) days * stepsPerDay;
    Map<String, long[]> seen = new java.util.LinkedHashMap<>(); // world -> {next step, rows of the current step}
    int perStep = -1;
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      long t = (long) number(r[step]);
      long[] w = seen.computeIfAbsent(world < 0 ? "" : r[world], k -> new long[] {0, 0});
      if (t == w[0] - 1) {
        w[1]++;
      } else if (t == w[0]) {
        if (w[0] > 0) {
          perStep = checkRows(perStep, w[1], i - 1);
        }
        w[0]++;
        w[1] = 1;
      } else {
        throw new StackelgridException(file + ":" + (i + 2) + ": step " + t + " where step " + w[0] + " (or another "
            + "row of step " + (w[0] - 1) + ") was expected: " + TRUNCATED);
      }
      if (day >= 0 && (number(r[day]) != t / stepsPerDay || number(r[hour]) != t % stepsPerDay)) {
        throw new StackelgridException(file + ":" + (i + 2) + ": step " + t + " is not day " + t / stepsPerDay
            + ", hour " + t % stepsPerDay + " of a " + stepsPerDay + "-step day: " + TRUNCATED);
      }
    }
    for (Map.Entry<String, long[]> e : seen.entrySet()) {
      perStep = checkRows(perStep, e.getValue()[1], rows.size() - 1);
      if (e.getValue()[0] != expected) {
        String which = e.getKey().isEmpty() ? "" : " of the " + e.getKey() + " world";
        throw new StackelgridException(file + ":" + (rows.size() + 1) + ": " + e.getValue()[0] + " steps" + which
            + ", but " + days + " days (" + daysSource + ") of " + stepsPerDay + " steps are " + expected + ": "
            + TRUNCATED);
      }
    }
    if (seen.isEmpty() && expected > 0) {
      throw new StackelgridException(file + ": no steps, but " + days + " days (" + daysSource + "): " + TRUNCATED);
    }
  }

  private int checkRows(int perStep, long rowsOfStep, int lastRow) {
    if (perStep >= 0 && rowsOfStep != perStep) {
      throw new StackelgridException(file + ":" + (lastRow + 2) + ": a step with " + rowsOfStep + " rows where every "
          + "step has " + perStep + " (one per bus): " + TRUNCATED);
    }
    return (int) rowsOfStep;
  }

  /**
   * Refuses a periods.csv whose periods do not cover {@code days}: in each world the periods 0, 1, …
   * in order, each with as many rows (one per group) as the first, their lengths adding up to the days.
   */
  public void requireWholePeriods(int days, String daysSource) {
    int period = column("period");
    int length = column("days");
    int world = has("scenario") ? column("scenario") : -1;
    Map<String, long[]> seen = new java.util.LinkedHashMap<>(); // world -> {next period, rows of the current one, days covered}
    int perPeriod = -1;
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      long k = (long) number(r[period]);
      long[] w = seen.computeIfAbsent(world < 0 ? "" : r[world], x -> new long[] {0, 0, 0});
      if (k == w[0] - 1) {
        w[1]++;
      } else if (k == w[0]) {
        if (w[0] > 0) {
          perPeriod = checkGroups(perPeriod, w[1], i - 1);
        }
        w[0]++;
        w[1] = 1;
        w[2] += (long) number(r[length]);
      } else {
        throw new StackelgridException(file + ":" + (i + 2) + ": period " + k + " where period " + w[0] + " (or another "
            + "row of period " + (w[0] - 1) + ") was expected: " + TRUNCATED);
      }
    }
    for (Map.Entry<String, long[]> e : seen.entrySet()) {
      perPeriod = checkGroups(perPeriod, e.getValue()[1], rows.size() - 1);
      if (e.getValue()[2] != days) {
        String which = e.getKey().isEmpty() ? "" : " of the " + e.getKey() + " world";
        throw new StackelgridException(file + ":" + (rows.size() + 1) + ": the periods" + which + " cover "
            + e.getValue()[2] + " days, but the run has " + days + " (" + daysSource + "): " + TRUNCATED);
      }
    }
    if (seen.isEmpty()) {
      throw new StackelgridException(file + ": no periods, but " + days + " days (" + daysSource + "): " + TRUNCATED);
    }
  }

  private int checkGroups(int perPeriod, long rowsOfPeriod, int lastRow) {
    if (perPeriod >= 0 && rowsOfPeriod != perPeriod) {
      throw new StackelgridException(file + ":" + (lastRow + 2) + ": a period with " + rowsOfPeriod + " rows where "
          + "every period has " + perPeriod + " (one per group): " + TRUNCATED);
    }
    return (int) rowsOfPeriod;
  }
}
