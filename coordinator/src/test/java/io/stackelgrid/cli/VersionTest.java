package io.stackelgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** --version names the version and the commit the build embedded. */
class VersionTest {
  @Test
  void versionPrintsTheBuildsVersionAndCommit() {
    StringWriter out = new StringWriter();
    assertEquals(0, Main.execute(new String[] {"--version"}, new PrintWriter(out), new PrintWriter(new StringWriter())));
    String line = out.toString().trim();
    // A build inside a git work tree embeds its commit (12 hex digits, "-dirty" with local changes);
    // one outside git says "unknown". Never the old "development build".
    assertTrue(line.matches("stackelgrid \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)"), line);
  }
}
