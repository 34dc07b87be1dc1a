package io.stackelgrid.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackelgrid.common.StackelgridException;
import java.nio.file.Path;

/**
 * How many days a seed's result files must hold, as the run recorded it: its run.json, else the
 * folder's summary.json, else the seed's own summary.json (folders of sweeps and older runs).
 *
 * @param source the file the days were read from, for messages
 */
public record ResultDays(int days, String source) {
  /** The days of {@code seedDirOrNull}'s files in {@code folder} (null: a simulation's folder). */
  public static ResultDays of(Path folder, Path seedDirOrNull) {
    Path[] records = seedDirOrNull == null
        ? new Path[] {folder.resolve("summary.json")}
        : new Path[] {folder.resolve(RunFolder.OPTIONS_FILE), folder.resolve("summary.json"),
            seedDirOrNull.resolve("summary.json")};
    for (Path f : records) {
      JsonNode root = ResultJson.readIfPresent(f);
      if (root != null && root.path("days").canConvertToInt() && root.path("days").asInt() > 0) {
        return new ResultDays(root.path("days").asInt(), f.toString());
      }
    }
    throw new StackelgridException("cannot tell whether the results in " + folder + " are whole: no run.json or "
        + "summary.json there says how many days they hold");
  }
}
