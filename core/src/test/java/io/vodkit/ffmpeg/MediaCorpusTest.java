package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.ErrorCode;
import io.vodkit.Ladder;
import io.vodkit.LadderPlan;
import io.vodkit.MediaRejectedException;
import io.vodkit.ffmpeg.ClipBatch.Clip;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.Transcoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A corpus of generated odd and hostile inputs (tiny: 64–320 px, 1–4 s, except two frames of 4K
 * and of static 1080p), each with its expected outcome: accepted with the planned rungs (and,
 * where the case is about the encode, encoded and checked), or rejected as media with a reason.
 *
 * <p>Files that reference other files (playlists, concat lists, DASH manifests, SDP, image
 * sequences, MP4 external data references) point at three canaries: {@code /etc/passwd}, a real
 * video ({@code victim.mp4}, which the hls or concat demuxer would happily read, so following the
 * reference would even make the probe succeed) and a FIFO, whose opening for reading blocks until
 * a writer comes: none does, so a followed reference turns into a probe timeout instead of the
 * expected rejection even where strace cannot run. Where strace can run (checked, not assumed),
 * they are probed (the first also transcoded and thumbnailed) under {@code strace -f -e
 * trace=open,openat,openat2}, and the test asserts that no process tried to open any file of the
 * corpus but the input itself, nor {@code /etc/passwd}.
 *
 * <p>Speed: plain inputs come from two batched ffmpeg runs started in the background, the other
 * inputs are made alongside, untraced cases are probed (and encoded) two at a time in the
 * background while the test method asserts on the outcomes in order, and all traced runs share
 * one traced transcoder and run in the test method, one at a time.
 */
class MediaCorpusTest {
  private static final Logger log = LoggerFactory.getLogger(MediaCorpusTest.class);
  private static final Duration SEGMENT = Duration.ofSeconds(2);
  private static final MediaInfo PRETEND =
      new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 2, 320, 180, 25, "h264", false, 0, 1);

  @TempDir static Path tmp;
  private static Path root;
  private static Path clips;
  private static Path fifo;
  private static Path traces;
  private static FfmpegTranscoder transcoder;
  private static FfmpegTranscoder traced;
  private static ExecutorService makers;
  private static CompletableFuture<Void> clipsMade;
  private static final Map<String, CompletableFuture<Path>> inputs = new ConcurrentHashMap<>();
  private static final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();

  @BeforeAll
  static void makeTheCorpus() throws IOException {
    root = Files.createDirectories(tmp.resolve("corpus"));
    clips = Files.createDirectories(root.resolve("clips"));
    fifo = root.resolve("canary.fifo");
    TestMedia.run(List.of("mkfifo", fifo.toString()));
    transcoder = builder().build();
    traces = Files.createDirectories(tmp.resolve("traces"));
    traced = OpenTracer.available() ? builder().commandPrefix(OpenTracer.prefix(traces)).build() : null;
    makers = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "corpus-maker");
      t.setDaemon(true);
      return t;
    });
    List<Clip> even = new ArrayList<>();
    List<Clip> odd = new ArrayList<>();
    for (int i = 0; i < CLIPS.size(); i++) {
      (i % 2 == 0 ? even : odd).add(CLIPS.get(i));
    }
    clipsMade = CompletableFuture.allOf(
        CompletableFuture.runAsync(() -> batch(even), makers), CompletableFuture.runAsync(() -> batch(odd), makers));
    corpus().forEach(c -> {
      CompletableFuture<Path> input = CompletableFuture.supplyAsync(() -> make(c), makers);
      inputs.put(c.name(), input);
      if (!(c.expect() instanceof Rejected r) || r.calls() == Calls.PROBE) {
        outcomes.put(c.name(), input.thenApplyAsync(in -> outcome(c, in), makers));
      }
    });
  }

  /**
   * What the transcoder did with one input: probed (and, for {@link Encoded}, planned and
   * encoded), or the exception it threw. Computed in the background, two at a time (ffprobe is
   * single-threaded); the test method asserts on it.
   */
  record Outcome(MediaInfo media, List<PackagedRendition> produced, Path out, RuntimeException error) {}

  private static Outcome outcome(Case c, Path input) {
    try {
      MediaInfo media = transcoder.probe(input);
      if (!(c.expect() instanceof Encoded)) {
        return new Outcome(media, List.of(), input.getParent(), null);
      }
      Path out = Files.createTempDirectory(Files.createDirectories(tmp.resolve("out")), "case");
      List<PackagedRendition> produced =
          transcoder.transcode(new TranscodeRequest(input, media, Ladder.DEFAULT.plan(media), 64, SEGMENT, out), null);
      return new Outcome(media, produced, out, null);
    } catch (RuntimeException e) {
      return new Outcome(null, List.of(), null, e);
    } catch (IOException e) {
      return new Outcome(null, List.of(), null, new UncheckedIOException(e));
    }
  }

  @AfterAll
  static void stopMaking() {
    makers.shutdownNow();
  }

  private static FfmpegTranscoder.Builder builder() {
    return FfmpegTranscoder.builder()
        .ffmpegPath(TestMedia.FFMPEG)
        .ffprobePath(TestMedia.FFPROBE)
        .probeTimeout(Duration.ofSeconds(10))
        .x264Preset("ultrafast");
  }

  private static void batch(List<Clip> list) {
    try {
      ClipBatch.make(clips, list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain input, once the batches are done. */
  private static Path clip(String name) {
    clipsMade.join();
    return clips.resolve(name);
  }

  private static Path make(Case c) {
    try {
      return c.maker().make(Files.createDirectories(root.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-"))));
    } catch (IOException e) {
      throw new UncheckedIOException("making " + c.name(), e);
    }
  }

  /** Makes one input in its own folder (or returns a plain one). */
  @FunctionalInterface
  interface Maker {
    Path make(Path dir) throws IOException;
  }

  /** Checks on an accepted input, after probing (and encoding, for {@link Encoded}). */
  @FunctionalInterface
  interface Check {
    void verify(MediaInfo media, List<PackagedRendition> produced, Path out) throws IOException;
  }

  /** One corpus entry. */
  record Case(String name, Maker maker, Expect expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  sealed interface Expect permits Accepted, Encoded, Rejected {}

  /** Accepted; the planned rungs as {@code name WxH}; {@code check} sees no encode. */
  record Accepted(List<String> rungs, Check check) implements Expect {}

  /** Accepted with these rungs, then encoded and checked. */
  record Encoded(List<String> rungs, Check check) implements Expect {}

  /** How a rejected input is exercised. */
  enum Calls {
    /** probe. */
    PROBE,
    /** probe under strace. */
    TRACED_PROBE,
    /** probe, transcode and thumbnails, under strace. */
    TRACED_EVERY_CALL
  }

  /** Rejected as media with {@code reason} in the message. */
  record Rejected(String reason, Calls calls) implements Expect {}

  /** Plain generated inputs, made by two ffmpeg runs in the background. */
  static final List<Clip> CLIPS =
      List.of(
          Clip.of("aac-320x180.mp4", 320, 180, 25, 1, true),
          Clip.of("360p.mp4", 640, 360, 25, 1, false),
          Clip.of("portrait.mp4", 180, 320, 25, 1, false),
          Clip.of("square.mp4", 200, 200, 25, 1, false),
          Clip.of("tiny.mp4", 64, 36, 25, 1, false),
          Clip.of("120fps.mp4", 160, 90, 120, 1, false),
          Clip.of("odd.mp4", 321, 241, 25, 1, false, "-pix_fmt", "yuv444p"),
          Clip.of("ts.ts", 320, 180, 25, 1, true),
          Clip.of("silent.mp4", 160, 90, 25, 2, false),
          Clip.of("10bit.mp4", 320, 180, 25, 1, false, "-pix_fmt", "yuv420p10le"),
          Clip.of("one-frame.mp4", 160, 90, 25, 0.04, false),
          Clip.of("rotate-me.mp4", 320, 180, 25, 1, false),
          Clip.of("dref-me.mp4", 160, 90, 25, 2, false),
          Clip.of("whole.mp4", 320, 180, 25, 3, true),
          Clip.of("whole-faststart.mp4", 320, 180, 25, 4, true, "-movflags", "+faststart"),
          Clip.of("short.mp4", 160, 90, 25, 2, true),
          Clip.of("short.mkv", 160, 90, 25, 2, true),
          Clip.of("anamorphic.mkv", 240, 180, 25, 1, false, "-vf", "setsar=4/3"),
          // 30 fps for the first second, then every third frame (10 fps): 60 frames over 3.93 s
          Clip.of("vfr.mp4", 320, 180, 30, 4, false, "-vf", "select='lt(n\\,30)+not(mod(n\\,3))'", "-fps_mode", "vfr"),
          Clip.of("hdr10.mp4", 320, 180, 25, 1, false,
              "-pix_fmt", "yuv420p10le", "-c:v", "libx265",
              "-x265-params", "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc",
              "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-tag:v", "hvc1"),
          new Clip("vp9.webm", "testsrc2=size=160x90:rate=25:duration=1", "sine=duration=1",
              List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-c:a", "libopus")),
          // two lossless frames: plenty of bitrate, so the per-title cap keeps every rung
          Clip.of("uhd.mp4", 3840, 2160, 2, 1, false, "-qp", "0"),
          new Clip("starved.mp4", "color=c=gray:size=1920x1080:rate=5:duration=2", null, ClipBatch.X264),
          new Clip("tone.m4a", null, "sine=frequency=440:duration=1", List.of("-c:a", "aac")),
          Clip.of("victim.mp4", 160, 90, 25, 2, false));

  static Stream<Case> corpus() {
    return Stream.of(
        // --- accepted, probe and plan only
        new Case("h264 + aac 320x180 mp4", d -> clip("aac-320x180.mp4"), accepted("180p 320x180")),
        new Case("exactly 360p", d -> clip("360p.mp4"), accepted("360p 640x360")),
        new Case("portrait 180x320", d -> clip("portrait.mp4"), accepted("180p 180x320")),
        new Case("square 200x200", d -> clip("square.mp4"), accepted("200p 200x200")),
        new Case("tiny 64x36", d -> clip("tiny.mp4"), accepted("36p 64x36")),
        new Case("webm vp9 + opus", d -> clip("vp9.webm"), accepted("90p 160x90")),
        new Case("mpeg-ts", d -> clip("ts.ts"), accepted("180p 320x180")),
        // (FfmpegTranscoderTest encodes a silent source and checks there is no audio rendition)
        new Case("no audio track", d -> clip("silent.mp4"),
            new Accepted(List.of("90p 160x90"), (m, p, o) -> assertThat(m.hasAudio()).isFalse())),
        new Case("120 fps is encoded at 60", d -> clip("120fps.mp4"),
            new Accepted(List.of("90p 160x90"), (m, p, o) -> {
              assertThat(m.frameRate()).isCloseTo(120, within(0.5));
              assertThat(OutputFrameRate.forSource(m.frameRate()).value()).isEqualTo(60);
            })),
        new Case("4K gets the H.265 rung of the spec table", d -> clip("uhd.mp4"),
            new Accepted(List.of("360p 640x360", "720p 1280x720", "1080p 1920x1080", "4K 3840x2160"), (m, p, o) ->
                assertThat(Ladder.DEFAULT.plan(m)).extracting(RungSpec::codec).containsExactly("h264", "h264", "h264", "h265"))),
        new Case("starved 1080p keeps only its top rung", d -> clip("starved.mp4"),
            new Accepted(List.of("1080p 1920x1080"), (m, p, o) -> {
              LadderPlan plan = Ladder.DEFAULT.planWithReasons(m);
              assertThat(plan.skipped()).extracting(s -> s.name() + " " + s.reason().wireName())
                  .containsExactly("360p no_bitrate_gain", "720p no_bitrate_gain", "4K would_upscale");
              assertThat(plan.rungs().get(0).bitrateKbps()).isEqualTo(Ladder.MIN_KBPS);
            })),
        // --- accepted and encoded
        new Case("odd 321x241 becomes even 320x240", d -> clip("odd.mp4"),
            encoded(List.of("240p 320x240"), (m, p, o) ->
                assertThat(probe(joined(o, p.get(0)), "stream=width,height")).isEqualTo("320,240"))),
        new Case("anamorphic 240x180 with SAR 4:3 shows 320x180", d -> clip("anamorphic.mkv"),
            encoded(List.of("180p 320x180"), (m, p, o) ->
                assertThat(probe(joined(o, p.get(0)), "stream=width,height,sample_aspect_ratio")).isIn("320,180,1:1", "320,180"))),
        new Case("rotated 90 degrees plays portrait", MediaCorpusTest::rotated,
            encoded(List.of("180p 180x320"), (m, p, o) ->
                // no rotation side data left: the pixels were turned
                assertThat(probe(joined(o, p.get(0)), "stream=width,height:stream_side_data=rotation")).isEqualTo("180,320"))),
        new Case("variable frame rate gets a constant rate without duplicate frames", d -> clip("vfr.mp4"),
            encoded(List.of("180p 320x180"), (m, p, o) -> {
              double fps = OutputFrameRate.forSource(m.frameRate()).value();
              assertThat(fps).isEqualTo(15); // 60 frames over 3.93 s
              assertThat(p.get(0).frameRate()).isCloseTo(15, within(0.01));
              long frames = Long.parseLong(probe(joined(o, p.get(0)), "-count_packets", "stream=nb_read_packets"));
              long expected = Math.round(m.durationSeconds() * fps);
              assertThat(frames).isBetween(expected - 2, expected + 2);
              assertThat(frames).isLessThanOrEqualTo(62); // the source has 60: no storm of duplicates
            })),
        new Case("HDR10 PQ 10-bit HEVC is tone-mapped to 8-bit BT.709", d -> clip("hdr10.mp4"),
            encoded(List.of("180p 320x180"), (m, p, o) -> {
              assertThat(m.videoCodec()).isEqualTo("hevc");
              assertThat(probe(joined(o, p.get(0)), "stream=pix_fmt,color_space,color_transfer,color_primaries"))
                  .isEqualTo("yuv420p,bt709,bt709,bt709");
            })),
        new Case("10-bit SDR H.264 becomes 8-bit", d -> clip("10bit.mp4"),
            encoded(List.of("180p 320x180"), (m, p, o) ->
                assertThat(probe(joined(o, p.get(0)), "stream=profile,pix_fmt")).isEqualTo("Constrained Baseline,yuv420p"))),
        // --- hostile: files that name other files
        new Case("HLS playlist naming /etc/passwd, called .mp4", d -> write(d, "evil.mp4",
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"),
            everyCall("Format not on whitelist")),
        new Case("HLS playlist naming a real video and a FIFO", d -> write(d, "evil.m3u8",
                "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:" + clip("victim.mp4") + "\n#EXTINF:2,\nfile:"
                    + fifo + "\n#EXT-X-ENDLIST\n"),
            references("Format not on whitelist")),
        new Case("ffconcat list naming a real video, a FIFO and /etc/passwd", d -> write(d, "list.mp4",
                "ffconcat version 1.0\nfile 'file:" + clip("victim.mp4") + "'\nfile '" + fifo + "'\nfile '/etc/passwd'\n"),
            references("Format not on whitelist")),
        new Case("DASH manifest naming a real video", MediaCorpusTest::dash, references("Format not on whitelist")),
        new Case("SDP session (RTP over UDP)", d -> write(d, "session.mp4",
                "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5004 RTP/AVP 96\r\n"
                    + "a=rtpmap:96 H264/90000\r\n"),
            references("Format not on whitelist")),
        new Case("image sequence pattern frame%03d.png", MediaCorpusTest::imageSequence, references("Format not on whitelist")),
        new Case("mp4 whose data reference points at another file", d -> CorpusFiles.mp4WithExternalDataReference(
                clip("dref-me.mp4"), d.resolve("dref.mp4"), clip("victim.mp4")),
            references("no picture could be decoded")),
        // --- hostile or broken: everything else
        new Case("zero-byte file", d -> write(d, "empty.mp4", ""), rejected("the file is empty")),
        new Case("random bytes named .mp4", MediaCorpusTest::noise, rejected("not a video we accept")),
        new Case("text named .mp4", d -> write(d, "notes.mp4", "hello, this is not a video\n"), rejected("not a video we accept")),
        new Case("truncated mp4, index at the end", d -> truncate(clip("whole.mp4"), d), rejected("moov atom not found")),
        new Case("truncated faststart mp4", d -> truncate(clip("whole-faststart.mp4"), d), rejected("its packets end at")),
        new Case("10-hour mvhd on a 2 s mp4", d -> CorpusFiles.mp4WithForgedDuration(clip("short.mp4"), d.resolve("long.mp4"), 36_000),
            rejected("declares 36000.0 s of media but its packets end at 2.0 s")),
        new Case("10-hour Duration on a 2 s mkv", d -> CorpusFiles.mkvWithForgedDuration(clip("short.mkv"), d.resolve("long.mkv"), 36_000),
            rejected("declares 36000.0 s of media but its packets end at 2.0 s")),
        new Case("32768x32768 PNG header named .mp4", d -> CorpusFiles.png(d.resolve("huge.mp4"), 32768, 32768),
            rejected("Format not on whitelist")),
        new Case("12000x12000 PNG inside Matroska", MediaCorpusTest::hugePngInMatroska, rejected("no usable picture size (png)")),
        new Case("one-frame video", d -> clip("one-frame.mp4"), rejected("still image")),
        new Case("audio only", d -> clip("tone.m4a"), rejected("no video stream (streams: audio aac)")),
        new Case("80 streams, more than max_streams", MediaCorpusTest::manyStreams, rejected("max_streams")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyInputGetsItsExpectedOutcome(Case c) throws IOException {
    Path input = inputs.get(c.name()).join();
    if (c.expect() instanceof Rejected r && r.calls() != Calls.PROBE && traced != null) {
      assertTracedRejections(input, r);
      return;
    }
    Outcome o = outcomes.containsKey(c.name()) ? outcomes.get(c.name()).join() : outcome(c, input);
    if (c.expect() instanceof Rejected r) {
      assertRejected(input, r.reason(), () -> {
        if (o.error() != null) {
          throw o.error();
        }
      });
      return;
    }
    if (o.error() != null) {
      throw o.error();
    }
    assertThatCode(() -> transcoder.screen(firstBytes(input)))
        .as("the upload screen passes what the probe accepts")
        .doesNotThrowAnyException();
    if (c.expect() instanceof Accepted a) {
      assertThat(describe(Ladder.DEFAULT.plan(o.media()))).containsExactlyElementsOf(a.rungs());
      a.check().verify(o.media(), o.produced(), o.out());
    } else if (c.expect() instanceof Encoded e) {
      assertThat(describe(Ladder.DEFAULT.plan(o.media()))).containsExactlyElementsOf(e.rungs());
      e.check().verify(o.media(), o.produced(), o.out());
    }
  }

  /**
   * The calls of {@code r} on {@code input}, under strace: all rejected, and no process opened a
   * file of the corpus other than the input, nor {@code /etc/passwd}.
   */
  private static synchronized void assertTracedRejections(Path input, Rejected r) throws IOException {
    Set<Path> before = traceFiles();
    assertRejected(input, r.reason(), () -> traced.probe(input));
    if (r.calls() == Calls.TRACED_EVERY_CALL) {
      Path out = Files.createTempDirectory(Files.createDirectories(tmp.resolve("out")), "case");
      assertRejected(input, r.reason(), () -> traced.transcode(
          new TranscodeRequest(input, PRETEND, List.of(new RungSpec("90p", 160, 90, "h264", "main", 200)), 64, SEGMENT,
              out.resolve("ladder")),
          null));
      assertRejected(input, r.reason(), () -> traced.thumbnails(input, PRETEND, out.resolve("thumbs")));
    }
    Set<Path> now = traceFiles();
    now.removeAll(before);
    assertThat(now).as("traced processes").hasSizeGreaterThanOrEqualTo(r.calls() == Calls.TRACED_EVERY_CALL ? 3 : 1);
    List<String> opened = OpenTracer.opened(now);
    // a demuxer picked by file name (image2) is refused before the input is even opened
    assertThat(opened).as("opens traced").isNotEmpty();
    String inputPath = input.toAbsolutePath().toString();
    String corpusRoot = root.toAbsolutePath() + "/";
    assertThat(opened)
        .as("files opened by ffmpeg/ffprobe")
        .noneMatch(p -> p.startsWith(corpusRoot) && !p.equals(inputPath))
        .noneMatch(p -> p.equals("/etc/passwd"));
    log.info("{}: {} opens traced in {} processes, none outside the input", input.getFileName(), opened.size(), now.size());
  }

  private static Set<Path> traceFiles() throws IOException {
    try (Stream<Path> files = Files.list(traces)) {
      return new HashSet<>(files.toList());
    }
  }

  private static byte[] firstBytes(Path input) throws IOException {
    try (InputStream in = Files.newInputStream(input)) {
      return in.readNBytes(Transcoder.SCREEN_BYTES);
    }
  }

  private static void assertRejected(Path input, String reason, Runnable call) {
    MediaRejectedException e = catchThrowableOfType(MediaRejectedException.class, call::run);
    assertThat(e).as("%s should be rejected as media", input.getFileName()).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_REJECTED);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains(reason);
  }

  // --- expectations

  private static Accepted accepted(String... rungs) {
    return new Accepted(List.of(rungs), (m, p, o) -> {});
  }

  private static Encoded encoded(List<String> rungs, Check check) {
    return new Encoded(rungs, check);
  }

  private static Rejected rejected(String reason) {
    return new Rejected(reason, Calls.PROBE);
  }

  private static Rejected references(String reason) {
    return new Rejected(reason, Calls.TRACED_PROBE);
  }

  private static Rejected everyCall(String reason) {
    return new Rejected(reason, Calls.TRACED_EVERY_CALL);
  }

  private static List<String> describe(List<RungSpec> rungs) {
    return rungs.stream().map(r -> r.name() + " " + r.width() + "x" + r.height()).toList();
  }

  private static Path joined(Path out, PackagedRendition r) throws IOException {
    return TestMedia.joined(
        out.resolve(r.name()), r.segments().stream().map(Segment::fileName).toList(), out.resolve(r.name() + "-joined.mp4"));
  }

  /** ffprobe {@code -show_entries} of the first video stream, as one CSV line. */
  private static String probe(Path file, String... entries) throws IOException {
    List<String> args = new ArrayList<>(List.of(TestMedia.FFPROBE.toString(), "-v", "error", "-select_streams", "v:0"));
    for (String e : entries) {
      args.addAll(e.startsWith("-") ? List.of(e) : List.of("-show_entries", e));
    }
    args.addAll(List.of("-of", "csv=p=0", file.toString()));
    return TestMedia.run(args).trim().replaceAll("\\s*\\R\\s*", ",");
  }

  // --- makers of the inputs that are not plain clips

  private static Path write(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static Path noise(Path dir) throws IOException {
    byte[] bytes = new byte[64 * 1024];
    new Random(7).nextBytes(bytes);
    return Files.write(dir.resolve("random.mp4"), bytes);
  }

  private static Path truncate(Path whole, Path dir) throws IOException {
    byte[] b = Files.readAllBytes(whole);
    return Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(b, b.length * 3 / 10));
  }

  private static Path rotated(Path dir) throws IOException {
    Path f = dir.resolve("rotated.mp4");
    TestMedia.ffmpeg("-i", clip("rotate-me.mp4").toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", f.toString());
    return f;
  }

  private static Path dash(Path dir) throws IOException {
    return write(dir, "manifest.mp4",
        "<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" "
            + "profiles=\"urn:mpeg:dash:profile:isoff-on-demand:2011\" type=\"static\" "
            + "mediaPresentationDuration=\"PT2S\" minBufferTime=\"PT1S\">\n<Period><AdaptationSet mimeType=\"video/mp4\">"
            + "<Representation id=\"v\" bandwidth=\"100000\" width=\"160\" height=\"90\" codecs=\"avc1.42c00d\">"
            + "<BaseURL>file:" + clip("victim.mp4") + "</BaseURL><SegmentBase indexRange=\"0-100\"/></Representation>"
            + "</AdaptationSet></Period>\n</MPD>\n");
  }

  private static Path imageSequence(Path dir) throws IOException {
    // the pattern file and the frames it would expand to: PNG headers and a few rows each
    Path first = CorpusFiles.png(dir.resolve("frame000.png"), 160, 90);
    Files.copy(first, dir.resolve("frame001.png"));
    return Files.copy(first, dir.resolve("frame%03d.png"));
  }

  private static Path hugePngInMatroska(Path dir) throws IOException {
    Path png = CorpusFiles.png(dir.resolve("huge.png"), 12000, 12000);
    Path f = dir.resolve("huge.mkv");
    // stream copy with a small -max_alloc: the size comes from the PNG header, no 430 MB frame is allocated
    TestMedia.ffmpeg("-max_alloc", "50000000", "-f", "png_pipe", "-i", png.toString(), "-c", "copy", f.toString());
    return f;
  }

  private static Path manyStreams(Path dir) throws IOException {
    Path f = dir.resolve("many.mkv");
    List<String> args = new ArrayList<>(List.of(
        "-f", "lavfi", "-i", "testsrc2=size=64x36:rate=5:duration=1", "-f", "lavfi", "-i", "anullsrc", "-t", "1",
        "-map", "0:v"));
    for (int i = 0; i < 80; i++) {
      args.addAll(List.of("-map", "1:a"));
    }
    args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "pcm_s16le", f.toString()));
    TestMedia.ffmpeg(args.toArray(String[]::new));
    return f;
  }
}
