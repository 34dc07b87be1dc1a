package io.stackelgrid.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and git commit this build came from (embedded at build time in stackelgrid-build.properties). */
public final class BuildInfo {
  private BuildInfo() {}

  /** "stackelgrid VERSION (commit C)"; "unknown" for what the build could not tell (e.g. built outside git). */
  public static String versionLine() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("stackelgrid-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unreadable: both fields stay unknown
    }
    return "stackelgrid " + p.getProperty("version", "unknown") + " (commit " + p.getProperty("commit", "unknown") + ")";
  }
}
