package io.stackelgrid.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.ResultDays;
import io.stackelgrid.results.ResultJson;
import io.stackelgrid.results.ResultTable;
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

  /** One world's results of one seed (or of a simulation). */
  record Run(String label, CsvColumns steps, CsvColumns periods) {}

  /** Reads DIR; an error when it holds neither seed folders nor a simulation's steps.csv. */
  static ResultsFolder read(Path dir) {
    boolean simulation = isSimulation(dir);
    JsonNode summary = readJson(dir.resolve("summary.json"));
    Config configuration = configuration(dir, summary);
    List<Run> runs = runs(dir, simulation, configuration);
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

  /** An error unless {@code dir} is a folder: naming a file given instead, or a missing folder. */
  static void requireFolder(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new StackelgridException(dir + " is a file, not a results folder (give the folder that holds it"
          + (dir.getParent() == null ? "" : ", " + dir.getParent()) + ")");
    }
    if (!Files.isDirectory(dir)) {
      throw new StackelgridException("results folder " + dir + " does not exist");
    }
  }

  static boolean isSimulation(Path dir) {
    return Files.exists(dir.resolve("steps.csv"));
  }

  /** A sweep folder has sweep.json and its points in sub-folders, but no results of its own. */
  static boolean isSweep(Path dir) {
    return !isSimulation(dir) && seedDirs(dir).isEmpty() && Files.exists(dir.resolve("sweep.json"));
  }

  /**
   * The seeds' (or the simulation's) result files of a folder, each checked whole against the days the
   * run recorded; an error when there are none.
   */
  private static List<Run> runs(Path dir, boolean simulation, Config configurationOrNull) {
    List<Run> runs = simulation
        ? List.of(run("simulation", dir, null, configurationOrNull))
        : seedDirs(dir).stream().map(s -> run(s.getFileName().toString(), dir, s, configurationOrNull)).toList();
    if (runs.isEmpty()) {
      throw new StackelgridException(dir + " holds no seed-K folders with steps.csv (a run) and no steps.csv "
          + "(a simulation): nothing to report");
    }
    return runs;
  }

  /** One seed's (or the simulation's) files, refused unless whole: no figure from a damaged file. */
  private static Run run(String label, Path dir, Path seedDirOrNull, Config configurationOrNull) {
    Path files = seedDirOrNull == null ? dir : seedDirOrNull;
    ResultTable steps = ResultTable.read(files.resolve("steps.csv"));
    ResultTable periods = ResultTable.read(files.resolve("periods.csv"));
    ResultDays days = ResultDays.of(dir, seedDirOrNull);
    int perDay = configurationOrNull != null && configurationOrNull.hasPath("clock.steps-per-day")
        ? configurationOrNull.getInt("clock.steps-per-day") : stepsPerDayOf(steps);
    steps.requireWholeSteps(days.days(), perDay, days.source());
    periods.requireWholePeriods(days.days(), days.source());
    return new Run(label, new CsvColumns(steps), new CsvColumns(periods));
  }

  /** Steps per day as the hour column shows it (folders that do not record their configuration). */
  private static int stepsPerDayOf(ResultTable steps) {
    int hour = steps.column("hour");
    return steps.rows().stream().mapToInt(r -> (int) ResultTable.number(r[hour])).max().orElse(0) + 1;
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
    return ResultJson.readIfPresent(file);
  }

  /**
   * The effective configuration: a run's scenario.json, a simulation's summary.json "configuration",
   * else the built-in scenario summary.json names, else null.
   */
  private static Config configuration(Path dir, JsonNode summary) {
    Path effective = dir.resolve("scenario.json");
    if (Files.exists(effective)) {
      try {
        return ConfigFactory.parseFile(effective.toFile());
      } catch (com.typesafe.config.ConfigException e) {
        throw new StackelgridException(effective + ": truncated or damaged (" + e.getMessage().lines().findFirst().orElse("")
            + ")", e);
      }
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
