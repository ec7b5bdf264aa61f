package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectInfo;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a real encode the poster and the storyboard are published under the video's prefix with
 * their content types and cache policy, before the masters.
 */
class ThumbnailPublishTest {
  @TempDir Path tmp;

  @Test
  void thePosterIsARealFrameAndTheStoryboardIsPublishedBeforeTheMasters() throws Exception {
    // starts black for 1 s (a first-frame poster would be black), then the test pattern
    Path clip = tmp.resolve("fade.mp4");
    TestClip.run(List.of(
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
        "-vf", "fade=t=in:st=0:d=1.5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", clip.toString()));
    List<String> puts = new CopyOnWriteArrayList<>();
    HookedStorage storage = HookedStorage.onDisk(tmp.resolve("storage"), puts::add);
    try (VideoPipeline vodkit = storage.pipeline(tmp).workers(1).pollInterval(Duration.ofMillis(50)).build()) {
      String videoId = TranscodeCancelTest.putAndComplete(vodkit, clip);
      vodkit.publish(videoId);
      Video video = vodkit.awaitTerminal(videoId, Duration.ofMinutes(3));
      assertThat(video.status()).isEqualTo(VideoStatus.READY);

      String prefix = VideoPipeline.videoPrefix(videoId);
      assertThat(vodkit.thumbnailUrl(videoId).toString()).endsWith("/" + prefix + "thumb.jpg");
      ObjectInfo thumb = vodkit.storage().head(prefix + "thumb.jpg").orElseThrow();
      assertThat(thumb.metadata().contentType()).isEqualTo("image/jpeg");
      assertThat(thumb.metadata().cacheControl()).isEqualTo(CachePolicy.THUMBNAIL);
      BufferedImage poster;
      try (InputStream in = vodkit.storage().open(prefix + "thumb.jpg")) {
        poster = ImageIO.read(in);
      }
      assertThat(poster).as("thumb.jpg decodes as an image").isNotNull();
      assertThat(poster.getWidth()).isEqualTo(640);
      assertThat(poster.getHeight()).isEqualTo(360);
      assertThat(meanLuma(poster)).as("mean luma of the poster").isGreaterThan(60);

      ObjectInfo vtt = vodkit.storage().head(prefix + "storyboard.vtt").orElseThrow();
      assertThat(vtt.metadata().contentType()).isEqualTo("text/vtt");
      assertThat(vtt.metadata().cacheControl()).isEqualTo(CachePolicy.THUMBNAIL);
      String cues;
      try (InputStream in = vodkit.storage().open(prefix + "storyboard.vtt")) {
        cues = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(cues).startsWith("WEBVTT").contains("storyboard_000.jpg#xywh=0,0,160,90");
      ObjectInfo sheet = vodkit.storage().head(prefix + "storyboard_000.jpg").orElseThrow();
      assertThat(sheet.metadata().contentType()).isEqualTo("image/jpeg");
      assertThat(sheet.metadata().cacheControl()).isEqualTo(CachePolicy.THUMBNAIL);

      List<String> ours = puts.stream().filter(k -> k.startsWith(prefix)).toList();
      int firstMaster = Math.min(ours.indexOf(prefix + "manifest.m3u8"), ours.indexOf(prefix + "manifest.mpd"));
      assertThat(firstMaster).isPositive();
      assertThat(ours.indexOf(prefix + "thumb.jpg")).isBetween(0, firstMaster - 1);
      assertThat(ours.indexOf(prefix + "storyboard.vtt")).isBetween(0, firstMaster - 1);
      assertThat(ours.indexOf(prefix + "storyboard_000.jpg")).isBetween(0, firstMaster - 1);
    }
  }

  /** Mean BT.601 luma, 0..255. */
  private static double meanLuma(BufferedImage image) {
    double sum = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        sum += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
      }
    }
    return sum / ((double) image.getWidth() * image.getHeight());
  }
}
