package io.stackelgrid.ppo;

/**
 * One copy's segment of a rollout, collected apart from its learner (on another member, or by a
 * copy that stands in for one): the rows it would have written into the learner's buffer, with its
 * advantages and returns already computed against its own next observation.
 */
public record Segment(float[] observations, float[] actions, double[] rewards, float[] values, double[] logProbs,
    boolean[] episodeStarts, double[] advantages, double[] returns) {

  public int rows() {
    return rewards.length;
  }

  /** The first {@code rows} rows of {@code buf}. */
  static Segment of(Rollout buf) {
    return new Segment(buf.observations.clone(), buf.actions.clone(), buf.rewards.clone(), buf.values.clone(),
        buf.logProbs.clone(), buf.episodeStarts.clone(), buf.advantages.clone(), buf.returns.clone());
  }

  /**
   * Writes this segment into rows {@code [first, first + rows())} of {@code buf}.
   *
   * @throws IllegalArgumentException if its sizes do not fit the buffer's
   */
  void writeInto(Rollout buf, int first) {
    int n = rows();
    int obs = buf.observations.length / buf.size;
    int act = buf.actions.length / buf.size;
    if (observations.length != n * obs || actions.length != n * act || values.length != n || logProbs.length != n
        || episodeStarts.length != n || advantages.length != n || returns.length != n || first + n > buf.size) {
      throw new IllegalArgumentException("a segment of " + n + " rows does not fit rows " + first + " of a rollout of "
          + buf.size + " (" + obs + " observation and " + act + " action floats per row)");
    }
    System.arraycopy(observations, 0, buf.observations, first * obs, n * obs);
    System.arraycopy(actions, 0, buf.actions, first * act, n * act);
    System.arraycopy(rewards, 0, buf.rewards, first, n);
    System.arraycopy(values, 0, buf.values, first, n);
    System.arraycopy(logProbs, 0, buf.logProbs, first, n);
    System.arraycopy(episodeStarts, 0, buf.episodeStarts, first, n);
    System.arraycopy(advantages, 0, buf.advantages, first, n);
    System.arraycopy(returns, 0, buf.returns, first, n);
  }
}
