package io.stackelgrid.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and git commit this build came from (embedded at build time in stackelgrid-build.properties). */
public final class BuildInfo {
  /** Read once: the resource cannot change while the JVM runs. */
  private static final Properties PROPERTIES = read();

  private BuildInfo() {}

  /** "stackelgrid VERSION (commit C)"; "unknown" for what the build could not tell (e.g. built outside git). */
  public static String versionLine() {
    return "stackelgrid " + version() + " (commit " + commit() + ")";
  }

  /** The project version of this build, or "unknown". */
  public static String version() {
    return PROPERTIES.getProperty("version", "unknown");
  }

  /** {@code git describe --always --dirty} of this build, or "unknown" (built outside git). */
  public static String commit() {
    return PROPERTIES.getProperty("commit", "unknown");
  }

  private static Properties read() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("stackelgrid-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unreadable: both fields stay unknown
    }
    return p;
  }
}
