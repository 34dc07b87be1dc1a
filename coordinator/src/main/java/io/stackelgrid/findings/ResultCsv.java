package io.stackelgrid.findings;

import io.stackelgrid.results.ResultTable;
import java.nio.file.Path;
import java.util.List;

/** A result CSV (steps.csv, periods.csv) read by column name, whole (every line complete: {@link ResultTable}). */
final class ResultCsv {
  private final ResultTable table;

  ResultCsv(ResultTable table) {
    this.table = table;
  }

  List<String[]> rows() {
    return table.rows();
  }

  Path file() {
    return table.file();
  }

  /** Index of column {@code name}, or an error naming the file. */
  int column(String name) {
    return table.column(name);
  }

  /** The number in {@code row} at {@code column} ("nan" reads as NaN; the table checked it is a number). */
  double number(String[] row, int column) {
    return ResultTable.number(row[column]);
  }
}
