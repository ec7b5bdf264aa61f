package io.vodkit.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional writes on the filesystem backend stay atomic across several storage instances and
 * processes on one root (as worker processes sharing a directory have them): the check and the
 * write run under the key's lock file, not only under the instance's own locks.
 */
class FsConditionalWriteTest {
  private static final ObjectMetadata MANIFEST = ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST);
  private static final URI PUBLIC = URI.create("https://uploads.example.com/");
  private static final int WRITERS = 8;

  @TempDir Path root;

  @Test
  void ofWritersOnTwoInstancesSwappingTheSameVersionExactlyOneWins() throws Exception {
    FsObjectStorage a = FsObjectStorage.create(root, PUBLIC);
    FsObjectStorage b = FsObjectStorage.create(root, PUBLIC);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      for (int round = 0; round < 10; round++) {
        String key = "videos/v" + round + "/manifest.m3u8";
        String v1 = a.putIfAbsent(key, "v1".getBytes(), MANIFEST).etag();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> swapped = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          FsObjectStorage via = w % 2 == 0 ? a : b;
          byte[] mine = ("writer " + w).getBytes();
          swapped.add(pool.submit(() -> {
            go.await();
            return via.putIfMatch(key, mine, MANIFEST, v1);
          }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : swapped) {
          winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }

        assertThat(winners).as("swaps of v1 that succeeded in round %d", round).isEqualTo(1);
        assertThat(read(b, key)).startsWith("writer ");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ofCreatorsOnTwoInstancesExactlyOneCreates() throws Exception {
    FsObjectStorage a = FsObjectStorage.create(root, PUBLIC);
    FsObjectStorage b = FsObjectStorage.create(root, PUBLIC);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      for (int round = 0; round < 10; round++) {
        String key = "videos/v" + round + "/manifest.mpd";
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PutResult>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          FsObjectStorage via = w % 2 == 0 ? a : b;
          byte[] mine = ("creator " + w).getBytes();
          results.add(pool.submit(() -> {
            go.await();
            return via.putIfAbsent(key, mine, MANIFEST);
          }));
        }
        go.countDown();
        int created = 0;
        for (Future<PutResult> f : results) {
          created += f.get(60, TimeUnit.SECONDS).created() ? 1 : 0;
        }

        assertThat(created).as("creates that succeeded in round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoProcessesSwappingOneKeyNeverBothReplaceTheSameVersion() throws Exception {
    FsObjectStorage storage = FsObjectStorage.create(root, PUBLIC);
    storage.putIfAbsent(Racer.KEY, "v0".getBytes(), MANIFEST);
    Path go = root.resolve("go");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
            Racer.class.getName(), root.toString(), go.toString())
        .redirectErrorStream(true)
        .start();
    try {
      Thread.sleep(1000); // let the child JVM start and wait for the go file
      Files.createFile(go);
      List<String> mine = Racer.race(storage, "parent");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child process finishes").isTrue();
      List<String> out = new String(child.getInputStream().readAllBytes()).lines().toList();
      assertThat(child.exitValue()).as(String.join("\n", out)).isZero();
      List<String> theirs = out.stream().filter(l -> l.startsWith("replaced ")).map(l -> l.substring(9)).toList();

      assertThat(mine).as("swaps the parent won").isNotEmpty();
      assertThat(theirs).as("swaps the child won").isNotEmpty();
      List<String> all = new ArrayList<>(mine);
      all.addAll(theirs);
      assertThat(all).as("versions replaced (%d by the parent, %d by the child)", mine.size(), theirs.size())
          .doesNotHaveDuplicates();
    } finally {
      child.destroyForcibly();
    }
  }

  /**
   * One side of the two-process race: for {@link #RACE_MILLIS}, reads the key's version and
   * swaps it for bytes of its own (unique per write); returns the ETags of the versions it replaced.
   */
  static final class Racer {
    static final String KEY = "videos/v/manifest.m3u8";
    static final long RACE_MILLIS = 1500;

    private Racer() {}

    static List<String> race(FsObjectStorage storage, String me) {
      List<String> replaced = new ArrayList<>();
      long end = System.currentTimeMillis() + RACE_MILLIS;
      for (int n = 0; System.currentTimeMillis() < end; n++) {
        String seen = storage.head(KEY).orElseThrow().etag();
        if (storage.putIfMatch(KEY, (me + " " + n).getBytes(), MANIFEST, seen)) {
          replaced.add(seen);
        }
      }
      return replaced;
    }

    /** Args: root, go file. Waits for the go file, races, prints "replaced ETAG" per swap won. */
    public static void main(String[] args) throws Exception {
      FsObjectStorage storage = FsObjectStorage.create(Path.of(args[0]), PUBLIC);
      Path go = Path.of(args[1]);
      while (!Files.exists(go)) {
        Thread.sleep(1);
      }
      race(storage, "child").forEach(etag -> System.out.println("replaced " + etag));
    }
  }

  private static String read(FsObjectStorage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return new String(in.readAllBytes());
    }
  }
}
