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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
  void displaySizeFollowsRotationAndSampleAspectRatio() throws IOException {
    Path rotated = dir.resolve("rotated.mp4");
    TestMedia.ffmpeg("-i", small.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
    MediaInfo info = transcoder.probe(rotated);
    assertThat(info.width()).isEqualTo(180);
    assertThat(info.height()).isEqualTo(320);

    Path anamorphic = dir.resolve("anamorphic.mkv");
    TestMedia.ffmpeg("-i", small.toString(), "-vf", "setsar=4/3", "-c:v", "libx264", "-preset", "ultrafast",
        anamorphic.toString());
    MediaInfo wide = transcoder.probe(anamorphic);
    assertThat(wide.container()).isEqualTo("matroska,webm");
    assertThat(wide.width()).isEqualTo(427);
    assertThat(wide.height()).isEqualTo(180);
  }

  @Test
  void hlsPlaylistNamedMp4IsRejected() throws IOException {
    // the exact file from the threat model: ffmpeg 5.1.9 does not even take it for HLS (no HLS
    // tags after #EXTM3U), the mov demuxer then finds no moov
    Path evil = write("evil.mp4", "#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n");
    assertRejected(evil, "moov atom not found");
    // a playlist the hls demuxer does recognise is refused by the format whitelist
    Path evil2 = write("evil2.mp4", "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");
    assertRejected(evil2, "Format not on whitelist");
    assertRejected(write("evil.m3u8", Files.readString(evil2)), "Format not on whitelist");
  }

  @Test
  void ffconcatListNamedMp4IsRejected() throws IOException {
    Path concat = write("list.mp4", "ffconcat version 1.0\nfile '" + good + "'\nfile /etc/passwd\n");
    assertRejected(concat, "Format not on whitelist");
  }

  @Test
  void textRandomBytesAndEmptyFilesAreRejected() throws IOException {
    assertRejected(write("notes.mp4", "hello, this is not a video\n"), "ffprobe said");
    byte[] noise = new byte[64 * 1024];
    new Random(42).nextBytes(noise);
    Path random = dir.resolve("random.mp4");
    Files.write(random, noise);
    assertRejected(random, "ffprobe said");
    assertRejected(write("empty.mp4", ""), "empty");
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
  void audioOnlyIsRejected() throws IOException {
    Path m4a = dir.resolve("tone.m4a");
    TestMedia.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-c:a", "aac", m4a.toString());
    assertRejected(m4a, "no video stream (streams: audio aac)");
  }

  @Test
  void truncatedMp4WithIndexAtTheEndIsRejected() throws IOException {
    byte[] whole = Files.readAllBytes(good);
    Path truncated = dir.resolve("truncated.mp4");
    Files.write(truncated, Arrays.copyOf(whole, whole.length * 3 / 10));
    assertRejected(truncated, "moov atom not found");
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
    assertThatThrownBy(() -> FfprobeProber.toMediaInfo(result, 100, SourceLimits.DEFAULT))
        .isInstanceOf(MediaRejectedException.class)
        .hasMessageContaining("no duration");
    FFmpegProbeResult oneFrame = result("mov,mp4,m4a,3gp,3g2,mj2", 0.04, video("h264", 1));
    assertThatThrownBy(() -> FfprobeProber.toMediaInfo(oneFrame, 100, SourceLimits.DEFAULT))
        .hasMessageContaining("still image");
    FFmpegProbeResult image2 = result("image2", 0.04, video("png", 0));
    assertThatThrownBy(() -> FfprobeProber.toMediaInfo(image2, 100, SourceLimits.DEFAULT))
        .hasMessageContaining("not an accepted video container");
    FFmpegStream cover = video("mjpeg", 1);
    cover.disposition = new net.bramp.ffmpeg.probe.FFmpegDisposition();
    cover.disposition.attached_pic = true;
    FFmpegProbeResult coverOnly = result("mov,mp4,m4a,3gp,3g2,mj2", 10, cover);
    assertThatThrownBy(() -> FfprobeProber.toMediaInfo(coverOnly, 100, SourceLimits.DEFAULT))
        .hasMessageContaining("no video stream");
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
    return s;
  }
}
