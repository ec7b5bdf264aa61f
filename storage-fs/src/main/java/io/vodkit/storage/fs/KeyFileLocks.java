package io.vodkit.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks on keys that hold across processes sharing a storage root (one machine or a shared file
 * system with working POSIX locks): an exclusive OS lock on one of a fixed set of lock files under
 * {@code root/locks/}, chosen by key hash. Within the JVM a striped lock per lock file is taken
 * first, because the JVM refuses a second OS lock on a file it already locks. Two keys may share a
 * lock file, which only costs some concurrency. Thread-safe.
 */
final class KeyFileLocks {
  private static final int FILES = 64;
  /** One per JVM: instances on the same root must not both ask the OS for the same file's lock. */
  private static final StripedLocks IN_JVM = new StripedLocks(FILES);

  private final Path dir;

  KeyFileLocks(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** A held lock guarding {@code key}; close it (try-with-resources) to release. */
  Held lock(String key) throws IOException {
    Path file = dir.resolve(String.format("key-%02d.lock", Math.floorMod(key.hashCode(), FILES)));
    ReentrantLock local = IN_JVM.of(file.toString());
    local.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock osLock = channel.lock();
      return new Held(local, channel, osLock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      local.unlock();
      throw e;
    }
  }

  /** A lock held by the current thread. */
  static final class Held implements AutoCloseable {
    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock osLock;

    private Held(ReentrantLock local, FileChannel channel, FileLock osLock) {
      this.local = local;
      this.channel = channel;
      this.osLock = osLock;
    }

    /** Releases the OS lock and then the in-JVM one. */
    @Override
    public void close() throws IOException {
      try {
        osLock.release();
        channel.close();
      } finally {
        local.unlock();
      }
    }
  }
}
