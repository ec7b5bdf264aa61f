package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.CompletedPart;
import io.vodkit.NewUpload;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.examples.DirectUploader;
import io.vodkit.examples.TestClip;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md's "Embedding it" example, run on the embedded defaults with a real transcode. */
class ReadmeSnippetsTest {
  @TempDir Path tmp;

  @Test
  void theEmbeddingExampleUploadsTranscodesAndPublishes() throws Exception {
    Path file = TestClip.generate(tmp.resolve("eiger.mp4"), 640, 360, 3, 800);
    Path dataDir = tmp.resolve("vodkit-data");
    // snippet:readme-embedded
    try (VideoPipeline vodkit = VideoPipeline.embedded(dataDir)) {
      long size = Files.size(file);
      UploadSession up = vodkit.createUpload(NewUpload.of("user_42", "Eiger north face", "video/mp4", size));

      // Your client PUTs the bytes straight to storage: the whole file to up.uploadUrl(), or each
      // planned part to up.parts().get(i).url(), keeping the ETag each PUT returns. DirectUploader
      // is the reference client.
      List<CompletedPart> etags = new DirectUploader(4).uploadParts(up, file, bytes -> {});

      vodkit.completeUpload(up.videoId(), etags);          // parts verified, assembled atomically
      TranscodeJob job = vodkit.publish(up.videoId());     // returns at once: 202 semantics
      System.out.println(job.id() + " " + vodkit.transcodeStatus(up.videoId()).progressPct() + "%");

      Video video = vodkit.awaitTerminal(up.videoId(), Duration.ofMinutes(10));
      System.out.println(video.status() + " " + vodkit.manifestUrl(video.id()));
    }
    // end:readme-embedded
    try (VideoPipeline reopened = VideoPipeline.embeddedBuilder(dataDir).workers(0).build()) {
      Video ready = reopened.listVideos("user_42", null, 10).videos().get(0);
      URI manifest = reopened.manifestUrl(ready.id());
      assertThat(ready.title()).isEqualTo("Eiger north face");
      assertThat(ready.status()).isEqualTo(VideoStatus.READY);
      assertThat(ready.renditions()).isNotEmpty();
      assertThat(manifest.getScheme()).isEqualTo("http");
      assertThat(manifest.getPath()).endsWith(".m3u8");
    }
  }
}
