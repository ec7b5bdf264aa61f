package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path tmp;

  @Test
  void theDemoUploadsPublishesAndReportsAReadyVideoWithBothManifests() throws Exception {
    Path source = TestClip.generate(tmp.resolve("small.mp4"), 854, 480, 5, 12_000);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Map<String, Object> line = Demo.run(source, tmp.resolve("data"), new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(line).containsEntry("status", "ready");
    assertThat((String) line.get("video_id")).startsWith("vid_");
    assertThat(Path.of((String) line.get("hls"))).isAbsolute().exists().hasFileName("manifest.m3u8");
    assertThat(Path.of((String) line.get("dash"))).isAbsolute().exists().hasFileName("manifest.mpd");
    assertThat((List<?>) line.get("renditions")).hasSize(1); // 480p source: only 360p, never upscaled
    String shown = progress.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains("signed parts").contains("transcode").contains("100%");
    assertThat(Files.size(source)).isGreaterThan(5L << 20); // so it really went up in two parts
  }
}
