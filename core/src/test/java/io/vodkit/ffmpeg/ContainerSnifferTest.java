package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.ffmpeg.ContainerSniffer.Family;
import io.vodkit.spi.Transcoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upload screen: real ffmpeg output in every whitelisted container is recognized as the family
 * ffprobe names, from its first 64 KiB only; text, playlists, images and other files are refused
 * with a message that says what they are.
 */
class ContainerSnifferTest {
  private static final List<String> VIDEO = List.of("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=2");
  private static final List<String> AUDIO = List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2");

  @TempDir static Path dir;

  static Stream<Arguments> containers() {
    List<String> x264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
    return Stream.of(
        Arguments.of("clip.mp4", join(x264, List.of("-c:a", "aac")), Family.ISO_BMFF),
        Arguments.of("faststart.mp4", join(x264, List.of("-c:a", "aac", "-movflags", "+faststart")), Family.ISO_BMFF),
        Arguments.of("fragmented.mp4", join(x264, List.of("-an", "-movflags", "+frag_keyframe+empty_moov")), Family.ISO_BMFF),
        Arguments.of("clip.mov", join(x264, List.of("-c:a", "aac")), Family.ISO_BMFF),
        Arguments.of("clip.3gp", join(x264, List.of("-c:a", "aac")), Family.ISO_BMFF),
        Arguments.of("clip.mkv", join(x264, List.of("-c:a", "aac")), Family.MATROSKA),
        Arguments.of("clip.webm", List.of("-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus"), Family.MATROSKA),
        Arguments.of("clip.avi", List.of("-c:v", "mpeg4", "-c:a", "mp3"), Family.AVI),
        Arguments.of("clip.ts", join(x264, List.of("-c:a", "aac")), Family.MPEG_TS),
        Arguments.of("clip.m2ts", join(x264, List.of("-c:a", "aac", "-mpegts_m2ts_mode", "1")), Family.MPEG_TS),
        Arguments.of("clip.flv", join(x264, List.of("-c:a", "aac")), Family.FLV),
        Arguments.of("clip.mxf", List.of("-c:v", "mpeg2video", "-c:a", "pcm_s16le", "-ar", "48000"), Family.MXF),
        Arguments.of("clip.ogv", List.of("-c:v", "libtheora", "-c:a", "libvorbis"), Family.OGG));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void realFilesOfEveryWhitelistedContainerPassAsTheFamilyFfprobeNames(String name, List<String> codecs, Family family)
      throws Exception {
    Path file = dir.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    command.addAll(VIDEO);
    command.addAll(AUDIO);
    command.addAll(codecs);
    command.add(file.toString());
    run(command);
    byte[] head = firstBytes(file);

    assertThat(ContainerSniffer.family(head)).contains(family);
    assertThatCode(() -> FfmpegTranscoder.onPath().screen(head)).doesNotThrowAnyException();
    String formats = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=format_name", "-of", "default=nw=1:nk=1", file.toString()));
    assertThat(Arrays.asList(formats.strip().split(","))).as("ffprobe's format names").containsAnyElementsOf(family.demuxers);
    assertThat(InputGuards.FORMAT_WHITELIST.split(",")).containsAll(family.demuxers);
  }

  @Test
  void theFamiliesCoverTheWholeWhitelist() {
    List<String> covered = Stream.of(Family.values()).flatMap(f -> f.demuxers.stream()).toList();
    assertThat(covered).containsExactlyInAnyOrder(InputGuards.FORMAT_WHITELIST.split(","));
  }

  @Test
  void anMp4WhoseIndexComesLastPassesOnItsFirstBytesAlone() throws Exception {
    Path file = dir.resolve("index-last.mp4");
    run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=4",
        "-c:v", "libx264", "-preset", "ultrafast", file.toString()));
    byte[] all = Files.readAllBytes(file);
    assertThat(all.length).isGreaterThan(Transcoder.SCREEN_BYTES);
    assertThat(new String(all, all.length - 4096, 4096, StandardCharsets.ISO_8859_1)).contains("moov");

    assertThat(ContainerSniffer.rejection(Arrays.copyOf(all, Transcoder.SCREEN_BYTES))).isEmpty();
  }

  static Stream<Arguments> notVideos() throws Exception {
    Path png = dir.resolve("frame.png");
    run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=64x36", "-frames:v", "1", png.toString()));
    Path jpeg = dir.resolve("frame.jpg");
    run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=64x36", "-frames:v", "1", jpeg.toString()));
    Path wav = dir.resolve("tone.wav");
    run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", wav.toString()));
    byte[] noise = new byte[Transcoder.SCREEN_BYTES];
    new Random(20261125).nextBytes(noise);
    return Stream.of(
        Arguments.of("text", ascii("hello, this is not a video\n".repeat(50)), "a text file"),
        Arguments.of("HLS playlist", ascii("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"),
            "an HLS playlist"),
        Arguments.of("ffconcat list", ascii("ffconcat version 1.0\nfile '/etc/passwd'\n"), "an ffmpeg concat list"),
        Arguments.of("DASH manifest", ascii("<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"/>"),
            "a DASH manifest"),
        Arguments.of("HTML page", ascii("<!doctype html><html><body>hi</body></html>"), "an XML or HTML document"),
        Arguments.of("SDP session", ascii("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\nm=video 5004 RTP/AVP 96\r\n"), "a text file"),
        Arguments.of("PNG image", Files.readAllBytes(png), "a PNG image"),
        Arguments.of("JPEG image", Files.readAllBytes(jpeg), "a JPEG image"),
        Arguments.of("WAV audio", Files.readAllBytes(wav), "a RIFF file of type 'WAVE'"),
        Arguments.of("PDF", ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n"), "a PDF document"),
        Arguments.of("ZIP", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}, "a ZIP archive"),
        Arguments.of("empty", new byte[0], "the file is empty"),
        Arguments.of("random bytes", noise, "unrecognized data (first bytes "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notVideos")
  void filesThatCannotBeAVideoAreRefusedSayingWhatTheyAre(String name, byte[] head, String description) {
    assertThat(ContainerSniffer.family(head)).isEmpty();
    assertThatThrownBy(() -> FfmpegTranscoder.onPath().screen(head))
        .isInstanceOfSatisfying(MediaRejectedException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_REJECTED);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains(description).contains("not a video in a container vodkit accepts");
        });
  }

  private static byte[] firstBytes(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(Transcoder.SCREEN_BYTES);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<String> join(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s: %s", command, text).isZero();
    return text;
  }
}
