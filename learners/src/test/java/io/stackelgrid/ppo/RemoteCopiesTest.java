package io.stackelgrid.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollout copies collected apart from their learner (as on other members) give the learner the same
 * state as copies on its own threads: copies kept between rollouts, and copies lost and rebuilt by
 * replaying the rollouts' parameters, as a copy whose member left is.
 */
class RemoteCopiesTest {
  private static final int COPIES = 4;

  private static PpoConfig config() {
    return PpoConfig.fromMap(Map.of("name", "copies", "engine", "java", "seed", 11L,
        "rolloutSteps", 64, "batchSize", 16, "epochs", 2));
  }

  private static NoisyArbitrageCopiesEnv env() {
    return new NoisyArbitrageCopiesEnv(0, COPIES, 3);
  }

  /**
   * Copies on a "host": a learner of its own built from the same configuration (as a member builds
   * one from the scenario), each copy kept from rollout to rollout; with {@code forgetAfter} ≥ 0 the
   * host forgets every copy after that many rollouts and rebuilds it from the parameters of the
   * rollouts so far.
   */
  private static final class Host implements RemoteCopies {
    private final PpoLearner shape = new PpoLearner(config(), env());
    private final Map<Integer, CopySegments> copies = new HashMap<>();
    private final List<RolloutParams> history = new ArrayList<>();
    private final int forgetAfter;
    int rebuilt;

    Host(int forgetAfter) {
      this.forgetAfter = forgetAfter;
    }

    @Override
    public Pending request(int copy, int rollout, int rows, RolloutParams params) {
      if (copy == 1) {
        if (rollout == 0) {
          history.clear(); // a new learn call starts every copy afresh
          copies.values().forEach(CopySegments::close);
          copies.clear();
        }
        history.add(params);
      }
      CopySegments c = copies.get(copy);
      if (c == null || c.rollouts() != rollout || (forgetAfter >= 0 && rollout == forgetAfter)) {
        if (c != null) {
          c.close();
        }
        NoisyArbitrageCopiesEnv base = env();
        c = shape.copySegments(base.rolloutCopy(copy), copy, base.rolloutCopySalt());
        for (int r = 0; r < rollout; r++) {
          c.collect(rows, history.get(r)); // replayed: the copy's episodes reach where they stood
        }
        rebuilt += rollout > 0 ? 1 : 0;
        copies.put(copy, c);
      }
      Segment s = c.collect(rows, params);
      return () -> s;
    }
  }

  private static PpoCheckpoint learn(RemoteCopies remoteOrNull) {
    try (PpoLearner l = new PpoLearner(config(), env())) {
      l.setRolloutThreads(2);
      l.setRemoteCopies(remoteOrNull);
      l.learn(192);
      l.learn(64); // a second call starts its copies afresh
      return l.exportCheckpoint();
    }
  }

  @Test
  void copiesElsewhereGiveTheLearnerTheSameState() {
    PpoCheckpoint here = learn(null);
    assertEquals(here, learn(new Host(-1)), "copies kept on the host");
  }

  @Test
  void aCopyRebuiltByReplayingItsRolloutsContinuesWhereItStood() {
    PpoCheckpoint here = learn(null);
    Host forgetful = new Host(2);
    assertEquals(here, learn(forgetful), "copies forgotten before the third rollout and replayed");
    assertEquals(COPIES - 1, forgetful.rebuilt, "each remote copy rebuilt once");
  }
}
