package io.stackelgrid.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real (tiny) run, with a findings.json beside it, opened in headless Chromium: the
 * page logs nothing to the console, every figure loads as an image, the findings table is on it, and
 * a screenshot is kept in target/report-screenshot.png. Skips, saying why, where no Chromium is
 * installed (Debian: apt-get install chromium; .ci/run installs it).
 */
class ReportBrowserTest {
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--hide-scrollbars");

  /** Chromium on the PATH (or STACKELGRID_CHROMIUM), or null. */
  static String chromium() {
    String given = System.getenv("STACKELGRID_CHROMIUM");
    if (given != null && new File(given).canExecute()) {
      return given;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        File f = new File(dir, name);
        if (f.canExecute()) {
          return f.getPath();
        }
      }
    }
    return null;
  }

  @Test
  void theReportOpensInABrowserWithEveryImageAndNoConsoleMessage(@TempDir Path tmp) throws Exception {
    String browser = chromium();
    Assumptions.assumeTrue(browser != null,
        "no headless Chromium on this machine (chromium, chromium-browser or google-chrome on the PATH, or "
            + "STACKELGRID_CHROMIUM): install Debian's chromium package, as .ci/run does, to run this test");
    Path run = tmp.resolve("run");
    StringWriter err = new StringWriter();
    assertEquals(0, Main.execute(new String[] {"run", "--seeds", "2", "--days", "6", "--out", run.toString(),
        "--set", "learning.ppo.total-timesteps=48", "--set", "learning.ppo.n-steps=48",
        "--set", "learning.ppo.batch-size=24", "--set", "learning.follower.learn-every-step=false",
        "--set", "learning.inner-loop.max-iterations=1"}, new PrintWriter(new StringWriter()), new PrintWriter(err)),
        err.toString());
    // findings.json as `stackelgrid findings` writes it (MODEL.md §9), made by hand.
    Files.writeString(run.resolve("findings.json"), """
        {"points": [{"dir": "run", "overrides": {"households.demand-per": "day"}, "seeds": [0, 1],
          "findings": {
            "F1": {"reproduced": 1, "of": 2, "perSeed": [true, false], "value": {"mean": 0.75, "std": 0.5, "perSeed": [1.1, 0.4]}},
            "F2": {"reproduced": 0, "of": 2, "perSeed": [false, false], "value": {"mean": 0.01, "std": 0.002, "perSeed": [0.011, 0.009]}},
            "F3": {"reproduced": 2, "of": 2, "perSeed": [true, true], "value": {"mean": 0.5, "std": 0, "perSeed": [0.5, 0.5]}},
            "F4": {"reproduced": 2, "of": 2, "perSeed": [true, true], "value": {"mean": 0.3125, "std": 0.04, "perSeed": [0.34, 0.28]}}},
          "convergence": {"innerLoopMetShare": 0.5, "lastTariffMove": 0.02}}]}
        """);
    Report.build(run);

    String dom = open(browser, tmp, run, Report.RUN_FIGURES.size());
    assertTrue(dom.contains("<h2>Findings</h2>") && dom.contains("1 of 2<br>0.750 ± 0.500"),
        "the findings table is on the page");
    assertTrue(dom.contains("households.demand-per = day"), "the point's overrides are shown");

    // A simulate folder's report, too.
    Path sim = tmp.resolve("sim");
    assertEquals(0, Main.execute(new String[] {"simulate", "--days", "6", "--policy", "rule", "--out", sim.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
    Report.build(sim);
    assertTrue(open(browser, tmp, sim, Report.SIMULATION_FIGURES.size()).contains("stackelgrid simulation: three-bus"));

    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    chrome(browser, tmp, "--window-size=1000,7000", "--screenshot=" + shot, run.resolve("report.html").toUri().toString());
    assertTrue(Files.exists(shot) && Files.size(shot) > 50_000, "no screenshot at " + shot);
    byte[] pngMagic = {(byte) 0x89, 'P', 'N', 'G'};
    assertArrayEquals(pngMagic, Arrays.copyOf(Files.readAllBytes(shot), 4), "the screenshot is not a PNG");
  }

  /**
   * Opens DIR/report.html with a probe that names, once everything has loaded, the images that did
   * not; asserts no console message and every image loaded; returns the page as the browser built it.
   */
  private static String open(String browser, Path tmp, Path dir, int images) throws Exception {
    String page = Files.readString(dir.resolve("report.html"));
    String probe = "<script>window.addEventListener('load', () => { const bad = [...document.images]"
        + ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));"
        + " document.title = 'images=' + document.images.length + ' broken=' + bad.join(' ') + ';'; });</script>";
    Files.writeString(dir.resolve("probe.html"), page.replace("</body>", probe + "</body>"));
    Result dom = chrome(browser, tmp, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
        dir.resolve("probe.html").toUri().toString());
    List<String> console = dom.err.lines().filter(l -> l.contains(":CONSOLE")).toList();
    assertTrue(console.isEmpty(), dir + ": the page logged to the console: " + console);
    Matcher title = Pattern.compile("<title>images=(\\d+) broken=([^;<]*);</title>").matcher(dom.out);
    assertTrue(title.find(), dir + ": the probe did not run; page:\n" + dom.out.substring(0, Math.min(2000, dom.out.length())));
    assertEquals(String.valueOf(images), title.group(1), dir + ": images on the page");
    assertEquals("", title.group(2).trim(), dir + ": images that did not load");
    return dom.out;
  }

  private record Result(String out, String err) {}

  /** Runs headless Chromium with a fresh profile; fails if it does not end in 2 minutes. */
  private static Result chrome(String browser, Path tmp, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(browser));
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + Files.createTempDirectory(tmp, "profile"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 2 minutes: " + cmd);
    }
    return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
