package io.stackelgrid.results;

import io.stackelgrid.common.StackelgridException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One writer per results folder: {@code DIR/.stackelgrid.lock}, taken before anything is written
 * there and released when the command ends. The operating system's lock on the file keeps out every
 * other process of this host (and of hosts whose shared file system locks); the file's text names
 * the holder (process id, host, command, start), so a second writer is refused naming it, and a lock
 * left by a crash is known to be stale when its host is this one and its process is gone.
 */
public final class FolderLock implements AutoCloseable {
  /** The lock file's name inside a results folder. */
  public static final String NAME = ".stackelgrid.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Who holds a lock, as its file records it. */
  record Holder(long pid, String host, String command, Instant since) {
    static Optional<Holder> parse(String text) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      try {
        return Optional.of(new Holder(Long.parseLong(m.get("pid")), m.get("host"), m.getOrDefault("command", "?"),
            Instant.parse(m.get("since"))));
      } catch (RuntimeException e) {
        return Optional.empty(); // empty (released) or not ours: no holder
      }
    }

    String text() {
      return "pid=" + pid + "\nhost=" + host + "\ncommand=" + command + "\nsince=" + since + "\n";
    }

    @Override
    public String toString() {
      return "'" + command + "' (process " + pid + " on host " + host + ", since " + since + ")";
    }
  }

  /**
   * Takes the lock of {@code dir} (created if missing) for {@code command}, or refuses with one line
   * naming the holder. {@code option} is how the user gave the folder (e.g. "--out").
   */
  public static FolderLock take(Path dir, String option, String command) {
    Path file = dir.resolve(NAME);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StackelgridException(option + " " + dir + ": is a file, not a folder");
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this process (another command of this JVM)
      }
      Optional<Holder> holder = Holder.parse(read(channel));
      if (lock == null) {
        throw inUse(option, dir, holder.map(Holder::toString).orElse("another process"));
      }
      if (holder.isPresent() && stillRuns(holder.get())) {
        // The system lock was free, yet the holder runs: a file system without locks.
        lock.release();
        throw inUse(option, dir, holder.get().toString());
      }
      if (holder.isPresent() && !holder.get().host().equals(host())) {
        lock.release();
        throw new StackelgridException(option + " " + dir + ": is in use by " + holder.get() + "; this host cannot "
            + "tell whether that process still runs: if it does not, delete " + file);
      }
      Holder self = new Holder(ProcessHandle.current().pid(), host(), command,
          Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(self.text().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new FolderLock(file, channel, lock);
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      close(channel);
      throw new StackelgridException(option + " " + dir + ": " + e.getFile() + " is a file, not a folder", e);
    } catch (IOException e) {
      close(channel);
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StackelgridException(option + " " + dir + ": cannot lock it for writing (" + file + "): " + why, e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private static StackelgridException inUse(String option, Path dir, String holder) {
    return new StackelgridException(option + " " + dir + ": is in use by " + holder + "; one process writes a results "
        + "folder at a time: wait for it to end or choose another folder");
  }

  /** Whether the holder is a live process of this host that started before it took the lock. */
  static boolean stillRuns(Holder h) {
    if (!h.host().equals(host()) || h.pid() == ProcessHandle.current().pid()) {
      return false; // another host: cannot tell here; this process: a lock it did not release
    }
    Optional<ProcessHandle> p = ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive);
    // A process id reused by a process that started after the lock was taken is not the holder (the
    // system reports start times to about a second).
    return p.isPresent() && p.get().info().startInstant()
        .map(start -> !start.isAfter(h.since().plusSeconds(2))).orElse(true);
  }

  private static String read(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 4096);
    ByteBuffer b = ByteBuffer.allocate((int) size);
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  /** This host's name, as lock files record it. */
  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      try {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      } catch (IOException | RuntimeException again) {
        return "unknown-host";
      }
    }
  }

  /** Releases the lock: its file stays, emptied, so a waiting process never locks a removed file. */
  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.truncate(0);
        lock.release();
      }
    } catch (IOException e) {
      // The process ends soon and the system drops its lock; an emptied or stale file is harmless.
    } finally {
      close(channel);
    }
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to keep.
      }
    }
  }

  /** The lock file (for messages and tests). */
  public Path file() {
    return file;
  }
}
