package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.spi.MediaInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poster and storyboard from real ffmpeg runs on a clip that opens on two seconds of black. */
class ThumbnailsTest {
  private static final Pattern CUE = Pattern.compile("(storyboard_\\d{3}\\.jpg)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

  @TempDir static Path dir;
  static Path source;
  static MediaInfo media;
  static Thumbnails thumbs;
  static Path out;

  @BeforeAll
  static void makeThumbnails() throws IOException {
    source = dir.resolve("black-opening.mp4");
    // 0–2 s black, 2–6 s test pattern: the 10 % and 25 % candidates are black, the 50 % one is not
    TestMedia.ffmpeg(
        "-filter_complex",
        "color=c=black:s=320x180:r=10:d=2[a];testsrc2=s=320x180:r=10:d=4[b];[a][b]concat=n=2:v=1:a=0",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", source.toString());
    FfmpegTranscoder transcoder =
        FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).build();
    media = transcoder.probe(source);
    out = dir.resolve("thumbs");
    thumbs = transcoder.thumbnails(source, media, out);
  }

  @Test
  void thePosterIsAPatternFrameNotTheBlackOpening() throws IOException {
    assertThat(thumbs.poster()).isEqualTo(out.resolve("thumb.jpg")).isRegularFile();
    byte[] jpeg = Files.readAllBytes(thumbs.poster());
    assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
    assertThat(jpeg[1] & 0xff).isEqualTo(0xd8); // JPEG SOI
    byte[] grey = grey(thumbs.poster());
    assertThat(grey).hasSize(320 * 180);
    assertThat(meanLuma(grey, 320, 0, 320, 180)).as("mean luma of the poster").isGreaterThan(60);
  }

  @Test
  void onlyThePosterTheVttAndTheSheetsAreLeft() throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("thumb.jpg", "storyboard.vtt", "storyboard_000.jpg");
    }
    assertThat(thumbs.files()).containsExactly(thumbs.poster(), thumbs.storyboard(), out.resolve("storyboard_000.jpg"));
  }

  @Test
  void theStoryboardHasOneTileEveryTwoSecondsAndEveryCueAddressesATileInsideItsSheet() throws IOException {
    assertThat(thumbs.tiles()).isEqualTo(3);
    assertThat(thumbs.intervalSeconds()).isEqualTo(2.0);
    assertThat(List.of(thumbs.tileWidth(), thumbs.tileHeight(), thumbs.columns(), thumbs.rows()))
        .containsExactly(160, 90, 3, 1);
    byte[] sheet = grey(thumbs.sprites().get(0));
    assertThat(sheet).as("a 480x90 sheet").hasSize(480 * 90);
    String vtt = Files.readString(thumbs.storyboard());
    assertThat(vtt).startsWith("WEBVTT\n").contains("00:00:04.000 --> 00:00:06.000\nstoryboard_000.jpg#xywh=320,0,160,90");
    Matcher m = CUE.matcher(vtt);
    int cues = 0;
    while (m.find()) {
      cues++;
      assertThat(out.resolve(m.group(1))).isRegularFile();
      assertThat(Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(4))).isLessThanOrEqualTo(480);
      assertThat(Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(5))).isLessThanOrEqualTo(90);
    }
    assertThat(cues).isEqualTo(3);
    // the first tile is the black opening, the last the pattern
    assertThat(meanLuma(sheet, 480, 0, 160, 90)).isLessThan(30);
    assertThat(meanLuma(sheet, 480, 320, 160, 90)).isGreaterThan(60);
  }

  /** A picture decoded by ffmpeg to 8-bit grey, one byte per pixel, row by row. */
  private static byte[] grey(Path picture) throws IOException {
    Path raw = dir.resolve(picture.getFileName() + ".gray");
    TestMedia.ffmpeg("-i", picture.toString(), "-f", "rawvideo", "-pix_fmt", "gray", raw.toString());
    return Files.readAllBytes(raw);
  }

  /** Mean luma 0..255 of the {@code w × h} region at {@code x} of a grey picture {@code stride} wide. */
  private static double meanLuma(byte[] grey, int stride, int x, int w, int h) {
    long sum = 0;
    for (int row = 0; row < h; row++) {
      for (int col = x; col < x + w; col++) {
        sum += grey[row * stride + col] & 0xff;
      }
    }
    return (double) sum / (w * h);
  }
}
