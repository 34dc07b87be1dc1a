package io.stackelgrid.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long command. Silent for the first second, so short jobs print nothing; after that,
 * on a terminal a bar with percentage and ETA redrawn in place (at most ten times a second), and
 * otherwise a plain line each time the work passes another tenth. Percentages are the work done,
 * rounded down.
 */
public final class Progress {
  /** Nothing is shown before this much time has passed. */
  static final long QUIET_NANOS = 1_000_000_000L;
  private static final int BAR = 30;
  private final PrintWriter out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long lastDrawNanos;
  private boolean shown;
  private long lastTenth;

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
    update(done, "");
  }

  /** Reports that {@code done} of the total units are complete, with a note (e.g. "2/6 seeds done"). */
  public void update(long done, String note) {
    long now = nanoClock.getAsLong();
    if (now - startNanos < QUIET_NANOS) {
      lastTenth = 10 * done / total; // a tenth passed while quiet is not announced late
      return;
    }
    double elapsed = (now - startNanos) / 1e9;
    long pct = 100 * done / total;
    if (terminal) {
      if (shown && done < total && now - lastDrawNanos < 100_000_000L) {
        return;
      }
      lastDrawNanos = now;
      shown = true;
      int filled = (int) (BAR * done / total);
      String eta = done == 0 ? "?" : seconds(elapsed * (total - done) / done);
      out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
          + String.format(Locale.ROOT, "%3d%%", pct) + " " + done + "/" + total + (note.isEmpty() ? "" : ", " + note)
          + " ETA " + eta + "   ");
      out.flush();
    } else {
      long tenth = 10 * done / total;
      if (tenth > lastTenth || !shown) {
        lastTenth = tenth;
        shown = true;
        // The time left at the rate so far, as the bar shows it.
        String eta = done == 0 || done >= total ? "" : ", ETA " + seconds(elapsed * (total - done) / done);
        out.println(label + ": " + pct + "% (" + done + "/" + total + ")" + (note.isEmpty() ? "" : ", " + note)
            + " after " + seconds(elapsed) + eta);
        out.flush();
      }
    }
  }

  /** Prints a line of its own (an event, e.g. a worker lost) without breaking the bar. */
  public void event(String line) {
    if (terminal && shown) {
      out.print("\r" + " ".repeat(label.length() + BAR + 60) + "\r");
      lastDrawNanos = 0; // the bar is drawn again at the next update
    }
    out.println(line);
    out.flush();
  }

  /** Ends the report with the total time, if anything was shown. */
  public void finish() {
    if (!shown) {
      return;
    }
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
