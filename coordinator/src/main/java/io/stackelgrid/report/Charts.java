package io.stackelgrid.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The look every figure shares: colours, line plots, titles and legends, and the image size. */
final class Charts {
  /** Figure size in pixels, as written to the PNG and as the page lays it out. */
  static final int WIDTH_PX = 900;
  static final int HEIGHT_PX = 480;
  /** Colours of matplotlib's tab10 set, in the order the figures take them. */
  static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
  static final Color LEARNING = new Color(0x1f77b4);
  static final Color BASELINE = new Color(0x555555);

  private Charts() {}

  /**
   * One line of a figure; lines out of the legend are per-seed detail drawn thin. {@code style} picks
   * the marker's shape and the dash pattern (0: circles, long dashes), so lines that run close together
   * stay told apart.
   */
  record Line(String name, double[] x, double[] y, Color colour, float widthPx, boolean dashed, boolean legend,
      boolean marker, int style) {
    Line(String name, double[] x, double[] y, Color colour, float widthPx, boolean dashed, boolean legend,
        boolean marker) {
      this(name, x, y, colour, widthPx, dashed, legend, marker, 0);
    }
  }

  /** Marker shapes by style: circle, square, triangle up, diamond, triangle down. */
  private static final java.awt.Shape[] SHAPES = {new Ellipse2D.Double(-3, -3, 6, 6),
      new java.awt.Rectangle(-3, -3, 6, 6), new java.awt.Polygon(new int[] {0, 4, -4}, new int[] {-4, 3, 3}, 3),
      new java.awt.Polygon(new int[] {0, 4, 0, -4}, new int[] {-4, 0, 4, 0}, 4),
      new java.awt.Polygon(new int[] {0, 4, -4}, new int[] {4, -3, -3}, 3)};
  /** Dash patterns by style (on, off, ...). */
  private static final float[][] DASHES = {{7f, 5f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {4f, 4f}, {12f, 6f}};

  /** A world's name in legends and bars. */
  static String worldLabel(String world) {
    return switch (world) {
      case "learning" -> "with storage and learning";
      case "baseline" -> "baseline (no storage, initial tariff)";
      default -> world;
    };
  }

  /** A colour two thirds of the way to white: per-seed detail and bars under their dots. */
  static Color lighter(Color c) {
    return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
  }

  /**
   * An XY plot of lines. Legend lines with the same points are drawn once and named together, so no
   * line hides another; detail lines (out of the legend) go first, under the legend lines.
   */
  static XYPlot xyPlot(String xLabel, String yLabel, List<Line> lines, boolean integerX) {
    List<Line> kept = mergeIdentical(lines);
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < kept.size(); i++) {
      Line l = kept.get(i);
      // "#i" keeps equal names apart (JFreeChart's series keys must be unique); the legend drops it.
      XYSeries s = new XYSeries(l.name() + "#" + i, false, true);
      for (int j = 0; j < l.x().length; j++) {
        s.add(l.x()[j], l.y()[j]);
      }
      data.addSeries(s);
      r.setSeriesPaint(i, l.colour());
      r.setSeriesStroke(i, l.dashed()
          ? new BasicStroke(l.widthPx(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
              DASHES[l.style() % DASHES.length], 0f)
          : new BasicStroke(l.widthPx(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShapesVisible(i, l.marker());
      r.setSeriesShape(i, SHAPES[l.style() % SHAPES.length]);
      r.setSeriesVisibleInLegend(i, l.legend());
    }
    r.setLegendItemLabelGenerator((dataset, series) -> {
      String key = dataset.getSeriesKey(series).toString();
      return key.substring(0, key.lastIndexOf('#'));
    });
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    if (integerX) {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    NumberAxis y = yLabel == null ? null : new NumberAxis(yLabel);
    if (y != null) {
      y.setAutoRangeIncludesZero(false);
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    return plot;
  }

  /** Detail lines first (latest first), then legend lines with equal points merged into the first of them. */
  private static List<Line> mergeIdentical(List<Line> lines) {
    List<Line> kept = new ArrayList<>();
    for (Line l : lines) {
      if (!l.legend()) {
        kept.add(0, l);
        continue;
      }
      boolean merged = false;
      for (int i = 0; i < kept.size(); i++) {
        Line k = kept.get(i);
        if (k.legend() && samePoints(k, l)) {
          kept.set(i, new Line(k.name() + " = " + l.name(), k.x(), k.y(), k.colour(), k.widthPx(), false, true, true,
              k.style()));
          merged = true;
          break;
        }
      }
      if (!merged) {
        kept.add(l);
      }
    }
    return kept;
  }

  /** The legend a line plot of these series gets (for tests: identical series share one entry). */
  static List<String> legend(double[] x, Map<String, double[]> series) {
    List<Line> lines = new ArrayList<>();
    series.forEach((name, y) -> lines.add(new Line(name, x, y, LEARNING, 2f, false, true, true)));
    List<String> out = new ArrayList<>();
    LegendItemCollection items = xyPlot("x", "y", lines, true).getLegendItems();
    for (int i = 0; i < items.getItemCount(); i++) {
      out.add(items.get(i).getLabel());
    }
    return out;
  }

  /** Equal x and y equal within rounding (a relative 1e-9): such lines would hide each other. */
  private static boolean samePoints(Line a, Line b) {
    if (!Arrays.equals(a.x(), b.x()) || a.y().length != b.y().length) {
      return false;
    }
    for (int i = 0; i < a.y().length; i++) {
      double scale = Math.max(1e-12, Math.max(Math.abs(a.y()[i]), Math.abs(b.y()[i])));
      if (Math.abs(a.y()[i] - b.y()[i]) > 1e-9 * scale) {
        return false;
      }
    }
    return true;
  }

  /** A labelled horizontal line at {@code value} (a bound of the tariff, zero), drawn under the data. */
  static void horizontal(XYPlot plot, double value, String label, Color colour) {
    org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(value, colour,
        new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 3f}, 0f));
    if (label != null) {
      m.setLabel(label);
      m.setLabelFont(new Font("SansSerif", Font.PLAIN, 12));
      m.setLabelPaint(colour.darker());
      m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
      m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    }
    plot.addRangeMarker(m, org.jfree.chart.ui.Layer.BACKGROUND);
    // The line stays in view even where the data keep away from it.
    org.jfree.chart.axis.ValueAxis y = plot.getRangeAxis();
    org.jfree.data.Range r = y.isAutoRange() ? plot.getDataRange(y) : y.getRange();
    if (r != null) {
      // Room above the line for its label, and below it.
      double pad = Math.max(1e-6, 0.06 * Math.max(r.getLength(), Math.abs(value)));
      y.setRange(Math.min(r.getLowerBound(), value - pad), Math.max(r.getUpperBound(), value + pad));
    }
  }

  /** White background and light grey grid lines on every plot. */
  static void style(Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    if (plot instanceof XYPlot p) {
      p.setDomainGridlinePaint(Color.LIGHT_GRAY);
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (plot instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
  }

  /** A titled chart, its legend below the plot. */
  static JFreeChart chart(String title, Plot plot) {
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 17), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemFont(new Font("SansSerif", Font.PLAIN, 13));
    return chart;
  }
}
