package io.stackelgrid.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A run or simulate folder read back from its files alone (the report needs no running process):
 * the result CSVs of each seed (or of the one simulation), summary.json, the effective configuration
 * and the worlds the CSVs hold.
 *
 * @param simulation a {@code simulate} folder: steps.csv at the top, one world, no seeds
 * @param summary summary.json, or null when the folder has none
 * @param configuration the effective configuration, or null when the folder does not record it
 * @param worlds "learning" first, then the others ("baseline") in name order; "simulated" for a simulation
 */
record ResultsFolder(Path dir, boolean simulation, List<Run> runs, JsonNode summary, Config configuration,
    List<String> worlds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One world's results of one seed (or of a simulation). */
  record Run(String label, CsvColumns steps, CsvColumns periods) {}

  /** Reads DIR; an error when it holds neither seed folders nor a simulation's steps.csv. */
  static ResultsFolder read(Path dir) {
    boolean simulation = isSimulation(dir);
    List<Run> runs = runs(dir, simulation);
    JsonNode summary = readJson(dir.resolve("summary.json"));
    Config configuration = configuration(dir, summary);
    return new ResultsFolder(dir, simulation, runs, summary, configuration, worlds(runs.get(0).steps()));
  }

  /**
   * The run's scenario, loaded from its scenario.json (a territory's tables generated again from its
   * case), or null when the folder does not record it or it no longer loads.
   */
  io.stackelgrid.scenario.Scenario scenario() {
    Path effective = dir.resolve("scenario.json");
    Path temporary = null;
    try {
      if (!Files.exists(effective)) {
        if (configuration == null) {
          return null;
        }
        // A simulation keeps its configuration inside summary.json: load it from a file of its own.
        temporary = Files.createTempFile("stackelgrid-scenario-", ".json");
        Files.writeString(temporary, configuration.root().render(com.typesafe.config.ConfigRenderOptions.concise()));
        effective = temporary;
      }
      return io.stackelgrid.scenario.ScenarioLoader.load(effective.toString());
    } catch (RuntimeException | java.io.IOException e) {
      return null;
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (java.io.IOException e) {
          // a temporary file left behind harms nothing
        }
      }
    }
  }

  static boolean isSimulation(Path dir) {
    return Files.exists(dir.resolve("steps.csv"));
  }

  /** A sweep folder has sweep.json and its points in sub-folders, but no results of its own. */
  static boolean isSweep(Path dir) {
    return !isSimulation(dir) && seedDirs(dir).isEmpty() && Files.exists(dir.resolve("sweep.json"));
  }

  /** The seeds' (or the simulation's) result files of a folder; an error when there are none. */
  private static List<Run> runs(Path dir, boolean simulation) {
    List<Run> runs = simulation
        ? List.of(new Run("simulation", new CsvColumns(dir.resolve("steps.csv")),
            new CsvColumns(dir.resolve("periods.csv"))))
        : seedDirs(dir).stream().map(s -> new Run(s.getFileName().toString(), new CsvColumns(s.resolve("steps.csv")),
            new CsvColumns(s.resolve("periods.csv")))).toList();
    if (runs.isEmpty()) {
      throw new StackelgridException(dir + " holds no seed-K folders with steps.csv (a run) and no steps.csv "
          + "(a simulation): nothing to report");
    }
    return runs;
  }

  /** seed-K folders with results, by K as a number (seed-10 after seed-9). */
  private static List<Path> seedDirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("seed-\\d+") && Files.exists(p.resolve("steps.csv")))
          .sorted(Comparator.comparingLong(ResultsFolder::seedOf)).toList();
    } catch (IOException e) {
      throw new StackelgridException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static long seedOf(Path seedDir) {
    return Long.parseLong(seedDir.getFileName().toString().substring("seed-".length()));
  }

  /** A JSON file of the folder, or null when it is absent (every JSON file is optional to the report). */
  static JsonNode readJson(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new StackelgridException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }

  /**
   * The effective configuration: a run's scenario.json, a simulation's summary.json "configuration",
   * else the built-in scenario summary.json names, else null.
   */
  private static Config configuration(Path dir, JsonNode summary) {
    Path effective = dir.resolve("scenario.json");
    if (Files.exists(effective)) {
      return ConfigFactory.parseFile(effective.toFile());
    }
    if (summary == null) {
      return null;
    }
    if (summary.has("configuration")) {
      return ConfigFactory.parseString(summary.get("configuration").toString());
    }
    String name = summary.path("scenario").asText("");
    return ScenarioLoader.BUILT_IN.contains(name) ? ScenarioLoader.load(name).config() : null;
  }

  /** "learning", "baseline" for a run; one world for a simulation (no scenario column). */
  private static List<String> worlds(CsvColumns steps) {
    if (!steps.has("scenario")) {
      return List.of("simulated");
    }
    int w = steps.column("scenario");
    TreeSet<String> names = new TreeSet<>();
    steps.rows().forEach(r -> names.add(r[w]));
    List<String> out = new ArrayList<>();
    if (names.remove("learning")) {
      out.add("learning"); // the learning world is the main one: drawn first, coloured, solid
    }
    out.addAll(names);
    return out;
  }

  /** The world of one CSV row. */
  static String worldOf(CsvColumns c, String[] row) {
    return c.has("scenario") ? row[c.column("scenario")] : "simulated";
  }
}
