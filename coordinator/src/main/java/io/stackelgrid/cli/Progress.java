package io.stackelgrid.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long command: on a terminal a bar with percentage and ETA redrawn in place (at most
 * ten times a second); otherwise a plain line at every tenth of the work.
 */
public final class Progress {
  private static final int BAR = 30;
  private final PrintWriter out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long lastDrawNanos;
  private boolean drawn;
  private int lastTenth;

  /** @param terminal true to draw a bar (use {@code System.console() != null}) */
  public Progress(PrintWriter out, String label, long total, boolean terminal, LongSupplier nanoClock) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** A progress report on {@code out}, as a bar when the JVM has a console. */
  public static Progress forConsole(PrintWriter out, String label, long total) {
    return new Progress(out, label, total, System.console() != null, System::nanoTime);
  }

  /** Reports that {@code done} of the total units are complete. */
  public void update(long done) {
    long now = nanoClock.getAsLong();
    double elapsed = (now - startNanos) / 1e9;
    if (terminal) {
      if (drawn && done < total && now - lastDrawNanos < 100_000_000L) {
        return;
      }
      lastDrawNanos = now;
      drawn = true;
      int filled = (int) (BAR * done / total);
      String eta = done == 0 ? "?" : seconds(elapsed * (total - done) / done);
      out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
          + String.format(Locale.ROOT, "%3d%%", 100 * done / total) + " " + done + "/" + total
          + " ETA " + eta + "   ");
      out.flush();
    } else {
      int tenth = (int) (10 * done / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.println(label + ": " + (10 * tenth) + "% (" + done + "/" + total + ") after " + seconds(elapsed));
        out.flush();
      }
    }
  }

  /** Ends the report with the total time. */
  public void finish() {
    double elapsed = (nanoClock.getAsLong() - startNanos) / 1e9;
    if (terminal) {
      out.print("\r" + " ".repeat(label.length() + BAR + 40) + "\r");
    }
    out.println(label + ": done in " + seconds(elapsed));
    out.flush();
  }

  private static String seconds(double s) {
    return s < 60 ? String.format(Locale.ROOT, "%.1f s", s)
        : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
  }
}
