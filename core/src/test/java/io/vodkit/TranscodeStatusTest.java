package io.vodkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodeStatusTest {
  private static final Instant T0 = Instant.parse("2026-06-20T17:00:00Z");

  @Test
  void aRunningJobReportsPassesCurrentPassAndEtaFromMeasuredSpeed() {
    TranscodeJob job =
        new TranscodeJob(
            "tjob_x", "vid_x", JobStatus.PROCESSING,
            List.of(
                new RenditionProgress("360p", RenditionState.DONE, 100, null),
                new RenditionProgress("720p", RenditionState.DONE, 100, null),
                new RenditionProgress("1080p", RenditionState.PROCESSING, 40, null),
                new RenditionProgress("4K", RenditionState.PENDING, 8, null)),
            1, 3, "w1", T0.plusSeconds(600), T0, T0, null, null, null, null, null);
    TranscodeStatus s = TranscodeStatus.of(job, T0.plusSeconds(62));
    assertThat(s.status()).isEqualTo("transcoding");
    assertThat(s.progressPct()).isEqualTo(62);
    assertThat(s.currentPass()).isEqualTo("1080p");
    assertThat(s.passesDone()).isEqualTo(2);
    assertThat(s.passesTotal()).isEqualTo(4);
    assertThat(s.etaSeconds()).isEqualTo(38L); // 62 s for 62 %, so 38 s for the rest
  }

  @Test
  void aCompleteJobIs100PercentWithoutEta() {
    TranscodeJob job =
        new TranscodeJob(
            "tjob_x", "vid_x", JobStatus.COMPLETE,
            List.of(new RenditionProgress("360p", RenditionState.DONE, 100, null)),
            1, 3, null, null, T0, T0, T0.plusSeconds(60), null, null, null, null);
    TranscodeStatus s = TranscodeStatus.of(job, T0.plusSeconds(90));
    assertThat(s.status()).isEqualTo("complete");
    assertThat(s.progressPct()).isEqualTo(100);
    assertThat(s.etaSeconds()).isNull();
    assertThat(s.currentPass()).isNull();
    assertThat(s.completedAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void skippedRungsAreNeitherPassesNorPartOfThePercentage() {
    TranscodeJob job =
        new TranscodeJob(
            "tjob_x", "vid_x", JobStatus.PROCESSING,
            List.of(
                new RenditionProgress("360p", RenditionState.DONE, 100, null),
                new RenditionProgress("720p", RenditionState.PROCESSING, 50, null),
                RenditionProgress.skipped("1080p", "would_upscale: source is 720p"),
                RenditionProgress.skipped("4K", "would_upscale: source is 720p")),
            1, 3, "w1", T0.plusSeconds(600), T0, T0, null, null, null, null, null);
    TranscodeStatus s = TranscodeStatus.of(job, T0.plusSeconds(75));
    assertThat(s.progressPct()).isEqualTo(75);
    assertThat(s.passesDone()).isEqualTo(1);
    assertThat(s.passesTotal()).isEqualTo(2);
    assertThat(s.currentPass()).isEqualTo("720p");
  }
}
