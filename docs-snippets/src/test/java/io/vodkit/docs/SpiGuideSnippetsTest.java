package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.NewUpload;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.examples.DirectUploader;
import io.vodkit.examples.TestClip;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.TranscodeResult;
import io.vodkit.spi.Transcoder;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.testkit.MetadataStoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** src-docs/spi-guide.md: running a contract test on a backend, and a transcoder decorator. */
class SpiGuideSnippetsTest {
  /** The MetadataStore contract, run here on SQLite exactly as the guide shows it. */
  @Nested
  // snippet:spi-store-contract
  class MyStoreContractTest extends MetadataStoreContractTest {
    @TempDir Path dir;

    @Override
    protected MetadataStore newStore() {
      return JdbcStore.sqlite(dir.resolve("vodkit.db"));   // your store here, fresh and empty
    }
  }
  // end:spi-store-contract

  // snippet:spi-transcoder-decorator
  /** Counts transcodes and otherwise leaves the work to the transcoder it wraps. */
  static final class CountingTranscoder implements Transcoder {
    private final Transcoder delegate;
    final AtomicInteger transcodes = new AtomicInteger();

    CountingTranscoder(Transcoder delegate) {
      this.delegate = delegate;
    }

    @Override
    public MediaInfo probe(Path source) {
      return delegate.probe(source);        // typed MediaRejectedException for non-video
    }

    @Override
    public List<PackagedRendition> transcode(TranscodeRequest request, ProgressListener progress) {
      transcodes.incrementAndGet();
      return delegate.transcode(request, progress);   // an interrupt must stop it (cancel, lost lease)
    }

    // Forward the defaulted methods too, or the wrapped transcoder's upload screen, partial
    // success and thumbnails are lost behind the decorator.
    @Override
    public void screen(byte[] firstBytes) {
      delegate.screen(firstBytes);          // refuses text, images, playlists at completeUpload
    }

    @Override
    public TranscodeResult transcodeAllowingPartial(TranscodeRequest request, ProgressListener progress) {
      transcodes.incrementAndGet();
      return delegate.transcodeAllowingPartial(request, progress);
    }

    @Override
    public List<Path> thumbnailFiles(Path source, MediaInfo media, Path outDir) {
      return delegate.thumbnailFiles(source, media, outDir);
    }
  }
  // end:spi-transcoder-decorator

  @TempDir Path tmp;

  @Test
  void aDecoratedTranscoderRunsTheLadder() throws Exception {
    Path clip = TestClip.generate(tmp.resolve("clip.mp4"), 640, 360, 2, 600);
    CountingTranscoder counting = new CountingTranscoder(FfmpegTranscoder.onPath());
    try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(tmp.resolve("data")).transcoder(counting).build()) {
      var up = vodkit.createUpload(NewUpload.of("user_1", "decorated", "video/mp4", Files.size(clip)));
      vodkit.completeUpload(up.videoId(), new DirectUploader(2).uploadParts(up, clip, n -> {}));
      vodkit.publish(up.videoId());
      Video video = vodkit.awaitTerminal(up.videoId(), Duration.ofMinutes(2));
      assertThat(video.status()).isEqualTo(VideoStatus.READY);
      assertThat(vodkit.storage().head(VideoPipeline.videoPrefix(video.id()) + Transcoder.POSTER))
          .as("the poster made by the wrapped transcoder").isPresent();
    }
    assertThat(counting.transcodes.get()).isEqualTo(1);
  }
}
