package io.vodkit.examples;

import io.vodkit.BaseUrls;
import io.vodkit.VideoPipeline;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PutResult;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.store.jdbc.JdbcStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Test storage: the real filesystem storage with a hook that runs on the writing thread before
 * every put (to record the order of writes, or to hold a write back).
 */
final class HookedStorage extends ForwardingStorage {
  private static final URI NO_UPLOAD_SERVER = URI.create("http://127.0.0.1:9/uploads/");

  private final Consumer<String> beforePut;

  private HookedStorage(ObjectStorage delegate, Consumer<String> beforePut) {
    super(delegate);
    this.beforePut = beforePut;
  }

  /** Filesystem storage under {@code root} (no upload server: sources are put directly). */
  static HookedStorage onDisk(Path root, Consumer<String> beforePut) {
    return new HookedStorage(FsObjectStorage.create(root, NO_UPLOAD_SERVER), beforePut);
  }

  /**
   * A pipeline on this storage like the embedded one (SQLite, the local ffmpeg, HLS and DASH) with
   * its database and scratch space under {@code dir}; set workers and intervals on it.
   */
  VideoPipeline.Builder pipeline(Path dir) {
    return VideoPipeline.builder()
        .storage(this)
        .store(JdbcStore.sqlite(dir.resolve("vodkit.db")))
        .transcoder(FfmpegTranscoder.onPath())
        .manifestWriter(new HlsManifestWriter())
        .manifestWriter(new DashManifestWriter())
        .baseUrls(BaseUrls.of(URI.create("http://localhost/"), NO_UPLOAD_SERVER, dir.resolve("cdn").toUri()))
        .workDir(dir.resolve("work"));
  }

  @Override
  public void put(String key, Path source, ObjectMetadata metadata) {
    beforePut.accept(key);
    delegate.put(key, source, metadata);
  }

  @Override
  public void put(String key, byte[] bytes, ObjectMetadata metadata) {
    beforePut.accept(key);
    delegate.put(key, bytes, metadata);
  }

  @Override
  public PutResult putIfAbsent(String key, byte[] bytes, ObjectMetadata metadata) {
    beforePut.accept(key);
    return delegate.putIfAbsent(key, bytes, metadata);
  }

  @Override
  public boolean putIfMatch(String key, byte[] bytes, ObjectMetadata metadata, String expectedEtag) {
    beforePut.accept(key);
    return delegate.putIfMatch(key, bytes, metadata, expectedEtag);
  }
}
