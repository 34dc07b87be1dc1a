package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command shown in a {@code sh} code block of README.md, docs/ and examples/, and in a comment
 * of a file in examples/ (a line {@code #   ./stackelgrid ...}), runs as printed and exits 0, so an
 * example that breaks fails the build. A block may be marked on the line before
 * it: {@code <!-- docs-test: skip: REASON -->} (not run: clusters, benchmarks) or
 * {@code <!-- docs-test: tiny budgets -->} (run and sweep get 3 days, tiny learning budgets and, for a
 * sweep, one seed: the paper's minutes-long experiment still has to run). A file comment's run and
 * sweep get tiny budgets and 1 day. Results go to a temporary folder; paths into the repository
 * (examples/, docs/, ...) resolve against its root.
 */
class DocsExamplesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARK = "<!-- docs-test:";
  private static final List<String> TINY = List.of("--set", "learning.ppo.total-timesteps=48", "--set",
      "learning.ppo.n-steps=48", "--set", "learning.ppo.batch-size=24", "--set",
      "learning.follower.learn-every-step=false", "--set", "learning.inner-loop.max-iterations=1");

  /** One command of a document: where it is, its words, and how its block is marked. */
  record Example(String where, List<String> words, String mark) {}

  /** The documents whose code blocks are examples. */
  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    for (String dir : List.of("docs", "examples")) {
      try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    return docs;
  }

  /** The files of examples/ whose comments may show commands (scenarios, sweep plans). */
  static List<Path> commentedFiles() throws IOException {
    try (Stream<Path> s = Files.walk(ROOT.resolve("examples"))) {
      return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
  }

  /** The {@code ./stackelgrid} commands in a file's comment lines ({@code #   ./stackelgrid ...}). */
  static List<Example> commentExamples(String name, String text) {
    List<Example> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.startsWith("#") && l.substring(1).strip().startsWith("./stackelgrid ")) {
        out.add(new Example(name + ":" + (i + 1), words(l.substring(1).strip()), COMMENT_MARK));
      }
    }
    return out;
  }

  /** How a file comment's commands run: tiny budgets, 1 day. */
  private static final String COMMENT_MARK = "tiny budgets, 1 day";

  /** The commands of a markdown text's sh/bash blocks, continuation lines joined, comments dropped. */
  static List<Example> examples(String name, String text) {
    List<Example> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    String mark = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith(MARK)) {
        mark = line.substring(MARK.length(), line.length() - "-->".length()).strip();
        continue;
      }
      if (!line.startsWith("```")) {
        if (!line.isEmpty()) {
          mark = null; // a mark applies to the block right after it
        }
        continue;
      }
      String lang = line.substring(3).strip();
      boolean shell = lang.equals("sh") || lang.equals("bash") || lang.equals("shell");
      int start = i + 1;
      StringBuilder command = new StringBuilder();
      int commandLine = start;
      for (i = start; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
        if (!shell) {
          continue;
        }
        String l = stripComment(lines[i]).stripTrailing();
        if (command.length() == 0) {
          commandLine = i + 1;
        }
        boolean more = l.endsWith("\\");
        command.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
        if (!more) {
          List<String> words = words(command.toString());
          if (!words.isEmpty()) {
            out.add(new Example(name + ":" + commandLine, words, mark));
          }
          command.setLength(0);
        }
      }
      mark = null;
    }
    return out;
  }

  private static String stripComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Splits a command line into words as a POSIX shell would for these simple commands. */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

  /** The CLI arguments of an example: output paths into {@code tmp}, repository paths to the root. */
  static List<String> arguments(Example e, Path tmp) {
    List<String> words = e.words();
    List<String> args = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      String previous = i > 1 ? words.get(i - 1) : "";
      if (w.startsWith("--out=") || w.startsWith("--resume=")) {
        int eq = w.indexOf('=');
        args.add(w.substring(0, eq + 1) + tmp.resolve(w.substring(eq + 1)));
      } else if (previous.equals("--out") || previous.equals("--resume") || w.startsWith("results/")) {
        args.add(tmp.resolve(w).toString());
      } else if (!w.startsWith("-") && w.contains("/") && !Path.of(w).isAbsolute()
          && Files.exists(ROOT.resolve(w.substring(0, w.indexOf('/'))))) {
        args.add(ROOT.resolve(w).toString());
      } else {
        args.add(w);
      }
    }
    if (e.mark() != null && e.mark().startsWith("tiny budgets") && !args.isEmpty()
        && List.of("run", "sweep").contains(args.get(0))) {
      args.addAll(TINY);
      if (!args.contains("--days")) {
        args.addAll(List.of("--days", e.mark().equals(COMMENT_MARK) ? "1" : "3"));
      }
      if (args.get(0).equals("sweep") && !args.contains("--seeds")) {
        args.addAll(List.of("--seeds", "1"));
      }
    }
    return args;
  }

  @Test
  void everyCommandOfTheReadmeAndDocsRunsAsPrinted(@TempDir Path tmp) throws IOException {
    List<Example> all = new ArrayList<>();
    for (Path doc : documents()) {
      all.addAll(examples(ROOT.relativize(doc).toString(), Files.readString(doc)));
    }
    int comments = 0;
    for (Path f : commentedFiles()) {
      List<Example> c = commentExamples(ROOT.relativize(f).toString(), Files.readString(f));
      comments += c.size();
      all.addAll(c);
    }
    int ran = 0;
    for (Example e : all) {
      if (e.mark() != null && e.mark().startsWith("skip:")) {
        continue;
      }
      if (!e.words().get(0).equals("./stackelgrid")) {
        fail(e.where() + ": '" + String.join(" ", e.words()) + "' is not a ./stackelgrid command; mark its block "
            + "<!-- docs-test: skip: REASON --> if it must not run in the tests");
      }
      if (e.mark() != null && !e.mark().equals("tiny budgets") && !e.mark().equals(COMMENT_MARK)) {
        fail(e.where() + ": unknown docs-test mark '" + e.mark() + "'");
      }
      // A file comment's commands get a folder of their own: they may repeat a document's with other days.
      List<String> args = arguments(e, COMMENT_MARK.equals(e.mark()) ? tmp.resolve("comments") : tmp);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
      assertEquals(0, code, e.where() + ": '" + String.join(" ", e.words()) + "' exited " + code + "\n" + err
          + out.toString().lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
      ran++;
    }
    // The parser found the README's quick look, the paper's experiment and every command's example.
    assertTrue(ran >= 15, "only " + ran + " commands found: is the block parser broken?");
    assertTrue(all.stream().anyMatch(e -> e.where().startsWith("README.md") && e.words().contains("results/quick")),
        "the README's quick look was not found");
    // The examples' own comments: the 118-bus scenario's and each sweep plan's commands.
    assertTrue(comments >= 6, "only " + comments + " commands found in examples/ comments");
  }

  @Test
  void theParserJoinsContinuationsDropsCommentsAndReadsMarks() {
    String md = """
        text
        <!-- docs-test: skip: a cluster -->
        ```sh
        deploy/local-cluster.sh 3   # three workers
        ```

        ```sh
        ./stackelgrid run --days 6 \\
          --set 'a=b c' --out results/x  # quick
        ./stackelgrid report results/x
        ```
        ```text
        ./stackelgrid not-a-command
        ```
        """;
    List<Example> e = examples("doc.md", md);
    assertEquals(3, e.size(), e.toString());
    assertEquals(List.of("deploy/local-cluster.sh", "3"), e.get(0).words());
    assertEquals("skip: a cluster", e.get(0).mark());
    assertEquals(List.of("./stackelgrid", "run", "--days", "6", "--set", "a=b c", "--out", "results/x"), e.get(1).words());
    assertEquals("doc.md:8", e.get(1).where());
    assertEquals(null, e.get(1).mark());
    Path tmp = Path.of("/tmp/x");
    assertEquals(List.of("report", "/tmp/x/results/x"), arguments(e.get(2), tmp));
    assertEquals(List.of("run", "--days", "6", "--set", "a=b c", "--out", "/tmp/x/results/x"), arguments(e.get(1), tmp));
    List<Example> c = commentExamples("plan.conf", "# a plan\n#\n#   ./stackelgrid sweep --plan x.conf --out results/x\n"
        + "seeds = 5  # ./stackelgrid is not at the start here\n");
    assertEquals(1, c.size(), c.toString());
    assertEquals("plan.conf:3", c.get(0).where());
    assertEquals(List.of("sweep", "--plan", "x.conf", "--out", "/tmp/x/results/x", "--set",
        "learning.ppo.total-timesteps=48"), arguments(c.get(0), tmp).subList(0, 7));
    assertTrue(arguments(c.get(0), tmp).containsAll(List.of("--days", "1", "--seeds", "1")));
  }
}
