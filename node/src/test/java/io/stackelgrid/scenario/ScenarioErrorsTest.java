package io.stackelgrid.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every scenario error names the file (or --set flag) and the key at fault. */
class ScenarioErrorsTest {
  @TempDir
  Path dir;

  private Path scenario(String body) throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "include classpath(\"scenarios/three-bus.conf\")\n" + body + "\n");
    return file;
  }

  private static String message(Runnable r) {
    return assertThrows(ScenarioException.class, r::run).getMessage();
  }

  private static void assertNames(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + message + "' should name " + p);
    }
  }

  @Test
  void builtInScenariosLoadWithTheModelsNumbers() {
    Scenario s = ScenarioLoader.load("three-bus");
    assertEquals("three-bus", s.name());
    assertEquals((1000 * 30 + 500 * 60 + 300 * 100 + 9000 * 10) / 10800.0, s.households().demandScaleKwh(), 1e-12);
    assertEquals(0.62, s.grid().lineXPu(0), 0);
    Scenario printed = ScenarioLoader.load("three-bus-as-printed");
    assertEquals(0.065, printed.grid().lineXPu(0), 0);
    Scenario base = ScenarioLoader.load("three-bus-base-load");
    assertEquals(3 * 110, base.grid().busLoad(0), 1e-12);
  }

  @Test
  void setOverridesAKeyAndRefusesUnknownKeys() {
    Scenario s = ScenarioLoader.load("three-bus", Map.of("dispatch.voll-usd-per-mwh", "5000"));
    assertEquals(5000, s.dispatch().vollUsdPerMwh());
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("dispatch.vol", "1"))),
        "--set dispatch.vol=1", "dispatch.vol");
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("dispatch.voll-usd-per-mwh", "lots"))),
        "--set dispatch.voll-usd-per-mwh=lots", "dispatch.voll-usd-per-mwh");
  }

  @Test
  void aMisspeltKeyInAFileIsAnErrorNamingFileLineAndTheNearestKey() throws IOException {
    // Issue 13: a misspelt key in a scenario file was ignored (--set rejected it).
    Path file = scenario("dispatch {\n  voll-usd-per-mw = 5000\n}");
    assertNames(message(() -> ScenarioLoader.load(file.toString())), "bad.conf:3:", "dispatch.voll-usd-per-mw",
        "unknown key", "dispatch.voll-usd-per-mwh");
    // Inside a list element the index is kept, in the key and in the suggestion.
    Path gens = scenario("grid.generators = [\n"
        + "  { name = g1, bus = b1, c2 = 0.2, c1 = 5, c0 = 0, p-min = 0, p-max = 2000 }\n"
        + "  { name = g2, bus = b2, c2 = 0.2, c1 = 4, c0 = 0, p-min = 0, p-mx = 1500 }\n]");
    assertNames(message(() -> ScenarioLoader.load(gens.toString())), "bad.conf:4:", "grid.generators[1].p-mx",
        "grid.generators[1].p-max");
    // A section of its own that no scenario has.
    Path section = scenario("clocks.days = 4");
    assertNames(message(() -> ScenarioLoader.load(section.toString())), "bad.conf:2:", "clocks: unknown key",
        "nearest valid key: clock)");
    // --set with a list value is checked inside too.
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("grid.lines",
        "[{name = l1, from = b1, to = b3, r-pu = 0.065, x-pu = 0.62, limt = 100}]"))), "--set grid.lines",
        "grid.lines[0].limt", "grid.lines[0].limit");
    // Optional keys are known: a MATPOWER case (aggregators then sit on its buses by number).
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("grid.case", "case14_ieee"))),
        "households.aggregators[0].bus", "agg-b1", "'b1'", "case14_ieee");
  }

  @Test
  void everyBuiltInScenarioPassesTheKeyCheck() {
    for (String name : ScenarioLoader.BUILT_IN) {
      assertEquals(name, ScenarioLoader.load(name).name());
    }
  }

  @Test
  void anEmptyGeneratorListIsAnError() {
    // Issue 13: grid.generators = [] ran and shed everything.
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("grid.generators", "[]"))),
        "grid.generators", "at least one generator");
  }

  @Test
  void unknownScenarioIsNamed() {
    assertNames(message(() -> ScenarioLoader.load("four-bus")), "four-bus", "three-bus");
  }

  @Test
  void missingKey() throws IOException {
    Path f = scenario("dispatch { voll-usd-per-mwh = null }");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "dispatch.voll-usd-per-mwh");
  }

  @Test
  void wrongType() throws IOException {
    Path f = scenario("clock.days = \"many\"");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "clock.days", "NUMBER");
  }

  @Test
  void negativeCapacity() throws IOException {
    Path f = scenario("grid.generators = [{ name = g1, bus = b1, c2 = 0.2, c1 = 5, c0 = 0, p-min = 0, p-max = -5 }]");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "grid.generators[0].p-max", "-5");
  }

  @Test
  void unknownBusOfALine() throws IOException {
    Path f = scenario("grid.lines = [{ name = l9, from = b1, to = b7, r-pu = 0.1, x-pu = 0.5, limit = 100 }]");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "grid.lines[0].to", "b7");
  }

  @Test
  void lineToItself() throws IOException {
    Path f = scenario("grid.lines = [{ name = l9, from = b2, to = b2, r-pu = 0.1, x-pu = 0.5, limit = 100 }]");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "grid.lines[0].to", "itself");
  }

  @Test
  void negativeReactance() throws IOException {
    Path f = scenario("grid.lines = [{ name = l1, from = b1, to = b3, r-pu = 0.1, x-pu = -0.5, limit = 100 },"
        + "{ name = l2, from = b3, to = b2, r-pu = 0.1, x-pu = 0.5, limit = 100 }]");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "grid.lines[0].x-pu", "l1", "negative reactance");
  }

  @Test
  void householdsOnABusTheGridLacks() throws IOException {
    Path f = scenario("households.groups = [{ name = c9, kind = consumer, bus = b9, count = 10,"
        + " income-usd-per-year = 1000 }]");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "households.groups[0].bus", "b9");
    Path a = scenario("households.aggregators = [{ id = a9, bus = b9 }]");
    assertNames(message(() -> ScenarioLoader.load(a.toString())), "bad.conf", "households.aggregators[0].bus",
        "a9", "b9");
  }

  @Test
  void tablesThatDoNotJoin() throws IOException {
    // A group of an aggregator the table lacks.
    Path f = scenario("households.groups = [{ name = p1, kind = prosumer, aggregator = agg-x, count = 10,"
        + " storage-kwh = 5, income-usd-per-year = 1000 }]");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "households.groups[0].aggregator",
        "agg-x", "p1");
    // A prosumer group with no aggregator to run its batteries.
    Path p = scenario("households.groups = [{ name = p9, kind = prosumer, bus = b1, count = 10, storage-kwh = 5,"
        + " income-usd-per-year = 1000 }]");
    assertNames(message(() -> ScenarioLoader.load(p.toString())), "bad.conf", "households.groups[0].aggregator",
        "p9", "names no aggregator");
    // An aggregator that holds no prosumers, named by id and the bus's case id.
    Path idle = scenario("households.aggregators = [{ id = a1, bus = b1 }, { id = a2, bus = b2 }]\n"
        + "households.groups = [{ name = p1, kind = prosumer, aggregator = a1, count = 10, storage-kwh = 5,"
        + " income-usd-per-year = 1000 }]");
    assertNames(message(() -> ScenarioLoader.load(idle.toString())), "bad.conf", "households.aggregators[1].id", "'a2'",
        "bus b2", "no prosumer group");
    // A tariff-group rule that does not exist.
    Path rule = scenario("tariff.groups = by-bus");
    assertNames(message(() -> ScenarioLoader.load(rule.toString())), "bad.conf", "tariff.groups", "by-bus",
        "by-income-and-kind");
    // The same id twice.
    Path twice = scenario("households.aggregators = [{ id = a1, bus = b1 }, { id = a1, bus = b2 }]");
    assertNames(message(() -> ScenarioLoader.load(twice.toString())), "bad.conf", "households.aggregators[1].id",
        "'a1'", "twice");
  }

  @Test
  void initialTariffOutsideItsBounds() throws IOException {
    Path f = scenario("tariff.buy-add-on-usd-per-kwh.initial = 0.5");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf", "tariff.buy-add-on-usd-per-kwh.initial");
  }

  @Test
  void syntaxErrorNamesTheFileAndLine() throws IOException {
    Path f = scenario("grid { buses = [ ");
    assertNames(message(() -> ScenarioLoader.load(f.toString())), "bad.conf");
  }

  @Test
  void unknownActionMapDemandBasisAndNonPositiveCapacityHoursNameTheirKeys() throws IOException {
    String masked = scenario("households.action-map = masked").toString();
    assertNames(message(() -> ScenarioLoader.load(masked)),
        "bad.conf", "households.action-map", "masked");
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("households.demand-per", "hour"))),
        "households.demand-per", "hour");
    assertNames(message(() -> ScenarioLoader.load("three-bus", Map.of("grid.capacity-hours-per-step", "0"))),
        "grid.capacity-hours-per-step", "> 0");
    String outside = scenario("tariff.buy-add-on-usd-per-kwh.initial = 0.2").toString();
    assertNames(message(() -> ScenarioLoader.load(outside)),
        "bad.conf", "tariff.buy-add-on-usd-per-kwh.initial", "outside");
  }
}
