package io.stackelgrid.finitegame;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A solved finite game in the output format of MODEL.md §7, with the joint-state policies reshaped
 * to {@code leaderPolicy[sL][sF][aL]} and {@code followerPolicy[sL][sF][aL][aF]}.
 *
 * @param converged whether the residual reached the tolerance within the iteration cap
 * @param residual ‖π_L^{k+1} − π_L^k‖_1 (max over states) at the last iteration
 * @param lipschitzEstimate largest observed ratio ‖T(π) − T(π')‖ / ‖π − π'‖ for T = BR_L∘BR_F
 * @param meanField the final μ_F [sF][aF], or null for a game without mean field
 */
public record StackelbergSolution(
    String method,
    double[][][] leaderPolicy,
    double[][][][] followerPolicy,
    int iterations,
    double residual,
    double lipschitzEstimate,
    boolean converged,
    double[][] meanField) {

  /** Deterministic JSON: the §7 keys first, then {@code converged}, {@code method}, {@code meanField}. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leaderPolicy", leaderPolicy);
    m.put("followerPolicy", followerPolicy);
    m.put("iterations", iterations);
    m.put("residual", residual);
    m.put("lipschitzEstimate", lipschitzEstimate);
    m.put("converged", converged);
    m.put("method", method);
    if (meanField != null) {
      m.put("meanField", meanField);
    }
    return GameFiles.write(m);
  }

  /** A short human-readable summary. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(converged ? "converged" : "DID NOT CONVERGE").append(" (").append(method)
        .append(") after ").append(iterations).append(" iterations, residual ")
        .append(String.format(java.util.Locale.ROOT, "%.3g", residual))
        .append(", Lipschitz estimate d_L*d_F = ")
        .append(String.format(java.util.Locale.ROOT, "%.4g", lipschitzEstimate)).append('\n');
    for (int sL = 0; sL < leaderPolicy.length; sL++) {
      for (int sF = 0; sF < leaderPolicy[sL].length; sF++) {
        b.append("  state (").append(sL).append(", ").append(sF).append(") leader ")
            .append(format(leaderPolicy[sL][sF])).append('\n');
        for (int aL = 0; aL < followerPolicy[sL][sF].length; aL++) {
          b.append("      follower | aL=").append(aL).append(' ')
              .append(format(followerPolicy[sL][sF][aL])).append('\n');
        }
      }
    }
    return b.toString();
  }

  private static String format(double[] p) {
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < p.length; k++) {
      b.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f", p[k]));
    }
    return b.append(']').toString();
  }
}
