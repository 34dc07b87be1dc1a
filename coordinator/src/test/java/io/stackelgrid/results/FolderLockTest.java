package io.stackelgrid.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per results folder: a second taker is refused naming the holder; a lock left by a
 * process of this host that is gone is stale and taken over; one of another host is not (this host
 * cannot tell), nor one whose process still runs. Two JVMs at once: ConcurrentWritersTest.
 */
class FolderLockTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void aSecondTakerIsRefusedNamingTheHolderUntilItIsReleased(@TempDir Path tmp) {
    Path dir = tmp.resolve("out");
    try (FolderLock first = FolderLock.take(dir, "--out", "stackelgrid run")) {
      String held = Files.exists(first.file()) ? read(first.file()) : "";
      assertTrue(held.contains("pid=" + SELF) && held.contains("host=" + FolderLock.host()), held);
      String m = assertThrows(StackelgridException.class, () -> FolderLock.take(dir, "--out", "stackelgrid sweep"))
          .getMessage();
      assertTrue(m.startsWith("--out " + dir + ": is in use by 'stackelgrid run' (process " + SELF + " on host "
          + FolderLock.host()), m);
    }
    // Released: the file stays, empty, and the next writer takes it.
    assertEquals("", read(dir.resolve(FolderLock.NAME)));
    FolderLock.take(dir, "--out", "stackelgrid sweep").close();
  }

  @Test
  void aLockLeftByAProcessThatIsGoneIsStaleAndTakenOver(@TempDir Path tmp) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
    write(tmp, gone.pid(), FolderLock.host(), Instant.now());
    try (FolderLock lock = FolderLock.take(tmp, "--out", "stackelgrid run")) {
      assertTrue(read(lock.file()).contains("pid=" + SELF), "the stale holder was replaced");
    }
  }

  @Test
  void aLockWhoseProcessStillRunsIsNotStale(@TempDir Path tmp) throws Exception {
    // The system lock is free (no process holds the file), as on a file system without locks: the
    // recorded holder, alive since before it wrote the lock, still counts.
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      write(tmp, sleeper.pid(), FolderLock.host(), Instant.now().plusSeconds(1));
      String m = assertThrows(StackelgridException.class, () -> FolderLock.take(tmp, "--resume", "stackelgrid run"))
          .getMessage();
      assertTrue(m.contains("is in use by 'stackelgrid run' (process " + sleeper.pid()), m);
      // The same process id, but a process started after the lock was written: not its holder.
      write(tmp, sleeper.pid(), FolderLock.host(), Instant.now().minusSeconds(3600));
      FolderLock.take(tmp, "--out", "stackelgrid run").close();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aLockOfAnotherHostIsRefusedSayingHowToClearIt(@TempDir Path tmp) throws Exception {
    write(tmp, 12345, "elsewhere.example", Instant.now());
    String m = assertThrows(StackelgridException.class, () -> FolderLock.take(tmp, "--out", "stackelgrid run"))
        .getMessage();
    assertTrue(m.contains("process 12345 on host elsewhere.example") && m.contains("delete "
        + tmp.resolve(FolderLock.NAME)), m);
  }

  @Test
  void aFileGivenAsTheFolderIsNamed(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("steps.csv"), "x\n");
    String m = assertThrows(StackelgridException.class, () -> FolderLock.take(file, "--out", "stackelgrid run"))
        .getMessage();
    assertEquals("--out " + file + ": is a file, not a folder", m);
  }

  private static void write(Path dir, long pid, String host, Instant since) throws Exception {
    Files.writeString(dir.resolve(FolderLock.NAME), new FolderLock.Holder(pid, host, "stackelgrid run", since).text());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
