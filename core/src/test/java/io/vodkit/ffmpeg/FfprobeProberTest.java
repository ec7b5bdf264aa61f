package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import net.bramp.ffmpeg.probe.FFmpegFormat;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;
import org.apache.commons.lang3.math.Fraction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probing with the real ffprobe: what is accepted, what is rejected and why. */
class FfprobeProberTest {
  @TempDir static Path dir;
  static Path good;
  static Path small;
  static FfmpegTranscoder transcoder;

  @BeforeAll
  static void inputs() throws IOException {
    good = TestMedia.clip(dir.resolve("good.mp4"), 1280, 720, 30, 6, true);
    small = TestMedia.clip(dir.resolve("small.mp4"), 320, 180, 25, 2, false);
    transcoder = FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).build();
  }

  @Test
  void probesAGoodMp4() throws IOException {
    MediaInfo info = transcoder.probe(good);
    assertThat(info.container()).isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");
    assertThat(info.durationSeconds()).isCloseTo(6.0, within(0.1));
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.frameRate()).isCloseTo(30.0, within(0.01));
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.bitrateBps()).isPositive();
    assertThat(info.sizeBytes()).isEqualTo(Files.size(good));
    assertThat(transcoder.probe(small).hasAudio()).isFalse();
  }

  @Test
  void aBarePlaylistNamedMp4IsNotEvenTakenForHls() throws IOException {
    // the exact file from the threat model: ffmpeg 5.1 does not take it for HLS (no HLS tags
    // after #EXTM3U), the mov demuxer then finds no moov; playlists the hls demuxer does
    // recognise are in MediaCorpusTest
    Path evil = write("evil.mp4", "#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n");
    assertRejected(evil, "moov atom not found");
  }

  @Test
  void imagesAreRejected() throws IOException {
    Path png = dir.resolve("picture.png");
    TestMedia.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180", "-frames:v", "1", png.toString());
    assertRejected(png, "Format not on whitelist"); // png_pipe
    Path pngInMp4 = dir.resolve("picture.mp4");
    TestMedia.ffmpeg("-i", png.toString(), "-c:v", "png", pngInMp4.toString());
    assertRejected(pngInMp4, "still image");
    Path jpegInAvi = dir.resolve("picture.avi");
    TestMedia.ffmpeg("-i", png.toString(), "-c:v", "mjpeg", jpegInAvi.toString());
    assertRejected(jpegInAvi, "still image");
  }

  @Test
  void largerFilesThanTheLimitAreRejectedBeforeFfprobeRuns() {
    FfmpegTranscoder tiny =
        FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).maxSizeBytes(1000).build();
    assertRejected(tiny, good, "larger than the limit of 1000");
  }

  @Test
  void limitsAreEnforced() {
    FfmpegTranscoder narrow =
        FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).maxWidth(640).build();
    assertRejected(narrow, good, "larger than the limit");
    FfmpegTranscoder fewPixels =
        FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).maxPixels(320 * 180).build();
    assertRejected(fewPixels, good, "larger than the limit");
    assertThat(fewPixels.probe(small).width()).isEqualTo(320);
    FfmpegTranscoder brief =
        FfmpegTranscoder.builder()
            .ffmpegPath(TestMedia.FFMPEG)
            .ffprobePath(TestMedia.FFPROBE)
            .maxDuration(Duration.ofSeconds(5))
            .build();
    assertRejected(brief, good, "longer than the limit");
  }

  @Test
  void zeroDurationAndSingleFramesAreRejectedByTheRules() {
    FFmpegProbeResult result = result("mov,mp4,m4a,3gp,3g2,mj2", 0, video("h264", 0));
    assertThatThrownBy(() -> ProbeRules.accept(result, 100, SourceLimits.DEFAULT))
        .isInstanceOf(MediaRejectedException.class)
        .hasMessageContaining("no duration");
    FFmpegProbeResult oneFrame = result("mov,mp4,m4a,3gp,3g2,mj2", 0.04, video("h264", 1));
    assertThatThrownBy(() -> ProbeRules.accept(oneFrame, 100, SourceLimits.DEFAULT))
        .hasMessageContaining("still image");
    FFmpegProbeResult image2 = result("image2", 0.04, video("png", 0));
    assertThatThrownBy(() -> ProbeRules.accept(image2, 100, SourceLimits.DEFAULT))
        .hasMessageContaining("not an accepted video container");
    FFmpegStream cover = video("mjpeg", 1);
    cover.disposition = new net.bramp.ffmpeg.probe.FFmpegDisposition();
    cover.disposition.attached_pic = true;
    FFmpegProbeResult coverOnly = result("mov,mp4,m4a,3gp,3g2,mj2", 10, cover);
    assertThatThrownBy(() -> ProbeRules.accept(coverOnly, 100, SourceLimits.DEFAULT))
        .hasMessageContaining("no video stream");
  }

  @Test
  void aStreamFfprobeCouldNotDecodeOrSizeIsRejectedByTheRules() {
    FFmpegStream undecodable = video("h264", 50);
    undecodable.pix_fmt = null;
    assertThatThrownBy(() -> ProbeRules.accept(result("mov,mp4,m4a,3gp,3g2,mj2", 2, undecodable), 100, SourceLimits.DEFAULT))
        .hasMessageContaining("no picture could be decoded");
    FFmpegStream unsized = video("png", 0);
    unsized.width = 0;
    unsized.height = 0;
    assertThatThrownBy(() -> ProbeRules.accept(result("matroska,webm", 2, unsized), 100, SourceLimits.DEFAULT))
        .hasMessageContaining("no usable picture size (png)")
        .hasMessageContaining("decoder limit of 67108864 pixels");
  }

  @Test
  void hdrFactsAreKeptAndHostileColourNamesAreDropped() {
    FFmpegStream hdr = video("hevc", 50);
    hdr.pix_fmt = "yuv420p10le";
    hdr.color_transfer = "smpte2084";
    hdr.color_primaries = "bt2020";
    hdr.color_space = "bt2020nc";
    ProbedSource probed = ProbeRules.accept(result("mov,mp4,m4a,3gp,3g2,mj2", 2, hdr), 100, SourceLimits.DEFAULT);
    assertThat(probed.facts()).isEqualTo(new VideoFacts("yuv420p10le", 10, "smpte2084", "bt2020", "bt2020nc"));
    assertThat(probed.facts().hdr()).isTrue();
    hdr.color_transfer = "smpte2084,scale=1:1[x];movie=/etc/passwd";
    assertThat(ProbeRules.accept(result("mov,mp4,m4a,3gp,3g2,mj2", 2, hdr), 100, SourceLimits.DEFAULT).facts().transfer())
        .isEmpty();
  }

  @Test
  void ffprobeIsKilledAfterTheTimeout() throws IOException {
    Path fake = dir.resolve("slow-ffprobe");
    Files.writeString(
        fake, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo 'ffprobe version fake'; exit 0; fi\nsleep 60\n",
        StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    FfmpegTranscoder slow =
        FfmpegTranscoder.builder()
            .ffmpegPath(TestMedia.FFMPEG)
            .ffprobePath(fake)
            .probeTimeout(Duration.ofMillis(500))
            .build();
    long start = System.nanoTime();
    VodkitException e = catchThrowableOfType(VodkitException.class, () -> slow.probe(good));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.TRANSCODE_FAILED);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("did not finish within 500 ms");
    assertThat(millis).isLessThan(10_000);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(p -> p.info().command().orElse("")))
        .noneMatch(c -> c.contains("sleep") || c.contains("slow-ffprobe"));
  }

  @Test
  void anFfprobeCrashingOnTheFileRejectsItButOneKilledFromOutsideIsRetried() throws IOException {
    VodkitException crashed = catchThrowableOfType(VodkitException.class, () -> fakeFfprobe("SEGV").probe(good));
    assertThat(crashed).isInstanceOf(MediaRejectedException.class);
    assertThat(crashed.getMessage()).contains("ffprobe crashed reading the file (signal 11)");
    VodkitException killed = catchThrowableOfType(VodkitException.class, () -> fakeFfprobe("KILL").probe(good));
    assertThat(killed).isNotInstanceOf(MediaRejectedException.class);
    assertThat(killed.code()).isEqualTo(ErrorCode.TRANSCODE_FAILED);
    assertThat(killed.isRetryable()).isTrue();
    assertThat(killed.getMessage()).contains("signal 9");
  }

  /** A transcoder whose ffprobe answers -version, then dies from {@code signal}. */
  private static FfmpegTranscoder fakeFfprobe(String signal) throws IOException {
    Path fake = dir.resolve("ffprobe-" + signal);
    Files.writeString(
        fake, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo 'ffprobe version fake'; exit 0; fi\nkill -" + signal + " $$\n",
        StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    return FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(fake).build();
  }

  @Test
  void missingOrWrongBinariesAreConfigurationErrors() throws IOException {
    VodkitException missing =
        catchThrowableOfType(VodkitException.class, () -> FfmpegTranscoder.builder().searchPath("/nonexistent").build());
    assertThat(missing.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(missing.getMessage()).contains("ffmpeg was not found on PATH").contains("package 'ffmpeg'");
    assertThat(FfmpegTranscoder.builder().searchPath("/nonexistent:/usr/bin").build()).isNotNull();

    VodkitException notExecutable =
        catchThrowableOfType(VodkitException.class, () -> FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(good).build());
    assertThat(notExecutable.code()).isEqualTo(ErrorCode.CONFIGURATION);

    FfmpegTranscoder wrong =
        FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(Path.of("/bin/true")).build();
    VodkitException notFfprobe = catchThrowableOfType(VodkitException.class, () -> wrong.probe(good));
    assertThat(notFfprobe.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(notFfprobe.getMessage()).contains("is not ffprobe");
  }

  // --- helpers ---

  private static Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static void assertRejected(Path file, String reason) {
    assertRejected(transcoder, file, reason);
  }

  private static void assertRejected(FfmpegTranscoder t, Path file, String reason) {
    MediaRejectedException e = catchThrowableOfType(MediaRejectedException.class, () -> t.probe(file));
    assertThat(e).as("probe of %s should be rejected", file.getFileName()).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_REJECTED);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains(reason);
  }

  private static FFmpegProbeResult result(String formatName, double duration, FFmpegStream... streams) {
    FFmpegProbeResult r = new FFmpegProbeResult();
    r.format = new FFmpegFormat();
    r.format.format_name = formatName;
    r.format.duration = duration;
    r.streams = List.of(streams);
    return r;
  }

  private static FFmpegStream video(String codec, long frames) {
    FFmpegStream s = new FFmpegStream();
    s.codec_type = CodecType.VIDEO;
    s.codec_name = codec;
    s.width = 640;
    s.height = 360;
    s.nb_frames = frames;
    s.avg_frame_rate = Fraction.getFraction(25, 1);
    s.pix_fmt = "yuv420p";
    return s;
  }
}
