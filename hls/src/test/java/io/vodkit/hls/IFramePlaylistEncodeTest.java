package io.vodkit.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.Ladder;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.TranscodeRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I-frame playlists over the segments of a real encode by the installed ffmpeg. */
class IFramePlaylistEncodeTest {
  private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");

  @TempDir Path dir;

  @Test
  void everyByteRangeLiesInItsSegmentAndStartsWithTheMoofOfItsKeyframe() throws Exception {
    Path source = clip(dir.resolve("in.mp4"));
    FfmpegTranscoder transcoder = FfmpegTranscoder.builder().ffmpegPath(FFMPEG).ffprobePath(FFPROBE).build();
    MediaInfo media = transcoder.probe(source);
    Path out = dir.resolve("out");
    List<PackagedRendition> renditions = transcoder.transcode(
        new TranscodeRequest(source, media, Ladder.DEFAULT.plan(media), 128, Duration.ofSeconds(4), out), f -> {});
    PackagedVideo video = new PackagedVideo("vid_real", 9, 4, renditions);
    HlsManifestWriter writer = new HlsManifestWriter();
    Map<String, byte[]> files = new HashMap<>();
    for (ManifestFile f : writer.renditionManifests(video)) {
      files.put(f.relativePath(), f.content());
    }

    HlsPlaylist.Master master = HlsParser.parseMaster(new String(writer.master(video).content(), StandardCharsets.UTF_8));
    assertThat(master.iFrameVariants()).hasSameSizeAs(video.video()).isNotEmpty();
    for (int i = 0; i < video.video().size(); i++) {
      PackagedRendition r = video.video().get(i);
      HlsPlaylist.Variant v = master.iFrameVariants().get(i);
      assertThat(v.uri()).isEqualTo(r.name() + "/iframes.m3u8");
      // I-frames alone are a fraction of the stream
      assertThat(v.bandwidth()).isPositive().isLessThan(master.variants().get(i).bandwidth());

      HlsPlaylist.Media p = HlsParser.parseMedia(new String(files.get(v.uri()), StandardCharsets.UTF_8));
      assertThat(p.iFramesOnly()).isTrue();
      assertThat(p.segments()).hasSameSizeAs(r.segments()); // one IDR per 4 s segment
      assertThat(p.durationSeconds()).isCloseTo(r.durationSeconds(), within(0.005));
      Path folder = out.resolve(r.name());
      assertThat(folder.resolve(p.mapUri().orElseThrow())).exists();
      for (HlsPlaylist.Segment s : p.segments()) {
        byte[] file = Files.readAllBytes(folder.resolve(s.uri()));
        HlsPlaylist.ByteRange range = s.byteRange().orElseThrow();
        assertThat(range.offset() + range.length()).isLessThanOrEqualTo(file.length);
        ByteBuffer at = ByteBuffer.wrap(file, (int) range.offset(), (int) range.length()).slice();
        assertThat(fourcc(at, 4)).isEqualTo("moof");
        int moofSize = at.getInt(0);
        assertThat(fourcc(at, moofSize + 4)).isEqualTo("mdat"); // then the keyframe's bytes
        assertThat(range.length()).isGreaterThan(moofSize + 8L);
      }
    }
  }

  private static String fourcc(ByteBuffer b, int at) {
    byte[] type = new byte[4];
    b.get(at, type);
    return new String(type, StandardCharsets.ISO_8859_1);
  }

  /** 9 s of 640x360 test pattern with a tone. */
  private static Path clip(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(
            FFMPEG.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "9", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
            file.toString())
        .redirectErrorStream(true)
        .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    return file;
  }
}
