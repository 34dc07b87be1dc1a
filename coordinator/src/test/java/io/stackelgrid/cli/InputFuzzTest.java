package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.checkpoint.CheckpointFile;
import io.stackelgrid.cluster.ClusterConfig;
import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every input a user hands stackelgrid (issue 13): scenario files, MATPOWER case files, game
 * files, node configs and checkpoints, mutated a few edits at a time from the shipped ones (numbers
 * made negative, huge, zero, NaN or words; lines dropped, doubled, swapped or truncated; keys
 * misspelt; garbage lines). Every outcome must be exit 2 with one {@code stackelgrid: error:} line,
 * or exit 0 (3 for a finite game that did not converge) with only finite numbers in the output; never
 * exit 1 (a defect), a stack trace, NaN or infinity. Seeds and case counts are fixed, so every machine
 * tries the same inputs (a time budget made the count depend on the machine's speed); the counts keep
 * the suite near two minutes on a busy 2-core machine.
 */
class InputFuzzTest {

  @TempDir
  Path tmp;



  /** Counts per family, printed for the report. */
  static final class Tally {
    final String family;
    int cases;
    int ok;
    int refused;
    final long t0 = System.nanoTime();

    Tally(String family) {
      this.family = family;
    }

    boolean more(int count) {
      return cases < count;
    }

    void print() {
      System.out.printf(Locale.ROOT, "InputFuzzTest %s: %d cases (%d ran, %d refused with one line) in %.1f s%n",
          family, cases, ok, refused, (System.nanoTime() - t0) / 1e9);
    }
  }

  @Test
  void scenarioFiles() throws Exception {
    String base = resource("/scenarios/three-bus.conf");
    SplittableRandom random = new SplittableRandom(13_001);
    Tally t = new Tally("scenario files");
    while (t.more(600)) {
      Path f = tmp.resolve("s" + t.cases + ".conf");
      Files.writeString(f, Mutator.mutate(base, random));
      // Most through dispatch (loads the whole scenario, clears a step); some play a day.
      boolean simulate = t.cases % 25 == 0;
      Path out = tmp.resolve("sim" + t.cases);
      CliResult r = simulate ? CliResult.of("simulate", "--scenario", f.toString(), "--days", "1", "--out", out.toString())
          : CliResult.of("dispatch", "--scenario", f.toString(), "--json", "--hour", Integer.toString(random.nextInt(8)));
      String edits = Mutator.changes(base, Files.readString(f));
      judge(t, r, f, List.of(0), edits);
      if (simulate && r.code() == 0) {
        for (String file : List.of("steps.csv", "periods.csv", "summary.json")) {
          assertFinite(Files.readString(out.resolve(file)), f + " -> " + file + edits);
        }
      } else if (r.code() == 0) {
        assertFiniteJson(r.out(), f + edits);
      }
      t.cases++;
    }
    t.print();
    assertTrue(t.ok > 20 && t.refused > 100, "the mutants both ran and were refused: " + t.ok + " / " + t.refused);
  }

  @Test
  void caseFiles() throws Exception {
    List<String> bases = List.of(resource("/cases/pglib_opf_case5_pjm.m"), resource("/cases/pglib_opf_case14_ieee.m"),
        resource("/cases/pglib_opf_case30_ieee.m"));
    SplittableRandom random = new SplittableRandom(13_002);
    Tally t = new Tally("case files");
    while (t.more(800)) {
      Path f = tmp.resolve("c" + t.cases + ".m");
      String base = bases.get(t.cases % bases.size());
      Files.writeString(f, Mutator.mutate(base, random));
      CliResult r = CliResult.of("dispatch", "--case", f.toString(), "--json", "--load-scale",
          String.valueOf(Math.pow(10, -1 + 2 * random.nextDouble())));
      String edits = Mutator.changes(base, Files.readString(f));
      judge(t, r, f, List.of(0), edits);
      if (r.code() == 0) {
        assertFiniteJson(r.out(), f + edits);
      }
      t.cases++;
    }
    t.print();
    assertTrue(t.ok > 20 && t.refused > 100, t.ok + " / " + t.refused);
  }

  @Test
  void gameFiles() throws Exception {
    String base = Files.readString(Path.of("..", "examples", "games", "price-and-charge.json"));
    SplittableRandom random = new SplittableRandom(13_003);
    Tally t = new Tally("game files");
    while (t.more(1000)) {
      Path f = tmp.resolve("g" + t.cases + ".json");
      Files.writeString(f, Mutator.mutate(base, random));
      CliResult r = CliResult.of("finite-game", "--game", f.toString(), "--json", "--max-iterations", "200");
      String edits = Mutator.changes(base, Files.readString(f));
      judge(t, r, f, List.of(0, 3), edits);
      if (r.code() == 0 || r.code() == 3) {
        assertFiniteJson(r.out(), f + edits);
      }
      t.cases++;
    }
    t.print();
    assertTrue(t.ok > 20 && t.refused > 100, t.ok + " / " + t.refused);
  }

  @Test
  void nodeConfigs() throws Exception {
    // Starting a member per case would take seconds each, so the fuzz drives what node, sweep and
    // run --cluster do with the file before any member starts: a config, or one error line.
    String base = "include \"tls-free.conf\"\nstackelgrid.node {\n  host = \"127.0.0.1\"\n  port = 25520\n"
        + "  roles = [worker, coordinator]\n  seed-nodes = [\"127.0.0.1:25520\", \"127.0.0.1:25521\"]\n"
        + "  learner-threads = 2\n  learner-attempt-timeout = 30m\n  join-timeout = 60s\n}\n"
        + "akka.cluster.split-brain-resolver.stable-after = 7s\n"
        + "akka.cluster.failure-detector.acceptable-heartbeat-pause = 10s\n";
    Files.writeString(tmp.resolve("tls-free.conf"), "akka.remote.artery.transport = tcp\n");
    SplittableRandom random = new SplittableRandom(13_004);
    Tally t = new Tally("node configs");
    while (t.more(1500)) {
      Path f = tmp.resolve("n" + t.cases + ".conf");
      Files.writeString(f, Mutator.mutate(base, random));
      try {
        ClusterConfig.fromFile(f);
        t.ok++;
      } catch (StackelgridException e) {
        assertOneLine("stackelgrid: error: " + e.getMessage(), f);
        // The file named may be the one it includes, when the edit moved a key there.
        assertTrue(e.getMessage().contains(tmp.toString()) || e.getMessage().contains("seed-nodes"),
            "names the file: " + e.getMessage());
        t.refused++;
      } catch (RuntimeException e) {
        fail(f + Mutator.changes(base, Files.readString(f)) + "\n-> not a one-line error but " + e);
      }
      t.cases++;
    }
    t.print();
    assertTrue(t.ok > 20 && t.refused > 100, t.ok + " / " + t.refused);
  }

  @Test
  void checkpoints() throws Exception {
    // A real checkpoint of a short run, then damaged: refused before anything is loaded, or read.
    Path run = tmp.resolve("run");
    List<String> args = new ArrayList<>(List.of("run", "--days", "3", "--seed", "1", "--out", run.toString()));
    args.addAll(ExitCodesTest.FAST);
    assertEquals(0, CliResult.of(args.toArray(String[]::new)).code());
    Path good = run.resolve("seed-1").resolve(CheckpointFile.NAME);
    byte[] bytes = Files.readAllBytes(good);
    String fingerprint = new String(Arrays.copyOfRange(bytes, 0, Math.min(bytes.length, 400)),
        StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("three-bus config \\p{XDigit}+ seed 1 days 3").matcher(fingerprint);
    assertTrue(m.find(), "fingerprint in the header");
    SplittableRandom random = new SplittableRandom(13_005);
    Tally t = new Tally("checkpoints");
    while (t.more(2000)) {
      byte[] damaged = Mutator.mutate(bytes, random);
      Path f = tmp.resolve("checkpoint-" + t.cases);
      Files.write(f, damaged);
      try {
        CheckpointFile.read(f, m.group());
        t.ok++;
      } catch (StackelgridException e) {
        assertTrue(e.getMessage().startsWith("refusing checkpoint " + f), e.getMessage());
        assertOneLine("stackelgrid: error: " + e.getMessage(), f);
        t.refused++;
      } catch (RuntimeException | OutOfMemoryError e) {
        fail(f + ": not a one-line refusal but " + e);
      }
      t.cases++;
    }
    t.print();
    assertTrue(t.refused > 1000, t.refused + " refused");
    // End to end, a damaged checkpoint met by run --resume: one line, exit 2, nothing played.
    Files.write(good, Mutator.mutate(bytes, new SplittableRandom(7)));
    Files.delete(run.resolve("seed-1/steps.csv"));
    CliResult r = CliResult.of("run", "--resume", run.toString());
    assertEquals(2, r.code(), r.err());
    assertOneLine(r.err(), good);
    assertTrue(!Files.exists(run.resolve("seed-1/steps.csv")));
  }

  private static void judge(Tally t, CliResult r, Path f, List<Integer> okCodes, String edits) {
    String what = f + edits;
    if (r.err().contains("\tat ") || r.err().contains("Exception in thread") || r.out().contains("\tat ")) {
      fail(what + ": stack trace:\n" + r.err());
    }
    if (okCodes.contains(r.code())) {
      t.ok++;
      return;
    }
    if (r.code() != 2) {
      fail(what + "\n-> exit " + r.code() + " (1 is a defect for bad input): " + r.err());
    }
    assertTrue(r.err().startsWith("stackelgrid: error: "), what + ": " + r.err());
    assertOneLine(r.err(), f);
    t.refused++;
  }

  private static void assertOneLine(String err, Path f) {
    assertEquals(1, err.strip().split("\n").length, f + ": one line: " + err);
  }

  /** A CSV field or JSON value that is NaN or infinite (names may contain the words). */
  private static final Pattern NOT_FINITE = Pattern.compile("(^|[,:\\[\\s])\"?(-?Infinity|NaN)\"?([,\\]\\s]|$)",
      Pattern.MULTILINE);

  private static void assertFinite(String text, Object where) {
    Matcher m = NOT_FINITE.matcher(text);
    if (m.find()) {
      int from = Math.max(0, m.start() - 300);
      fail(where + ": NaN or infinity in the output: ..." + text.substring(from, Math.min(text.length(), m.end() + 100)));
    }
  }

  private static void assertFiniteJson(String json, String f) throws IOException {
    // Jackson refuses NaN and Infinity tokens, so a number that is not finite fails the parse.
    JsonNode root = new ObjectMapper().readTree(json);
    List<JsonNode> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      JsonNode n = stack.remove(stack.size() - 1);
      if (n.isNumber() && !Double.isFinite(n.asDouble())) {
        fail(f + ": " + n + " in " + json);
      }
      n.elements().forEachRemaining(stack::add);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = InputFuzzTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Small random edits of a text or of bytes. */
  static final class Mutator {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
    private static final String[] VALUES = {"-1", "0", "1e308", "-1e308", "NaN", "1e-320", "abc", "\"x\"", "[]",
        "{}", "9999999999999999999", "-0", "0.5", "2", "Infinity", "null", "true", "1,2"};
    private static final String[] GARBAGE = {"foo = bar", "}", "{", "]", "[", "grid.buses = []",
        "households.groups = []", "clock.days = 0", "\"unterminated", "include \"nowhere.conf\"", "=", "a.b.c = 1",
        "% comment", "mpc.bus = [];", "mpc.gen = [", "1 2 3;"};

    /** The lines of {@code mutant} that {@code base} lacks, and how many of base's it lacks: for failures. */
    static String changes(String base, String mutant) {
      List<String> a = Arrays.asList(base.split("\n", -1));
      List<String> b = Arrays.asList(mutant.split("\n", -1));
      List<String> added = b.stream().filter(l -> !a.contains(l)).toList();
      long removed = a.stream().filter(l -> !b.contains(l)).count();
      return " (edits: " + removed + " line(s) of the original gone; new or changed lines: " + added + ")";
    }

    static String mutate(String text, SplittableRandom r) {
      String s = text;
      int edits = 1 + r.nextInt(3);
      for (int e = 0; e < edits; e++) {
        s = once(s, r);
      }
      return s;
    }

    private static String once(String s, SplittableRandom r) {
      List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
      int i = r.nextInt(Math.max(1, lines.size()));
      switch (r.nextInt(8)) {
        case 0, 1, 2 -> { // a number
          List<int[]> spans = new ArrayList<>();
          Matcher m = NUMBER.matcher(s);
          while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
          }
          if (spans.isEmpty()) {
            return s;
          }
          int[] at = spans.get(r.nextInt(spans.size()));
          String value = r.nextBoolean() ? VALUES[r.nextInt(VALUES.length)]
              : String.valueOf(Double.parseDouble(s.substring(at[0], at[1]).replace("--", "")) * (r.nextDouble() * 20 - 10));
          return s.substring(0, at[0]) + value + s.substring(at[1]);
        }
        case 3 -> lines.remove(i);
        case 4 -> lines.add(i, lines.get(i));
        case 5 -> Collections.swap(lines, i, r.nextInt(lines.size()));
        case 6 -> lines.add(i, GARBAGE[r.nextInt(GARBAGE.length)]);
        default -> { // a key misspelt: one letter of the line's first word changed
          String line = lines.get(i);
          Matcher w = Pattern.compile("[a-z][a-z-]+").matcher(line);
          if (w.find()) {
            int c = w.start() + r.nextInt(w.end() - w.start());
            lines.set(i, line.substring(0, c) + (char) ('a' + r.nextInt(26)) + line.substring(c + 1));
          }
        }
      }
      String out = String.join("\n", lines);
      return r.nextInt(20) == 0 ? out.substring(0, r.nextInt(out.length() + 1)) : out;
    }

    static byte[] mutate(byte[] bytes, SplittableRandom r) {
      byte[] b = bytes.clone();
      switch (r.nextInt(4)) {
        case 0 -> { // flip bits
          for (int k = 0; k < 1 + r.nextInt(4); k++) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
        case 2 -> { // a run of random bytes
          int at = r.nextInt(b.length);
          for (int k = at; k < Math.min(b.length, at + 1 + r.nextInt(16)); k++) {
            b[k] = (byte) r.nextInt(256);
          }
        }
        default -> { // extended with junk
          int n = 1 + r.nextInt(64);
          b = Arrays.copyOf(b, b.length + n);
          for (int k = b.length - n; k < b.length; k++) {
            b[k] = (byte) r.nextInt(256);
          }
        }
      }
      return b;
    }
  }
}
