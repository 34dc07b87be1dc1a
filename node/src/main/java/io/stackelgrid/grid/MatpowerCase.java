package io.stackelgrid.grid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MATPOWER/PGLib case files (version 2: bus, gen, gencost type 2, branch) into a DC grid in
 * MW and $/h, following MATPOWER's DC conventions: bus shunt Gs is load, out-of-service branches and
 * generators and isolated buses are dropped. Buses are named by their number, generators and
 * branches by their 1-based row in the file.
 */
public final class MatpowerCase {
  private static final Pattern SCALAR = Pattern.compile("mpc\\.(\\w+)\\s*=\\s*([^;\\[{]+);");
  private static final Pattern MATRIX = Pattern.compile("mpc\\.(\\w+)\\s*=\\s*\\[(.*?)\\]\\s*;", Pattern.DOTALL);

  /** Resource folder of the case files shipped with stackelgrid. */
  public static final String RESOURCE_DIR = "cases/";

  /** The shipped cases, by short name (file pglib_opf_NAME.m). */
  public static final List<String> SHIPPED = List.of("case3_lmbd", "case5_pjm", "case14_ieee",
      "case14_ieee__api", "case30_ieee", "case30_ieee__api", "case57_ieee", "case118_ieee",
      "case118_ieee__api", "case300_ieee", "case2000_goc");

  private MatpowerCase() {}

  /**
   * Loads a case by shipped name ({@code case14_ieee} or {@code pglib_opf_case14_ieee}) or by path.
   */
  public static Grid load(String nameOrPath) {
    String shortName = shippedName(nameOrPath);
    if (shortName != null) {
      return parse(new String(shippedBytes(shortName), StandardCharsets.UTF_8), shortName);
    }
    Path path = Path.of(nameOrPath);
    if (!Files.isRegularFile(path)) {
      throw new GridDataException(nameOrPath + ": no such case file (shipped cases: " + String.join(", ", SHIPPED) + ")");
    }
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new GridDataException(nameOrPath + ": not a text file; a MATPOWER case is text (mpc.baseMVA, mpc.bus, "
          + "mpc.gen, mpc.branch, mpc.gencost)");
    } catch (IOException e) {
      throw new GridDataException(nameOrPath + ": cannot read: " + e.getMessage());
    }
  }

  /** The bytes {@link #load} reads for {@code nameOrPath} (a shipped case's resource, or the file). */
  public static byte[] bytes(String nameOrPath) {
    String shortName = shippedName(nameOrPath);
    if (shortName != null) {
      return shippedBytes(shortName);
    }
    try {
      return Files.readAllBytes(Path.of(nameOrPath));
    } catch (IOException e) {
      throw new GridDataException(nameOrPath + ": cannot read: " + e.getMessage());
    }
  }

  /** The short name of a shipped case {@code nameOrPath} names, or null for a path. */
  private static String shippedName(String nameOrPath) {
    String shortName = nameOrPath.replaceFirst("^pglib_opf_", "").replaceFirst("\\.m$", "");
    return !nameOrPath.contains("/") && SHIPPED.contains(shortName) ? shortName : null;
  }

  private static byte[] shippedBytes(String shortName) {
    String resource = RESOURCE_DIR + "pglib_opf_" + shortName + ".m";
    try (InputStream in = MatpowerCase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new GridDataException("shipped case " + shortName + " is missing from the build (" + resource + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new GridDataException("cannot read shipped case " + shortName + ": " + e.getMessage());
    }
  }

  /** Parses the text of a case file; {@code source} names it in errors. */
  public static Grid parse(String text, String source) {
    String code = stripComments(text);
    Map<String, String> scalars = new HashMap<>();
    Matcher sm = SCALAR.matcher(code);
    while (sm.find()) {
      scalars.put(sm.group(1), sm.group(2).trim());
    }
    Map<String, double[][]> matrices = new HashMap<>();
    Map<String, int[]> fileLines = new HashMap<>();
    Matcher mm = MATRIX.matcher(code);
    while (mm.find()) {
      int firstLine = 1 + (int) code.substring(0, mm.start(2)).chars().filter(c -> c == '\n').count();
      List<Integer> lines = new ArrayList<>();
      matrices.put(mm.group(1), parseMatrix(mm.group(2), source, mm.group(1), firstLine, lines));
      fileLines.put(mm.group(1), lines.stream().mapToInt(Integer::intValue).toArray());
    }
    String version = scalars.getOrDefault("version", "'2'").replace("'", "").replace("\"", "");
    if (!version.equals("2")) {
      throw new GridDataException(source + ": mpc.version is " + version + "; only version 2 case files are read");
    }
    if (matrices.containsKey("dcline")) {
      throw new GridDataException(source + ": mpc.dcline (HVDC lines) is not supported");
    }
    double baseMva = number(scalars.get("baseMVA"), source, "mpc.baseMVA");
    double[][] bus = require(matrices, "bus", 13, source);
    double[][] gen = require(matrices, "gen", 10, source);
    double[][] branch = require(matrices, "branch", 11, source);
    double[][] gencost = require(matrices, "gencost", 4, source);
    if (gencost.length < gen.length) {
      throw new GridDataException(source + ": mpc.gencost has " + gencost.length + " rows for "
          + gen.length + " generators");
    }

    Grid.Builder b = Grid.builder(source, Grid.Unit.MW, baseMva).allowSeriesCapacitors(true);
    Map<Long, String> busName = new HashMap<>();
    java.util.Set<Long> isolated = new java.util.HashSet<>();
    String reference = null;
    for (int i = 0; i < bus.length; i++) {
      double[] row = bus[i];
      long id = id(row[0], source, "mpc.bus row " + (i + 1) + " bus number");
      int type = (int) row[1];
      if (type == 4) {
        isolated.add(id);
        continue; // isolated
      }
      String name = Long.toString(id);
      double pd = row[2];
      double gs = row[4];
      if (!Double.isFinite(pd) || !Double.isFinite(gs)) {
        throw new GridDataException(source + ": bus " + name + " has load Pd = " + pd + ", Gs = " + gs);
      }
      b.bus(name, pd + gs, pd);
      busName.put(id, name);
      if (type == 3 && reference == null) {
        reference = name;
      }
    }
    if (reference == null) {
      throw new GridDataException(source + ": no reference bus (bus type 3)");
    }
    b.referenceBus(reference);

    boolean anyGenerator = false;
    for (int g = 0; g < gen.length; g++) {
      double[] row = gen[g];
      String name = Integer.toString(g + 1);
      if (row[7] <= 0) {
        continue; // out of service
      }
      long busId = id(row[0], source, "generator " + name + " bus");
      String at = busName.get(busId);
      if (at == null) {
        throw new GridDataException(at(source, fileLines, "gen", g) + "mpc.gen row " + (g + 1) + ": generator "
            + name + " sits at " + (isolated.contains(busId) ? "isolated" : "unknown") + " bus " + busId);
      }
      double[] cost = gencost[g];
      if ((int) cost[0] != 2) {
        throw new GridDataException(source + ": generator " + name + " has gencost model "
            + (int) cost[0] + "; only polynomial costs (model 2) are read");
      }
      int nCost = (int) cost[3];
      if (nCost < 1 || nCost > 3 || cost.length < 4 + nCost) {
        throw new GridDataException(source + ": generator " + name + " has " + nCost
            + " cost coefficients; quadratic or lower polynomials (NCOST 1 to 3) are supported");
      }
      double[] c = new double[3]; // c2, c1, c0
      for (int k = 0; k < nCost; k++) {
        c[3 - nCost + k] = cost[4 + k];
      }
      b.generator(name, at, c[0], c[1], c[2], row[9], row[8], null);
      anyGenerator = true;
    }

    for (int l = 0; l < branch.length; l++) {
      double[] row = branch[l];
      String name = Integer.toString(l + 1);
      if (row[10] <= 0) {
        continue; // out of service
      }
      long fromId = id(row[0], source, "branch " + name + " from bus");
      long toId = id(row[1], source, "branch " + name + " to bus");
      for (long end : new long[] {fromId, toId}) {
        if (!busName.containsKey(end) && !isolated.contains(end)) {
          throw new GridDataException(at(source, fileLines, "branch", l) + "mpc.branch row " + (l + 1)
              + ": branch " + name + " ends at bus " + end + ", which mpc.bus does not have");
        }
      }
      String from = busName.get(fromId);
      String to = busName.get(toId);
      if (from == null || to == null) {
        continue; // touches an isolated bus, which MATPOWER takes out of service too
      }
      double angMin = row.length > 11 ? row[11] : -360;
      double angMax = row.length > 12 ? row[12] : 360;
      b.line(name, from, to, row[3], row[8], row[9], row[5], angMin, angMax);
    }
    if (!anyGenerator) {
      throw new GridDataException(source + ": mpc.gen has no generator in service");
    }
    return b.build();
  }

  /** "source:line: " of row {@code row} of matrix {@code key} (its line in the file). */
  private static String at(String source, Map<String, int[]> fileLines, String key, int row) {
    int[] lines = fileLines.get(key);
    return source + (lines != null && row < lines.length ? ":" + lines[row] : "") + ": ";
  }

  private static double[][] require(Map<String, double[][]> m, String key, int columns, String source) {
    double[][] rows = m.get(key);
    if (rows == null) {
      throw new GridDataException(source + ": mpc." + key + " is missing");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length < columns) {
        throw new GridDataException(source + ": mpc." + key + " row " + (i + 1) + " has "
            + rows[i].length + " columns; at least " + columns + " expected");
      }
    }
    return rows;
  }

  private static long id(double v, String source, String what) {
    if (v != Math.rint(v) || v < 0) {
      throw new GridDataException(source + ": " + what + " is " + v + ", not a bus number");
    }
    return (long) v;
  }

  private static double number(String text, String source, String key) {
    if (text == null) {
      throw new GridDataException(source + ": " + key + " is missing");
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new GridDataException(source + ": " + key + " is not a number: " + text);
    }
  }

  private static double[][] parseMatrix(String body, String source, String key, int firstLine,
      List<Integer> rowLines) {
    List<double[]> rows = new ArrayList<>();
    String[] fileLines = body.split("\n", -1);
    for (int f = 0; f < fileLines.length; f++) {
      for (String part : fileLines[f].split(";")) {
        String t = part.trim();
        if (!t.isEmpty()) {
          rows.add(parseRow(t, source + ":" + (firstLine + f) + ": mpc." + key + " row " + (rows.size() + 1)));
          rowLines.add(firstLine + f);
        }
      }
    }
    return rows.toArray(double[][]::new);
  }

  private static double[] parseRow(String text, String where) {
    String[] cells = text.split("[\\s,]+");
    double[] row = new double[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i].toLowerCase(Locale.ROOT);
      try {
        row[i] = switch (cell) {
          case "inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(cell);
        };
      } catch (NumberFormatException e) {
        throw new GridDataException(where + " column " + (i + 1) + " is not a number: '" + cells[i] + "'");
      }
    }
    return row;
  }

  private static String stripComments(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      int cut = line.indexOf('%');
      out.append(cut >= 0 ? line.substring(0, cut) : line).append('\n');
    }
    return out.toString();
  }
}
