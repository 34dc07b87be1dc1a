package io.stackelgrid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest of a resolved scenario: equal for equal scenarios, another for another value or case file. */
class ScenarioDigestTest {
  private static ScenarioDigest digest(String scenario, Map<String, String> overrides) {
    return ScenarioDigest.of(ScenarioLoader.load(scenario, overrides));
  }

  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void aScenarioLoadedTwiceHasOneDigest() {
    ScenarioDigest a = digest("three-bus", Map.of());
    ScenarioDigest b = digest("three-bus", Map.of());
    assertEquals(a, b);
    assertEquals(64, a.sha256().length(), "hex SHA-256");
    assertEquals("three-bus", a.name());
    assertEquals("\"agg-b2\"", a.values().get("households.aggregators[1].id"), "list elements by index, strings quoted");
    ScenarioDigest territory = digest("case118-territory", Map.of());
    assertEquals(territory, digest("case118-territory", Map.of()));
    assertTrue(territory.values().containsKey(ScenarioDigest.CASE_BYTES_KEY), "the case file it reads is in");
  }

  @Test
  void theOrderOfOverridesAndTheSpellingOfANumberDoNotMatter() {
    ScenarioDigest a = digest("three-bus", ordered("clock.days", "4", "dispatch.voll-usd-per-mwh", "20000"));
    ScenarioDigest b = digest("three-bus", ordered("dispatch.voll-usd-per-mwh", "2e4", "clock.days", "4"));
    assertEquals(a.sha256(), b.sha256());
    assertEquals("20000", b.values().get("dispatch.voll-usd-per-mwh"));
  }

  @Test
  void anotherValueGivesAnotherDigestAndTheFirstDifferingKeyIsNamed() {
    ScenarioDigest here = digest("three-bus", ordered("clock.days", "4"));
    ScenarioDigest there = digest("three-bus", ordered("clock.days", "4", "tariff.revenue-requirement-usd-per-day",
        "2e4", "dispatch.voll-usd-per-mwh", "20000"));
    assertNotEquals(here.sha256(), there.sha256());
    // dispatch.* sorts before tariff.*: the first of the two differences is named.
    assertEquals(Optional.of(new ScenarioDigest.Difference("dispatch.voll-usd-per-mwh", "10000", "20000")),
        ScenarioDigest.firstDifference(here.values(), there.values()));
    assertEquals(Optional.empty(), ScenarioDigest.firstDifference(here.values(), here.values()));
    assertEquals(Optional.of(new ScenarioDigest.Difference("a.b", "absent", "1")),
        ScenarioDigest.firstDifference(Map.of(), Map.of("a.b", "1")));
  }

  @Test
  void anotherCaseFileGivesAnotherDigest(@TempDir Path tmp) throws Exception {
    Path caseFile = tmp.resolve("grid.m");
    Files.writeString(caseFile, "mpc.baseMVA = 100;\n");
    String config = "grid.case = \"" + caseFile + "\"\nclock.days = 4\n";
    ScenarioDigest before = ScenarioDigest.of("file", ConfigFactory.parseString(config));
    assertEquals(before, ScenarioDigest.of("file", ConfigFactory.parseString(config)));
    Files.writeString(caseFile, "mpc.baseMVA = 10;\n");
    ScenarioDigest after = ScenarioDigest.of("file", ConfigFactory.parseString(config));
    assertNotEquals(before.sha256(), after.sha256());
    assertEquals(ScenarioDigest.CASE_BYTES_KEY,
        ScenarioDigest.firstDifference(before.values(), after.values()).orElseThrow().key());
  }
}
