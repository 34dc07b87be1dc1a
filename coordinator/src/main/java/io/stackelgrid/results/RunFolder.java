package io.stackelgrid.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackelgrid.common.RunFailedException;
import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A run's results folder and the options it records in {@code run.json}, so that results are never
 * lost: {@code --resume DIR} alone continues the recorded run, an explicit option that differs from
 * it is refused (naming the option and both values), and a fresh run into a folder that holds
 * another run is refused unless told to overwrite it.
 */
public final class RunFolder {
  /** The options file inside a run folder. */
  public static final String OPTIONS_FILE = "run.json";
  /** Files a run, a sweep, findings and report write at the top of a folder, besides run.json. */
  static final java.util.Set<String> RUN_FILES = java.util.Set.of("summary.json", "scenario.json", "report.html",
      "findings.json", "findings.md", "sweep.json");
  /** Format version of run.json. */
  static final int VERSION = 1;

  private RunFolder() {}

  /**
   * What identifies a run's results: the same options give the same files.
   *
   * @param scenario a built-in name, or a file as an absolute path
   * @param set the --set overrides in order
   * @param households N real households, or 0 for the mean field
   */
  public record Options(String scenario, List<String> set, List<Long> seeds, int days, long households) {
    public Options {
      set = List.copyOf(set);
      seeds = List.copyOf(seeds);
    }

    /** The options as command-line flags, in the order of {@code run --help}. */
    Map<String, Object> flags() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("--scenario", scenario);
      m.put("--set", set);
      m.put("--seeds", seeds);
      m.put("--days", days);
      m.put("--households", households == 0 ? "none (mean field)" : households);
      return m;
    }
  }

  /**
   * The recorded options of the run in {@code dir}, with explicit ones checked against them.
   *
   * @param explicit the options given on this command line (a subset of {@link Options#flags()})
   */
  public static Options resume(Path dir, Map<String, Object> explicit) {
    Path file = dir.resolve(OPTIONS_FILE);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StackelgridException("--resume " + dir + ": is a file, not a run's folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new StackelgridException("--resume " + dir + ": no " + OPTIONS_FILE + " there, so no run to continue"
          + (Files.isDirectory(dir) ? " (a run records its options in " + OPTIONS_FILE + " when it starts)" : ""));
    }
    Options recorded = read(file);
    Map<String, Object> flags = recorded.flags();
    for (Map.Entry<String, Object> e : explicit.entrySet()) {
      Object was = flags.get(e.getKey());
      if (!Objects.equals(String.valueOf(was), String.valueOf(e.getValue()))) {
        throw new StackelgridException("--resume " + dir + ": " + e.getKey() + " " + e.getValue()
            + " differs from the run there (" + e.getKey() + " " + was + "); drop it to continue that run, "
            + "or start another run in another folder");
      }
    }
    return recorded;
  }

  /**
   * Prepares {@code dir} for a fresh run: refuses a folder that holds another run unless
   * {@code overwrite}, in which case that run's files are removed; then records {@code options}.
   */
  public static void start(Path dir, Options options, boolean overwrite) {
    List<Path> previous = runFiles(dir);
    // run.json alone (a run stopped before its first result) holds nothing to lose.
    if (previous.stream().anyMatch(p -> !p.getFileName().toString().equals(OPTIONS_FILE))) {
      if (!overwrite) {
        throw new StackelgridException("--out " + dir + " holds another run (" + previous.get(0).getFileName()
            + (previous.size() > 1 ? " and " + (previous.size() - 1) + " more" : "") + "); continue it with --resume "
            + dir + ", or replace it with --overwrite");
      }
      for (Path p : previous) {
        delete(p);
      }
    }
    try {
      AtomicFiles.write(dir.resolve(OPTIONS_FILE), json(options));
    } catch (RunFailedException e) {
      // Before any work: the folder given is the problem.
      throw new StackelgridException("--out " + dir + ": " + e.getMessage(), e);
    }
  }

  /** What a run writes at the top of its folder (seed folders with results, summaries, report), if present. */
  static List<Path> runFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> {
        String name = p.getFileName().toString();
        return name.equals(OPTIONS_FILE) || RUN_FILES.contains(name)
            || name.matches("seed-\\d+") && (Files.isRegularFile(p.resolve("checkpoint"))
                || Files.isRegularFile(p.resolve("steps.csv"))) || name.matches("fig\\d+-.*\\.png");
      }).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new StackelgridException("--out " + dir + ": cannot list it: " + e.getMessage(), e);
    }
    return out;
  }

  /** Removes temporaries left by a process killed mid-write (SIGKILL; a clean stop leaves none). */
  public static void removeTemporaries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir, 2)) {
      for (Path p : s.filter(RunFolder::isTemporary).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new RunFailedException("cannot clean temporary files in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isTemporary(Path p) {
    String name = p.getFileName().toString();
    // AtomicFiles' temporaries, and the fixed name earlier checkpoints were written to.
    return name.matches("\\..+\\.[0-9a-z]+\\.tmp") || name.equals("checkpoint.tmp");
  }

  private static void delete(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new StackelgridException("--overwrite: cannot remove " + p + ": " + e.getMessage(), e);
    }
  }

  static String json(Options o) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    root.put("scenario", o.scenario());
    root.put("set", o.set());
    root.put("seeds", o.seeds());
    root.put("days", o.days());
    root.put("households", o.households());
    return GameWriter.json(root);
  }

  static Options read(Path file) {
    JsonNode root = ResultJson.read(file);
    if (root.path("version").asInt() != VERSION) {
      throw new StackelgridException(file + ": not a run.json of this version (" + VERSION + ")");
    }
    List<String> set = new ArrayList<>();
    root.path("set").forEach(n -> set.add(n.asText()));
    List<Long> seeds = new ArrayList<>();
    root.path("seeds").forEach(n -> seeds.add(n.asLong()));
    if (!root.path("scenario").isTextual() || seeds.isEmpty() || root.path("days").asInt() <= 0) {
      throw new StackelgridException(file + ": damaged (scenario, seeds or days missing)");
    }
    return new Options(root.path("scenario").asText(), set, seeds, root.path("days").asInt(),
        root.path("households").asLong());
  }
}
