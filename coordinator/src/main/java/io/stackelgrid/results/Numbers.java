package io.stackelgrid.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Deterministic number text for result files: CSV values with six decimals (trailing zeros
 * dropped), JSON values rounded to ten significant digits, so the same run gives the same bytes.
 */
public final class Numbers {
  private static final MathContext JSON_DIGITS = new MathContext(10);
  private static final double SCALE = 1e6;

  private Numbers() {}

  /** v with at most six decimals, e.g. 7.25, -0.000001, 120; "nan"/"inf"/"-inf" if not finite. */
  public static String csv(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (Math.abs(v) >= 9e12) {
      return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
    long scaled = Math.round(v * SCALE);
    if (scaled == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(24);
    if (scaled < 0) {
      sb.append('-');
      scaled = -scaled;
    }
    sb.append(scaled / 1_000_000L);
    long frac = scaled % 1_000_000L;
    if (frac != 0) {
      sb.append('.');
      String digits = Long.toString(frac + 1_000_000L).substring(1);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      sb.append(digits, 0, end);
    }
    return sb.toString();
  }

  /** v rounded to ten significant digits for JSON (null when not finite, as JSON has no NaN). */
  public static BigDecimal json(double v) {
    if (!Double.isFinite(v)) {
      return null;
    }
    BigDecimal d = new BigDecimal(v).round(JSON_DIGITS).stripTrailingZeros();
    return d.signum() == 0 ? BigDecimal.ZERO : d;
  }
}
