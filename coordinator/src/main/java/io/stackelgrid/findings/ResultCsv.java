package io.stackelgrid.findings;

import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A result CSV (steps.csv, periods.csv) read by column name; our files never quote commas. */
final class ResultCsv {
  private final Path file;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();

  ResultCsv(Path file) {
    this.file = file;
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new StackelgridException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new StackelgridException(file + " is empty: not a finished result file");
    }
    String[] header = lines.get(0).split(",", -1);
    for (int i = 0; i < header.length; i++) {
      columns.put(header[i], i);
    }
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        String[] row = lines.get(i).split(",", -1);
        if (row.length != header.length) {
          throw new StackelgridException(file + ":" + (i + 1) + ": " + row.length + " values for "
              + header.length + " columns");
        }
        rows.add(row);
      }
    }
  }

  List<String[]> rows() {
    return rows;
  }

  Path file() {
    return file;
  }

  /** Index of column {@code name}, or an error naming the file. */
  int column(String name) {
    Integer i = columns.get(name);
    if (i == null) {
      throw new StackelgridException(file + " has no column '" + name + "'");
    }
    return i;
  }

  /** The number in {@code row} at {@code column}; "nan" reads as NaN, anything else unreadable is an error. */
  double number(String[] row, int column) {
    String s = row[column];
    if (s.isEmpty() || s.equals("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new StackelgridException(file + ": '" + s + "' is not a number", e);
    }
  }
}
