package io.stackelgrid.game;

import io.stackelgrid.ppo.PpoCheckpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learners of one seed after their last good training: each follower's by its aggregator's id
 * (in the table's order), and the leader's; a state is null before its learner's first training.
 *
 * @param followers by aggregator id, every aggregator of the scenario present
 */
public record LearnerStates(Map<String, PpoCheckpoint> followers, PpoCheckpoint leader) {

  public LearnerStates {
    followers = Collections.unmodifiableMap(new LinkedHashMap<>(followers));
  }

  /** No learner trained yet, for the aggregators {@code ids}. */
  public static LearnerStates none(List<String> ids) {
    Map<String, PpoCheckpoint> m = new LinkedHashMap<>();
    ids.forEach(id -> m.put(id, null));
    return new LearnerStates(m, null);
  }

  /** The state of aggregator {@code id}'s learner, or null. */
  public PpoCheckpoint follower(String id) {
    return followers.get(id);
  }
}
