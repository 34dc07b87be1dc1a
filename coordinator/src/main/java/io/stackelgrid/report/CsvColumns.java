package io.stackelgrid.report;

import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A results CSV read back by column name (our files have no quoted commas). */
final class CsvColumns {
  private final Path file;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();

  CsvColumns(Path file) {
    this.file = file;
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new StackelgridException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new StackelgridException(file + " is empty");
    }
    String[] header = lines.get(0).split(",", -1);
    for (int i = 0; i < header.length; i++) {
      index.put(header[i], i);
    }
    for (String l : lines.subList(1, lines.size())) {
      if (!l.isEmpty()) {
        rows.add(l.split(",", -1));
      }
    }
  }

  List<String[]> rows() {
    return rows;
  }

  boolean has(String name) {
    return index.containsKey(name);
  }

  int column(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new StackelgridException(file + " has no column '" + name + "'");
    }
    return i;
  }

  static double number(String s) {
    return s.isEmpty() || s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
  }
}
