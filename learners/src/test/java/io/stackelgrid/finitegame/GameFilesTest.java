package io.stackelgrid.finitegame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.common.StackelgridException;
import org.junit.jupiter.api.Test;

/** The game file and solution JSON of MODEL.md §7, and errors that name the culprit. */
class GameFilesTest {
  private static final String SMALL = """
      {"leader": {"states": 1, "actions": 2, "gamma": 0.5, "alpha": 1.0},
       "follower": {"states": 2, "actions": 2, "gamma": 0.5, "alpha": 2.0},
       "transitionLeader": [[[[1.0], [1.0]], [[1.0], [1.0]]]],
       "transitionFollower": [[[[0.5, 0.5], [1.0, 0.0]], [[0.0, 1.0], [0.3, 0.7]]],
                              [[[1.0, 0.0], [1.0, 0.0]], [[0.2, 0.8], [0.0, 1.0]]]],
       "rewardLeader": [[[[1, 0], [0, 1]], [[0.5, 0], [0, -1]]]],
       "rewardFollower": [[[[0, 1], [1, 0]]], [[[0.2, 0.1], [0, 0.3]]]]}
      """;

  @Test
  void parsesTheDocumentedFormatWithItsIndexOrder() {
    FiniteGame g = GameFiles.parse(SMALL, "small.json");
    assertEquals(2, g.follower().states());
    assertEquals(2.0, g.follower().alpha());
    // transitionFollower[sF][aF][aL][sF'] and rewardFollower[sF][sL][aF][aL].
    assertEquals(0.3, g.transitionFollower()[0][1][1][0]);
    assertEquals(0.3, g.rewardFollower()[1][0][1][1]);
    FiniteGame again = GameFiles.parse(GameFiles.toJson(g), "again");
    assertArrayEquals(g.transitionFollower()[1][1][0], again.transitionFollower()[1][1][0]);
  }

  @Test
  void solutionJsonHasTheDocumentedKeysAndShapesAndIsDeterministic() throws Exception {
    FiniteGame g = GameFiles.parse(SMALL, "small.json");
    String json = FiniteGameSolver.solve(g, SolverOptions.defaults()).toJson();
    assertEquals(json, FiniteGameSolver.solve(g, SolverOptions.defaults()).toJson());
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals(1, root.get("leaderPolicy").size());
    assertEquals(2, root.get("leaderPolicy").get(0).size());
    assertEquals(2, root.get("leaderPolicy").get(0).get(1).size());
    assertEquals(2, root.get("followerPolicy").get(0).get(1).get(1).size());
    assertTrue(root.get("iterations").isInt());
    assertTrue(root.get("residual").isNumber());
    assertTrue(root.get("lipschitzEstimate").isNumber());
    assertTrue(root.get("converged").asBoolean());
    double sum = 0;
    for (JsonNode p : root.get("followerPolicy").get(0).get(1).get(0)) {
      sum += p.asDouble();
    }
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void errorsNameTheFileTheKeyAndTheIndex() {
    StackelgridException bad = assertThrows(StackelgridException.class,
        () -> GameFiles.parse(SMALL.replace("[[0.5, 0.5], [1.0, 0.0]]", "[[0.5, 0.4], [1.0, 0.0]]"),
            "g.json"));
    assertTrue(bad.getMessage().startsWith("g.json: transitionFollower[0][0][0] sums to 0.9"),
        bad.getMessage());
    StackelgridException missing = assertThrows(StackelgridException.class,
        () -> GameFiles.parse(SMALL.replace("\"rewardLeader\"", "\"rewardLeeder\""), "g.json"));
    assertTrue(missing.getMessage().contains("rewardLeader"), missing.getMessage());
    StackelgridException gamma = assertThrows(StackelgridException.class,
        () -> GameFiles.parse(SMALL.replace("\"gamma\": 0.5, \"alpha\": 1.0", "\"gamma\": 1.5, \"alpha\": 1.0"), "g.json"));
    assertTrue(gamma.getMessage().contains("leader.gamma"), gamma.getMessage());
    StackelgridException shape = assertThrows(StackelgridException.class,
        () -> GameFiles.parse(SMALL.replace("[[[[1, 0], [0, 1]], [[0.5, 0], [0, -1]]]]", "[[[[1, 0], [0, 1]]]]"), "g.json"));
    assertTrue(shape.getMessage().contains("rewardLeader[0] must be an array of 2"), shape.getMessage());
    assertThrows(StackelgridException.class, () -> GameFiles.parse("{", "g.json"));
  }

  @Test
  void readsAGameFileAndNamesAMissingOne() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of(
        getClass().getResource("/games/two-follower-states.json").toURI());
    FiniteGame g = GameFiles.read(file);
    assertEquals(2, g.follower().states());
    StackelgridException e = assertThrows(StackelgridException.class,
        () -> GameFiles.read(java.nio.file.Path.of("no-such-game.json")));
    assertTrue(e.getMessage().startsWith("no-such-game.json: cannot read"), e.getMessage());
  }
}
