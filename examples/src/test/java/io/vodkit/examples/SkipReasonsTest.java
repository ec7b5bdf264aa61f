package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.JobStatus;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ladder rungs the planner leaves out are in the job record (stored and read back through SQLite)
 * as {@code skipped} with the reason: the per-title cap and never-upscale. And the finished job
 * teaches the completion model.
 */
class SkipReasonsTest {
  @TempDir Path tmp;

  private static double secondsEstimated(TranscodeJob job) {
    return Duration.between(job.createdAt(), job.estimatedCompletionAt()).toMillis() / 1000.0;
  }

  @Test
  void aLowBitrate720pSourceGetsOneCappedRungAndEveryOtherRungIsSkippedWithItsReason() throws Exception {
    // ~200 kbps of video: the 720p rung is capped near 1.5x that, below what 360p would need
    Path clip = TestClip.generate(tmp.resolve("low.mp4"), 1280, 720, 4, 200);
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data")).workers(1).pollInterval(Duration.ofMillis(50)).build()) {
      String videoId = Uploads.uploadAndComplete(vodkit, clip);
      vodkit.publish(videoId);
      Video video = vodkit.awaitTerminal(videoId, Duration.ofMinutes(3));

      assertThat(video.status()).isEqualTo(VideoStatus.READY);
      assertThat(video.renditions()).extracting(Rendition::quality).containsExactly("720p");
      assertThat(video.renditions().get(0).bitrateKbps()).isBetween(100, 600);
      TranscodeJob job = vodkit.job(videoId);
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
      assertThat(job.renditions()).extracting(RenditionProgress::quality).containsExactly("720p", "360p", "1080p", "4K");
      assertThat(job.renditions()).extracting(RenditionProgress::state)
          .containsExactly(RenditionState.DONE, RenditionState.SKIPPED, RenditionState.SKIPPED, RenditionState.SKIPPED);
      assertThat(job.renditions().get(1).error())
          .startsWith("no_bitrate_gain: needs 400 kbps; the 720p rung already gets");
      assertThat(job.renditions().get(2).error()).startsWith("would_upscale: ");
      assertThat(job.renditions().get(3).error()).startsWith("would_upscale: ");
      assertThat(vodkit.transcodeStatus(videoId).progressPct()).isEqualTo(100);

      // estimated_completion_at: the first publish had only the prior (30 s + 0.5 s/MB); the model
      // has now seen one job of a few seconds on the same source size
      assertThat(secondsEstimated(job)).isCloseTo(30 + 0.5 * Files.size(clip) / 1e6, within(0.01));
      String again = Uploads.uploadAndComplete(vodkit, clip);
      assertThat(secondsEstimated(vodkit.publish(again))).isLessThan(25);
    }
  }
}
