package io.stackelgrid.results;

import io.stackelgrid.common.RunFailedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes a result file under a temporary name in the same folder, then renames it into place, so
 * readers never see a half-written file. A failed write names the file it was writing and leaves no
 * temporary behind. The file is created like any other (mode 0666 less the umask, so 0644 by
 * default), not with the owner-only mode of {@code Files.createTempFile}.
 */
public final class AtomicFiles {
  // Writes share the read side; a clean stop takes the write side, so it waits for writes under way
  // and lets no new one start: an interrupted process leaves whole files and no temporaries.
  private static final ReentrantReadWriteLock WRITES = new ReentrantReadWriteLock();

  private AtomicFiles() {}

  /**
   * Waits up to {@code timeout} for the writes under way to finish and blocks all later ones (for a
   * process about to exit); returns whether every write finished.
   */
  public static boolean stopWrites(Duration timeout) {
    try {
      return WRITES.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Replaces {@code target} with {@code content} (UTF-8). */
  public static void write(Path target, CharSequence content) {
    write(target, content.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  /** What writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} with what {@code content} writes. */
  public static void write(Path target, Content content) {
    WRITES.readLock().lock();
    try {
      writeLocked(target, content);
    } finally {
      WRITES.readLock().unlock();
    }
  }

  private static void writeLocked(Path target, Content content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = newTemporary(dir, target.getFileName().toString());
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write already failed; report that one.
        }
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new RunFailedException("cannot write " + target + ": " + why, e);
    }
  }

  /**
   * Checks, before any work, that files can be written in {@code dir} (created if missing): a folder
   * that cannot take them is bad input, named with the {@code option} that gave it.
   */
  public static void requireWritableFolder(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new io.stackelgrid.common.StackelgridException(option + " " + dir + ": is a file, not a folder");
    }
    try {
      Files.createDirectories(dir);
      Files.delete(newTemporary(dir.toAbsolutePath(), "write-check"));
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new io.stackelgrid.common.StackelgridException(option + " " + dir + ": cannot write there: " + why, e);
    }
  }

  /** A new empty file ".NAME.RANDOM.tmp" in {@code dir}, created with the default (umask) mode. */
  private static Path newTemporary(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
          + ".tmp");
      try {
        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }
}
