package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.Ladder;
import io.vodkit.PipelineEvent;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial success with the real ffmpeg: one rung's encoder refuses its settings (an x264 profile
 * that does not exist, deterministic on every machine), the other rungs still publish, and the job
 * and video are {@code partial} with the failure recorded on the rendition.
 */
class PartialLadderTest {
  @TempDir static Path shared;
  static Path clip;

  @TempDir Path tmp;

  @BeforeAll
  static void makeClip() {
    clip = TestClip.generate(shared.resolve("clip720.mp4"), 1280, 720, 4, 2000);
  }

  @Test
  void aRungWhoseEncoderFailsLeavesTheOtherRungsPublishedAndTheVideoPartial() throws Exception {
    Ladder broken720 = Ladder.DEFAULT.withRung(new Ladder.Rung("720p", 720, "h264", "no-such-profile", 2500));
    List<PipelineEvent> events = new CopyOnWriteArrayList<>();
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .ladder(broken720)
            .workers(1)
            .pollInterval(Duration.ofMillis(50))
            .listener(events::add)
            .build()) {
      String videoId = Uploads.uploadAndComplete(vodkit, clip);
      vodkit.publish(videoId);
      Video video = vodkit.awaitTerminal(videoId, Duration.ofMinutes(3));

      assertThat(video.status()).isEqualTo(VideoStatus.PARTIAL);
      assertThat(video.renditions()).extracting(Rendition::quality).containsExactly("360p");
      assertThat(video.failureMessage()).contains("720p failed").contains("no-such-profile");
      TranscodeJob job = vodkit.job(videoId);
      assertThat(job.status()).isEqualTo(JobStatus.PARTIAL);
      assertThat(job.attempt()).as("a partial outcome is final, not retried").isEqualTo(1);
      assertThat(job.completedAt()).isNotNull();
      RenditionProgress r360 = rendition(job, "360p");
      assertThat(r360.state()).isEqualTo(RenditionState.DONE);
      assertThat(r360.error()).isNull();
      RenditionProgress r720 = rendition(job, "720p");
      assertThat(r720.state()).isEqualTo(RenditionState.FAILED);
      assertThat(r720.error()).startsWith("configuration: ").contains("Error setting profile no-such-profile");
      assertThat(job.renditions()).extracting(RenditionProgress::quality).containsExactly("360p", "720p", "1080p", "4K");
      assertThat(job.renditions().subList(2, 4)).allSatisfy(r -> {
        assertThat(r.state()).isEqualTo(RenditionState.SKIPPED);
        assertThat(r.error()).startsWith("would_upscale: the source is 1280x720");
      });

      String prefix = VideoPipeline.videoPrefix(videoId);
      String master = read(vodkit, prefix + "manifest.m3u8");
      assertThat(master).contains("360p/").doesNotContain("720p");
      assertThat(read(vodkit, prefix + "manifest.mpd")).contains("id=\"360p\"").doesNotContain("720p");
      assertThat(vodkit.storage().list(prefix + "360p/")).isNotEmpty();
      assertThat(vodkit.storage().list(prefix + "audio/")).isNotEmpty();
      assertThat(vodkit.storage().list(prefix + "720p/")).as("nothing of the failed rung is published").isEmpty();
      assertThat(events).extracting(PipelineEvent::type).contains(PipelineEvent.Type.VIDEO_PARTIAL)
          .doesNotContain(PipelineEvent.Type.VIDEO_READY, PipelineEvent.Type.VIDEO_FAILED);
    }
  }

  @Test
  void whenNoRungCanBeProducedTheVideoFails() throws Exception {
    Ladder allBroken =
        new Ladder(List.of(
            new Ladder.Rung("360p", 360, "h264", "no-such-profile", 400),
            new Ladder.Rung("720p", 720, "h264", "no-such-profile", 2500)));
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .ladder(allBroken)
            .workers(1)
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      String videoId = Uploads.uploadAndComplete(vodkit, clip);
      vodkit.publish(videoId);
      Video video = vodkit.awaitTerminal(videoId, Duration.ofMinutes(3));

      assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
      assertThat(video.failureCode()).isEqualTo("configuration");
      TranscodeJob job = vodkit.job(videoId);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.renditions()).filteredOn(r -> r.quality().equals("360p") || r.quality().equals("720p"))
          .extracting(RenditionProgress::state).containsOnly(RenditionState.FAILED);
      assertThat(vodkit.storage().list(VideoPipeline.videoPrefix(videoId))).isEmpty();
    }
  }

  private static RenditionProgress rendition(TranscodeJob job, String quality) {
    return job.renditions().stream().filter(r -> r.quality().equals(quality)).findFirst()
        .orElseThrow(() -> new AssertionError(quality + " not in " + job.renditions()));
  }

  private static String read(VideoPipeline vodkit, String key) throws Exception {
    try (InputStream in = vodkit.storage().open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
