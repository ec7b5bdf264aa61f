package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.TranscodeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FfmpegTranscoder#transcodeAllowingPartial} with a rung whose encoder refuses its
 * settings (an x264 profile that does not exist): the one-decode command fails, each rung is
 * encoded on its own, and only the broken rung is missing.
 */
class PartialTranscodeTest {
  private static final Duration SEGMENT = Duration.ofSeconds(1);
  private static final RungSpec LOW = new RungSpec("180p", 320, 180, "h264", "baseline", 300);
  private static final RungSpec BROKEN = new RungSpec("270p", 480, 270, "h264", "no-such-profile", 500);
  private static final RungSpec HIGH = new RungSpec("360p", 640, 360, "h264", "main", 800);

  @TempDir static Path inputs;
  static Path clip;
  static FfmpegTranscoder transcoder;

  @TempDir Path work;

  @BeforeAll
  static void sources() throws IOException {
    clip = TestMedia.clip(inputs.resolve("clip.mp4"), 640, 360, 30, 3, true);
    transcoder = FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).build();
  }

  @Test
  void theOtherRungsAndTheAudioAreProducedAndTheBrokenRungIsReported() {
    MediaInfo media = transcoder.probe(clip);
    List<Double> fractions = new CopyOnWriteArrayList<>();

    TranscodeResult result =
        transcoder.transcodeAllowingPartial(
            new TranscodeRequest(clip, media, List.of(LOW, BROKEN, HIGH), 96, SEGMENT, work.resolve("out")),
            fractions::add);

    assertThat(result.partial()).isTrue();
    assertThat(result.renditions()).extracting(PackagedRendition::name).containsExactly("180p", "360p", "audio");
    assertThat(result.renditions()).allSatisfy(r -> assertThat(r.durationSeconds()).isCloseTo(3.0, within(0.2)));
    assertThat(result.renditions().get(1).width()).isEqualTo(640);
    assertThat(result.failures()).hasSize(1);
    TranscodeResult.RungFailure failure = result.failures().get(0);
    assertThat(failure.rung()).isEqualTo("270p");
    assertThat(failure.error().code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(failure.describe()).startsWith("configuration: ").contains("Error setting profile no-such-profile");
    assertThat(fractions).as("progress never goes back on the rung-by-rung retry").isSorted();
    assertThat(fractions.get(fractions.size() - 1)).isGreaterThan(0.9);
  }

  @Test
  void theStrictTranscodeStillFailsAsAWhole() {
    MediaInfo media = transcoder.probe(clip);

    assertThatThrownBy(
            () -> transcoder.transcode(
                new TranscodeRequest(clip, media, List.of(LOW, BROKEN), 96, SEGMENT, work.resolve("out")), null))
        .isInstanceOfSatisfying(VodkitException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
          assertThat(e.getMessage()).contains("no-such-profile");
        });
  }

  @Test
  void aCompleteLadderHasNoFailures() {
    MediaInfo media = transcoder.probe(clip);

    TranscodeResult result =
        transcoder.transcodeAllowingPartial(
            new TranscodeRequest(clip, media, List.of(LOW, HIGH), 96, SEGMENT, work.resolve("out")), null);

    assertThat(result.partial()).isFalse();
    assertThat(result.renditions()).extracting(PackagedRendition::name).containsExactly("180p", "360p", "audio");
  }

  @Test
  void whenEveryRungFailsTheLadderErrorIsThrown() {
    MediaInfo media = transcoder.probe(clip);
    RungSpec alsoBroken = new RungSpec("180p", 320, 180, "h264", "no-such-profile", 300);

    assertThatThrownBy(
            () -> transcoder.transcodeAllowingPartial(
                new TranscodeRequest(clip, media, List.of(alsoBroken, BROKEN), 96, SEGMENT, work.resolve("out")), null))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
  }

  @Test
  void aRenditionMuchShorterThanTheOthersFailsAloneAndFailuresAreInRungOrder() {
    MediaInfo media = new MediaInfo("mov", 3.0, 640, 360, 30, "h264", true, 1_000_000, 1000);
    TranscodeRequest request =
        new TranscodeRequest(clip, media, List.of(LOW, BROKEN, HIGH), 96, SEGMENT, work.resolve("out"));
    VodkitException brokenError = VodkitException.transcode("encoder said no", true, null);

    TranscodeResult result =
        FfmpegTranscoder.assemble(
            request, List.of(rendition("180p", 3.0), rendition("360p", 0.5)), List.of(audio(3.0)),
            List.of(new TranscodeResult.RungFailure("270p", brokenError)), null, null);

    assertThat(result.renditions()).extracting(PackagedRendition::name).containsExactly("180p", "audio");
    assertThat(result.failures()).extracting(TranscodeResult.RungFailure::rung).containsExactly("270p", "360p");
    assertThat(result.failures().get(1).describe())
        .isEqualTo("transcode_failed: rendition 360p holds 0.5 s of the 3.0 s the others hold");
  }

  @Test
  void withNoRenditionLeftTheLadderErrorIsThrown() {
    MediaInfo media = new MediaInfo("mov", 3.0, 640, 360, 30, "h264", false, 1_000_000, 1000);
    TranscodeRequest request = new TranscodeRequest(clip, media, List.of(LOW, BROKEN), 96, SEGMENT, work.resolve("out"));
    VodkitException ladderError = VodkitException.configuration("unknown encoder 'libx265'");
    List<TranscodeResult.RungFailure> failures = List.of(
        new TranscodeResult.RungFailure("180p", VodkitException.transcode("a", true, null)),
        new TranscodeResult.RungFailure("270p", VodkitException.transcode("b", true, null)));

    assertThatThrownBy(() -> FfmpegTranscoder.assemble(request, List.of(), List.of(), failures, null, ladderError))
        .isSameAs(ladderError);
    assertThatThrownBy(() -> FfmpegTranscoder.assemble(request, List.of(), List.of(), failures, null, null))
        .isSameAs(failures.get(0).error());
  }

  private static PackagedRendition rendition(String name, double seconds) {
    return new PackagedRendition(name, PackagedRendition.Kind.VIDEO, 320, 180, 30, "avc1.42c00d", 300, 1, 1, 0, 0,
        "init.mp4", List.of(new Segment("seg_00000.m4s", seconds, 1000)));
  }

  private static PackagedRendition audio(double seconds) {
    return new PackagedRendition("audio", PackagedRendition.Kind.AUDIO, 0, 0, 0, "mp4a.40.2", 96, 1, 1, 48000, 2,
        "init.mp4", List.of(new Segment("seg_00000.m4s", seconds, 1000)));
  }
}
