package io.stackelgrid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/CONFIG.md documents every key of every built-in scenario and is what the schema generates. */
class ScenarioSchemaTest {
  @Test
  void everyKeyOfEveryBuiltInScenarioHasAnEntry() {
    for (String name : ScenarioLoader.BUILT_IN) {
      List<String> missing = ScenarioSchema.undocumented(ScenarioLoader.load(name).config());
      assertTrue(missing.isEmpty(), "scenario " + name + " has keys without a ScenarioSchema entry: " + missing);
    }
  }

  @Test
  void aKeyTheSchemaDoesNotKnowIsReported() {
    Config extra = ConfigFactory.parseString("grid.lines = [{ name = l9, rating-mva = 5 }]\nlearning.ppo.warp = 9")
        .withFallback(ScenarioLoader.load("three-bus").config());
    assertEquals(List.of("grid.lines[].rating-mva", "learning.ppo.warp"),
        ScenarioSchema.undocumented(extra).stream().sorted().toList());
  }

  @Test
  void everyRequiredEntryIsAKeyOfTheDefaultScenario() {
    Set<String> keys = ScenarioSchema.keyPaths(ScenarioLoader.load("three-bus").config());
    for (ScenarioSchema.Entry e : ScenarioSchema.entries()) {
      assertTrue(e.optional() || keys.contains(e.path()), "schema entry " + e.path() + " is no key of three-bus");
      assertTrue(!e.meaning().isBlank() && !e.range().isBlank(), "schema entry " + e.path() + " says nothing");
    }
  }

  @Test
  void defaultsComeFromTheScenario() {
    Config c = ConfigFactory.parseString("grid.lines = [{name = a, limit = 7}, {name = b}]\nclock.days = 12")
        .withFallback(ScenarioLoader.load("three-bus").config());
    assertEquals("12", ScenarioSchema.defaultOf(c, "clock.days"));
    assertEquals("7, —", ScenarioSchema.defaultOf(c, "grid.lines[].limit"));
    assertEquals("[18, 36]", ScenarioSchema.defaultOf(c, "learning.follower.hidden"));
  }

  @Test
  void docsConfigMdIsWhatTheSchemaGenerates() throws Exception {
    Path doc = Path.of("..", "docs", "CONFIG.md");
    assertTrue(Files.exists(doc), doc.toAbsolutePath() + " is missing: run ./stackelgrid config-doc --out docs/CONFIG.md");
    assertEquals(ScenarioSchema.markdown(), Files.readString(doc),
        "docs/CONFIG.md is stale: run ./stackelgrid config-doc --out docs/CONFIG.md");
  }
}
