package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.ErrorCode;
import io.vodkit.Ladder;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import io.vodkit.spi.TranscodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real encodes with the installed ffmpeg, kept small and short. */
class FfmpegTranscoderTest {
  private static final Duration SEGMENT = Duration.ofSeconds(4);

  @TempDir static Path inputs;
  static Path landscape;
  static FfmpegTranscoder transcoder;

  @TempDir Path work;

  @BeforeAll
  static void sources() throws IOException {
    landscape = TestMedia.clip(inputs.resolve("landscape.mp4"), 1280, 720, 30, 6, true);
    transcoder = FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).build();
  }

  @Test
  void ladderOf360pAnd720pWithAudio() throws IOException {
    MediaInfo media = transcoder.probe(landscape);
    List<RungSpec> rungs = Ladder.DEFAULT.plan(media);
    assertThat(rungs).extracting(RungSpec::name).containsExactly("360p", "720p");
    List<Double> fractions = new CopyOnWriteArrayList<>();
    Path out = work.resolve("out");

    List<PackagedRendition> produced =
        transcoder.transcode(new TranscodeRequest(landscape, media, rungs, 128, SEGMENT, out), fractions::add);

    assertThat(produced).extracting(PackagedRendition::name).containsExactly("360p", "720p", "audio");
    assertThat(produced).extracting(PackagedRendition::kind)
        .containsExactly(PackagedRendition.Kind.VIDEO, PackagedRendition.Kind.VIDEO, PackagedRendition.Kind.AUDIO);

    // folders hold exactly init.mp4 + the listed segments: ffmpeg's playlists and init_N names are gone
    for (PackagedRendition r : produced) {
      Path dir = out.resolve(r.name());
      try (Stream<Path> files = Files.list(dir)) {
        List<String> expected = new java.util.ArrayList<>(r.segments().stream().map(Segment::fileName).toList());
        expected.add("init.mp4");
        assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
      }
      assertThat(r.initSegment()).isEqualTo("init.mp4");
      assertThat(r.durationSeconds()).isCloseTo(6.0, within(0.1));
      assertThat(r.bandwidthBps()).isPositive();
      assertThat(r.averageBandwidthBps()).isPositive().isLessThanOrEqualTo(r.bandwidthBps());
      for (Segment s : r.segments()) {
        assertThat(s.sizeBytes()).isEqualTo(Files.size(dir.resolve(s.fileName())));
      }
    }

    PackagedRendition low = produced.get(0);
    PackagedRendition high = produced.get(1);
    PackagedRendition audio = produced.get(2);
    assertThat(low.width()).isEqualTo(640);
    assertThat(low.height()).isEqualTo(360);
    assertThat(high.width()).isEqualTo(1280);
    assertThat(high.height()).isEqualTo(720);
    assertThat(low.frameRate()).isCloseTo(30.0, within(0.01));
    assertThat(high.targetBitrateKbps()).isEqualTo(2500);
    assertThat(high.bandwidthBps()).isGreaterThan(low.bandwidthBps());
    assertThat(low.codecs()).matches("avc1\\.[0-9a-f]{6}").startsWith("avc1.42"); // baseline
    assertThat(high.codecs()).matches("avc1\\.[0-9a-f]{6}").startsWith("avc1.4d"); // main
    assertThat(audio.codecs()).isEqualTo("mp4a.40.2");
    assertThat(audio.audioSampleRate()).isEqualTo(48000);
    assertThat(audio.audioChannels()).isEqualTo(2);
    assertThat(audio.width()).isZero();
    assertThat(audio.targetBitrateKbps()).isEqualTo(128);

    // every video segment but the last is 4.0 s, by ffmpeg's EXTINF and measured with ffprobe
    for (PackagedRendition r : List.of(low, high)) {
      Path dir = out.resolve(r.name());
      assertThat(r.segments()).hasSize(2);
      for (Segment s : r.segments().subList(0, r.segments().size() - 1)) {
        assertThat(s.durationSeconds()).as("%s %s EXTINF", r.name(), s.fileName()).isCloseTo(4.0, within(0.05));
        double measured = TestMedia.segmentSeconds(dir.resolve("init.mp4"), dir.resolve(s.fileName()), work);
        assertThat(measured).as("%s %s measured", r.name(), s.fileName()).isCloseTo(4.0, within(0.05));
      }
      assertThat(r.segments().get(1).durationSeconds()).isCloseTo(2.0, within(0.05));
    }

    // keyframes: exactly one per segment, at segment starts, at the same times in every rung
    List<Double> lowKeys = keyframes(out, low);
    List<Double> highKeys = keyframes(out, high);
    assertThat(lowKeys).hasSize(low.segments().size());
    assertThat(highKeys).hasSize(lowKeys.size());
    for (int i = 0; i < lowKeys.size(); i++) {
      assertThat(highKeys.get(i)).isCloseTo(lowKeys.get(i), within(0.001));
      assertThat(lowKeys.get(i) - lowKeys.get(0)).isCloseTo(4.0 * i, within(0.05));
    }

    // the codecs string agrees with what ffprobe says about the produced stream
    Path firstOf720p = TestMedia.joined(out.resolve("720p"), List.of("seg_00000.m4s"), work.resolve("720p-first.mp4"));
    String[] profileLevel =
        TestMedia.run(List.of(TestMedia.FFPROBE.toString(), "-v", "error", "-show_entries", "stream=profile,level",
                "-of", "csv=p=0", firstOf720p.toString()))
            .trim()
            .split(",");
    assertThat(profileLevel[0]).isEqualTo("Main");
    assertThat(Mp4Codecs.codecs(out.resolve("720p/init.mp4")))
        .isEqualTo(high.codecs())
        .isEqualTo("avc1.4d40" + String.format(Locale.ROOT, "%02x", Integer.parseInt(profileLevel[1])));

    // progress: increasing fractions in 0..1 ending at (about) 1
    assertThat(fractions).isNotEmpty().isSorted().allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
    assertThat(fractions).doesNotHaveDuplicates();
    assertThat(fractions.get(fractions.size() - 1)).isGreaterThan(0.99);
  }

  @Test
  void portraitSourceGetsPortraitRungsAndNoAudioMeansNoAudioRendition() throws IOException {
    Path portrait = TestMedia.clip(work.resolve("portrait.mp4"), 720, 1280, 15, 4, false);
    MediaInfo media = transcoder.probe(portrait);
    assertThat(media.hasAudio()).isFalse();
    List<RungSpec> rungs = Ladder.DEFAULT.plan(media);
    assertThat(rungs).extracting(RungSpec::width, RungSpec::height)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(360, 640), org.assertj.core.groups.Tuple.tuple(720, 1280));

    List<PackagedRendition> produced =
        transcoder.transcode(
            new TranscodeRequest(portrait, media, rungs, 128, Duration.ofSeconds(2), work.resolve("out")), null);

    assertThat(produced).extracting(PackagedRendition::name).containsExactly("360p", "720p");
    assertThat(produced).allSatisfy(r -> assertThat(r.kind()).isEqualTo(PackagedRendition.Kind.VIDEO));
    assertThat(produced.get(0).width()).isEqualTo(360);
    assertThat(produced.get(0).height()).isEqualTo(640);
    assertThat(produced.get(1).width()).isEqualTo(720);
    assertThat(produced.get(1).height()).isEqualTo(1280);
    assertThat(produced.get(0).frameRate()).isCloseTo(15.0, within(0.01));
    assertThat(produced.get(0).segments()).extracting(Segment::durationSeconds)
        .allSatisfy(d -> assertThat(d).isCloseTo(2.0, within(0.05)));
    assertThat(work.resolve("out/audio")).doesNotExist();
  }

  @Test
  void h265RungIsTaggedHvc1() throws IOException {
    Path tiny = TestMedia.clip(work.resolve("tiny.mp4"), 320, 180, 25, 3, true);
    MediaInfo media = transcoder.probe(tiny);
    List<PackagedRendition> produced =
        transcoder.transcode(
            new TranscodeRequest(
                tiny, media, List.of(new RungSpec("144p", 256, 144, "h265", "main", 200)), 64,
                Duration.ofSeconds(2), work.resolve("out")),
            null);
    assertThat(produced).extracting(PackagedRendition::name).containsExactly("144p", "audio");
    PackagedRendition hevc = produced.get(0);
    assertThat(hevc.codecs()).matches("hvc1\\.1\\.6\\.L[0-9]+\\.90");
    assertThat(hevc.width()).isEqualTo(256);
    assertThat(hevc.height()).isEqualTo(144);
    assertThat(hevc.segments()).hasSize(2);
    assertThat(hevc.segments().get(0).durationSeconds()).isCloseTo(2.0, within(0.05));
    String tag =
        TestMedia.run(List.of(TestMedia.FFPROBE.toString(), "-v", "error", "-show_entries", "stream=codec_name,codec_tag_string",
            "-of", "csv=p=0", work.resolve("out/144p/init.mp4").toString()));
    assertThat(tag.trim()).isEqualTo("hevc,hvc1");
    assertThat(keyframes(work.resolve("out"), hevc)).hasSize(2);
  }

  @Test
  void interruptKillsFfmpegAndThrowsCancelled() throws Exception {
    MediaInfo media = transcoder.probe(landscape);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptFlag = new AtomicBoolean();
    Thread worker =
        new Thread(
            () -> {
              try {
                transcoder.transcode(
                    new TranscodeRequest(landscape, media, Ladder.DEFAULT.plan(media), 128, SEGMENT, work.resolve("out")),
                    fraction -> started.countDown());
              } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
              }
            },
            "transcode-under-test");
    worker.start();
    assertThat(started.await(30, TimeUnit.SECONDS)).as("ffmpeg reported progress").isTrue();
    assertThat(ffmpegChildren()).isNotEmpty();
    worker.interrupt();
    worker.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(worker.isAlive()).isFalse();

    assertThat(thrown.get()).isInstanceOf(VodkitException.class);
    assertThat(((VodkitException) thrown.get()).code()).isEqualTo(ErrorCode.CANCELLED);
    assertThat(interruptFlag.get()).as("interrupt flag restored").isTrue();
    assertThat(ffmpegChildren()).isEmpty();
  }

  @Test
  void truncatedFaststartMp4IsRejectedByTheProbeAndByTheEncode() throws IOException {
    Path fast = TestMedia.clip(work.resolve("fast.mp4"), 320, 180, 25, 10, true, "-movflags", "+faststart");
    byte[] whole = Files.readAllBytes(fast);
    Path truncated = work.resolve("truncated.mp4");
    Files.write(truncated, Arrays.copyOf(whole, whole.length * 3 / 10));
    // the index is at the front, so the header looks like a healthy 10 s file; the last packets say otherwise
    MediaRejectedException probed = catchThrowableOfType(MediaRejectedException.class, () -> transcoder.probe(truncated));
    assertThat(probed).isNotNull();
    assertThat(probed.getMessage()).contains("declares 10.0 s of media but its packets end at");
    // given the header's word for it, ffmpeg exits 0 after decoding what is there: the duration check rejects it
    MediaInfo media = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 10, 320, 180, 25, "h264", true, 0, whole.length);
    MediaRejectedException e =
        catchThrowableOfType(
            MediaRejectedException.class,
            () -> transcoder.transcode(
                new TranscodeRequest(truncated, media, Ladder.DEFAULT.plan(media), 64, SEGMENT, work.resolve("out")),
                null));
    assertThat(e).isNotNull();
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("truncated").contains("declares 10.0 s");
  }

  @Test
  void theEncodeAlsoRefusesPlaylistsEvenWithoutAProbe() throws IOException {
    Path evil = Files.writeString(
        work.resolve("evil.mp4"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n" + landscape + "\n#EXT-X-ENDLIST\n");
    MediaInfo pretend = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 10, 1280, 720, 30, "h264", false, 0, 1);
    MediaRejectedException e =
        catchThrowableOfType(
            MediaRejectedException.class,
            () -> transcoder.transcode(
                new TranscodeRequest(
                    evil, pretend, List.of(new RungSpec("360p", 640, 360, "h264", "main", 400)), 64, SEGMENT,
                    work.resolve("out")),
                null));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("Format not on whitelist");
  }

  private static List<Double> keyframes(Path out, PackagedRendition r) throws IOException {
    Path joined = TestMedia.joined(
        out.resolve(r.name()), r.segments().stream().map(Segment::fileName).toList(),
        out.resolve(r.name() + "-joined.mp4"));
    try {
      return TestMedia.keyframeTimes(joined);
    } finally {
      Files.delete(joined);
    }
  }

  private static List<ProcessHandle> ffmpegChildren() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
        .toList();
  }
}
