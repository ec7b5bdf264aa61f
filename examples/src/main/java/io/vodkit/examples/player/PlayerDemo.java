package io.vodkit.examples.player;

import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.examples.DirectUploader;
import io.vodkit.examples.TestClip;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Watch a video in a browser: runs an embedded pipeline, uploads a file (or a generated 12 s
 * 720p test clip), transcodes it, then serves the player page with a {@link PlayerServer}, prints
 * the hls.js and dash.js page URLs and serves until stopped (Ctrl-C). The video itself comes from
 * the embedded pipeline's origin (its {@code manifestUrl}), another loopback port than the page.
 *
 * <p>Usage: {@code PlayerDemo [--source FILE] [--data DIR]}; needs {@code ./scripts/setup.sh}
 * (ffmpeg, and hls.js and dash.js for the page).
 */
public final class PlayerDemo {
  private PlayerDemo() {}

  /** Runs the demo; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path source = null;
    Path data = Path.of("vodkit-data");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--source" -> source = Path.of(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        default -> {
          System.err.println("usage: PlayerDemo [--source FILE] [--data DIR]");
          System.exit(2);
        }
      }
    }
    PlayerDeps deps = PlayerDeps.find().orElseThrow(
        () -> new IllegalStateException("hls.js and dash.js are not installed; run ./scripts/setup.sh"));
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (VideoPipeline vodkit = VideoPipeline.embedded(data)) {
      if (!"http".equals(vodkit.baseUrls().cdn().getScheme())) {
        throw new IllegalStateException("the embedded origin is off (" + vodkit.baseUrls().cdn()
            + "); a browser needs http manifest URLs: drop -Dvodkit.embedded.origin=off");
      }
      String videoId = publish(vodkit, source != null ? source : TestClip.generate(
          Files.createTempFile("vodkit-clip", ".mp4"), 1280, 720, 12, 3000));
      try (PlayerServer page = PlayerServer.start(loopback, deps)) {
        System.out.println("hls.js:  " + page.pageUri(vodkit.manifestUrl(videoId), "hls", "auto", 1));
        System.out.println("dash.js: " + page.pageUri(vodkit.dashManifestUrl(videoId), "dash", "auto", 1));
        Thread.currentThread().join(); // until Ctrl-C
      }
    }
  }

  /** Uploads {@code file}, publishes it and waits until it is ready. */
  static String publish(VideoPipeline vodkit, Path file) throws IOException {
    UploadSession up = vodkit.createUpload(
        NewUpload.of("demo", file.getFileName().toString(), "video/mp4", Files.size(file)));
    vodkit.completeUpload(up.videoId(), new DirectUploader(2).uploadParts(up, file, n -> {}));
    vodkit.publish(up.videoId());
    Video video = vodkit.awaitTerminal(up.videoId(), Duration.ofMinutes(30));
    if (video.status() != VideoStatus.READY) {
      throw new IllegalStateException("video " + video.id() + " ended " + video.status());
    }
    return video.id();
  }
}
