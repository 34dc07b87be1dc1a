package io.stackelgrid.results;

/** A CSV being built in memory: a header, then rows of text and numbers ({@link Numbers#csv}). */
public final class CsvTable {
  private final StringBuilder text = new StringBuilder(1 << 16);
  private final int columns;
  private int column;

  public CsvTable(String... header) {
    columns = header.length;
    text.append(String.join(",", header)).append('\n');
  }

  public CsvTable add(String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
      value = '"' + value.replace("\"", "\"\"") + '"';
    }
    return cell(value);
  }

  public CsvTable add(long value) {
    return cell(Long.toString(value));
  }

  public CsvTable add(double value) {
    return cell(Numbers.csv(value));
  }

  private CsvTable cell(String s) {
    if (column > 0) {
      text.append(',');
    }
    text.append(s);
    if (++column == columns) {
      text.append('\n');
      column = 0;
    }
    return this;
  }

  /** The whole table; every row must be complete. */
  public CharSequence text() {
    if (column != 0) {
      throw new IllegalStateException("last CSV row has " + column + " of " + columns + " cells");
    }
    return text;
  }
}
