package io.stackelgrid.ppo;

/**
 * Copy k ≥ 1 of a learner's environment collected apart from the learner: its environment, its own
 * networks set to the parameters of each rollout, and the action stream {@link RolloutCollector}
 * would give it. Its segments equal those the learner collects for copy k in its own JVM, so a copy
 * may run on another member, or be rebuilt and replayed from the rollouts' parameters.
 */
public final class CopySegments implements AutoCloseable {
  private final PolicyNetworks nets;
  private final RolloutCopy copy;
  private final int observationSize;
  private final int actionSize;
  private final double gamma;
  private final double lambda;
  private int rollouts;

  CopySegments(Env copyEnv, PolicyNetworks nets, Rng rng, double gamma, double lambda) {
    this.nets = nets;
    this.copy = new RolloutCopy(copyEnv, nets, rng);
    this.observationSize = copyEnv.observationSize();
    this.actionSize = copyEnv.actionSize();
    this.gamma = gamma;
    this.lambda = lambda;
  }

  /** Rollouts collected so far (the index of the next). */
  public int rollouts() {
    return rollouts;
  }

  /** The copy's next segment of {@code rows} rows, acting with these parameters. */
  public Segment collect(int rows, RolloutParams params) {
    nets.setParams(params.policy(), params.value());
    Rollout buf = new Rollout(rows, observationSize, actionSize);
    copy.collect(buf, 0, rows, params.logStd(), gamma, lambda);
    rollouts++;
    return Segment.of(buf);
  }

  @Override
  public void close() {
    nets.close();
  }
}
