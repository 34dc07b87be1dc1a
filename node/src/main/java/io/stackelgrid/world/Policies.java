package io.stackelgrid.world;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.household.BaselinePolicy;
import io.stackelgrid.household.FollowerPolicy;
import io.stackelgrid.household.LmpBelief;
import io.stackelgrid.household.RulePolicy;
import io.stackelgrid.scenario.WorldSettings;
import java.util.List;

/** The fixed follower policies by name: {@code baseline} (u ≡ 0) and {@code rule}. */
public final class Policies {
  /** Names accepted by {@link #create}. */
  public static final List<String> NAMES = List.of("baseline", "rule");

  private Policies() {}

  /** Throws a clear error unless {@code name} is a known policy. */
  public static void check(String name) {
    if (!NAMES.contains(name)) {
      throw new StackelgridException("unknown policy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
  }

  /** The policy {@code name} of aggregator {@code a}, reading its row of the world's beliefs. */
  public static FollowerPolicy create(String name, LmpBelief belief, int a, WorldSettings settings, double maxAction) {
    check(name);
    return switch (name) {
      case "rule" -> new RulePolicy(belief, a, settings.ruleCheapQuantile(), settings.ruleDearQuantile(), maxAction);
      default -> BaselinePolicy.INSTANCE;
    };
  }
}
