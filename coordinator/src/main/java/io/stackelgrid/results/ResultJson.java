package io.stackelgrid.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON file of a results folder (run.json, summary.json, sweep.json, findings.json) read whole or
 * refused naming the file and the line where it stops making sense.
 */
public final class ResultJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultJson() {}

  /** The file's JSON; an error naming file and line when it is not whole JSON. */
  public static JsonNode read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new StackelgridException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || root.isMissingNode()) {
        throw new StackelgridException(file + " is empty: truncated or damaged");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new StackelgridException(file + (line > 0 ? ":" + line : "") + ": not whole JSON ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + "): truncated or damaged", e);
    }
  }

  /** The file's JSON, or null when it does not exist. */
  public static JsonNode readIfPresent(Path file) {
    return Files.exists(file) ? read(file) : null;
  }
}
