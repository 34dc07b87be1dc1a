package io.stackelgrid.report;

import io.stackelgrid.results.ResultTable;
import java.util.List;

/** A results CSV read back by column name, whole (every line complete: {@link ResultTable}). */
final class CsvColumns {
  private final ResultTable table;

  CsvColumns(ResultTable table) {
    this.table = table;
  }

  List<String[]> rows() {
    return table.rows();
  }

  boolean has(String name) {
    return table.has(name);
  }

  int column(String name) {
    return table.column(name);
  }

  static double number(String s) {
    return ResultTable.number(s);
  }
}
