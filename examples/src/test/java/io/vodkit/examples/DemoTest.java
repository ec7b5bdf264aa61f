package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.hls.HlsParser;
import io.vodkit.hls.HlsPlaylist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path tmp;

  @Test
  void theDemoUploadsPublishesAndReportsAReadyVideoWithBothManifestsOnItsOrigin() throws Exception {
    Path source = TestClip.generate(tmp.resolve("small.mp4"), 854, 480, 5, 12_000);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    AtomicReference<String> masterServed = new AtomicReference<>();
    AtomicReference<String> mpdServed = new AtomicReference<>();
    Map<String, Object> line = Demo.run(source, tmp.resolve("data"), new PrintStream(progress, true, StandardCharsets.UTF_8),
        l -> {
          try {
            masterServed.set(OriginFetch.text(URI.create((String) l.get("hls"))));
            mpdServed.set(OriginFetch.text(URI.create((String) l.get("dash"))));
          } catch (Exception e) {
            throw new AssertionError("fetching the manifests of " + l + " failed", e);
          }
        });

    assertThat(line).containsEntry("status", "ready");
    String videoId = (String) line.get("video_id");
    assertThat(videoId).startsWith("vid_");
    assertThat((String) line.get("hls")).matches("http://127\\.0\\.0\\.1:[0-9]+/videos/" + videoId + "/manifest\\.m3u8");
    assertThat((String) line.get("dash")).matches("http://127\\.0\\.0\\.1:[0-9]+/videos/" + videoId + "/manifest\\.mpd");
    HlsPlaylist.Master master = HlsParser.parseMaster(masterServed.get());
    assertThat(master.variants()).extracting(HlsPlaylist.Variant::uri).containsExactly("360p/playlist.m3u8");
    assertThat(master.iFrameVariants()).extracting(HlsPlaylist.Variant::uri).containsExactly("360p/iframes.m3u8");
    assertThat(mpdServed.get()).contains("<MPD", "360p");
    assertThat((List<?>) line.get("renditions")).hasSize(1); // 480p source: only 360p, never upscaled
    String shown = progress.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains("signed parts").contains("transcode").contains("100%");
    assertThat(Files.size(source)).isGreaterThan(5L << 20); // so it really went up in two parts
  }
}
