package io.vodkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.CompletedPart;
import io.vodkit.NewUpload;
import io.vodkit.Rendition;
import io.vodkit.TranscodeJob;
import io.vodkit.TranscodeStatus;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The end-to-end demo on embedded defaults: makes a 20 s 1080p test clip (or takes {@code
 * --source FILE}), uploads it in parts through the signed upload URLs, publishes, shows progress
 * while the workers run, and prints ONE JSON line with the result on stdout: among others the
 * {@code hls} and {@code dash} manifest URLs, {@code http://127.0.0.1:<port>/videos/…} on the
 * embedded pipeline's origin. Progress goes to stderr. Exit code 0 when the video is ready, 1 when
 * it ended partial or failed, 2 on bad usage.
 *
 * <p>The origin lives as long as the pipeline: by default the demo exits after the line, so the
 * URLs stop answering; with {@code --serve} it keeps serving them (open one in a player, or in
 * {@code ffprobe}) until standard input ends or Enter is pressed.
 *
 * <pre>
 * Demo [--source FILE] [--data DIR] [--serve]
 * </pre>
 */
public final class Demo {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USAGE = "usage: demo [--source FILE] [--data DIR] [--serve]";

  private Demo() {}

  public static void main(String[] args) throws Exception {
    // progress lines go to stderr; the HTTP listeners' start/stop lines would only interleave
    if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }
    Path source = null;
    Path data = Path.of("vodkit-data");
    boolean serve = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--source" -> source = Path.of(requireValue(args, ++i));
        case "--data" -> data = Path.of(requireValue(args, ++i));
        case "--serve" -> serve = true;
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          System.err.println("unknown argument " + args[i] + "; " + USAGE);
          System.exit(2);
        }
      }
    }
    System.exit(execute(source, data, serve));
  }

  /**
   * Runs the demo: the JSON line on stdout, progress on stderr; with {@code serve}, keeps the
   * origin up until Enter or the end of standard input. Returns the exit code: 0 when the video is
   * ready, 1 otherwise.
   */
  public static int execute(Path source, Path data, boolean serve) throws IOException {
    Map<String, Object> result = run(source, data, System.err, line -> {
      printLine(line);
      if (serve && line.containsKey("hls")) {
        System.err.println("serving " + line.get("hls") + " until Enter or end of input");
        try {
          System.in.read();
        } catch (IOException e) {
          // end of input: stop serving
        }
      }
    });
    return "ready".equals(result.get("status")) ? 0 : 1;
  }

  private static void printLine(Map<String, Object> line) {
    try {
      System.out.println(JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requireValue(String[] args, int i) {
    if (i >= args.length) {
      System.err.println(args[i - 1] + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  /** Runs the whole flow and returns the result line as a map. */
  public static Map<String, Object> run(Path source, Path dataDir, PrintStream progress) throws IOException {
    return run(source, dataDir, progress, line -> {});
  }

  /**
   * Runs the whole flow and returns the result line as a map, after handing it to {@code
   * whileServing} while the pipeline, and so the origin its manifest URLs point at, still runs.
   */
  public static Map<String, Object> run(
      Path source, Path dataDir, PrintStream progress, Consumer<Map<String, Object>> whileServing) throws IOException {
    Files.createDirectories(dataDir);
    Path dataAbs = dataDir.toAbsolutePath().normalize();
    if (source == null) {
      source = dataAbs.resolve("demo-clip-1080p.mp4");
      if (!Files.exists(source)) {
        progress.println("making a 20 s 1080p test clip with ffmpeg: " + source);
        TestClip.generate(source, 1920, 1080, 20, 6000);
      }
    }
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("source " + source + " is not a file");
    }
    long size = Files.size(source);
    try (VideoPipeline vodkit = VideoPipeline.embedded(dataAbs)) {
      UploadSession up =
          vodkit.createUpload(NewUpload.of("demo", source.getFileName().toString(), "video/mp4", size));
      progress.printf("uploading %s (%d bytes) as %d signed parts of %d bytes%n",
          up.videoId(), size, up.parts().size(), up.partSizeBytes());
      AtomicLong sent = new AtomicLong();
      List<CompletedPart> parts =
          new DirectUploader(4).uploadParts(up, source, n -> bar(progress, "upload", 100.0 * sent.addAndGet(n) / size, ""));
      progress.println();
      vodkit.completeUpload(up.videoId(), parts);
      TranscodeJob job = vodkit.publish(up.videoId());
      progress.printf("published: job %s, estimated completion %s%n", job.id(), job.estimatedCompletionAt());
      Video video = awaitWithProgress(vodkit, up.videoId(), progress);
      progress.println();
      Map<String, Object> line = resultLine(vodkit, video);
      whileServing.accept(line);
      return line;
    }
  }

  private static Video awaitWithProgress(VideoPipeline vodkit, String videoId, PrintStream progress) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    while (true) {
      Video v = vodkit.video(videoId);
      TranscodeStatus s = vodkit.transcodeStatus(videoId);
      String detail = s.status() + (s.currentPass() == null ? "" : " " + s.currentPass())
          + " " + s.passesDone() + "/" + s.passesTotal()
          + (s.etaSeconds() == null ? "" : " eta " + s.etaSeconds() + "s");
      bar(progress, "transcode", s.progressPct(), detail);
      if (v.status().isTerminal() || Instant.now().isAfter(deadline)) {
        return v;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return v;
      }
    }
  }

  private static synchronized void bar(PrintStream out, String label, double pct, String detail) {
    int width = 30;
    int filled = (int) Math.round(Math.max(0, Math.min(100, pct)) / 100 * width);
    out.printf("\r%-9s [%s%s] %3d%% %-40s", label, "#".repeat(filled), ".".repeat(width - filled), (int) pct, detail);
    out.flush();
  }

  private static Map<String, Object> resultLine(VideoPipeline vodkit, Video video) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("video_id", video.id());
    line.put("status", video.status().wireName());
    if (video.status() == VideoStatus.READY || video.status() == VideoStatus.PARTIAL) {
      line.put("hls", vodkit.manifestUrl(video.id()).toString());
      line.put("dash", vodkit.dashManifestUrl(video.id()).toString());
    } else {
      line.put("error", video.failureCode() + ": " + video.failureMessage());
    }
    line.put("duration_s", video.durationSeconds());
    List<Map<String, Object>> renditions = new ArrayList<>();
    for (Rendition r : video.renditions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("quality", r.quality());
      m.put("resolution", r.width() + "x" + r.height());
      m.put("bitrate_kbps", r.bitrateKbps());
      m.put("bandwidth_bps", r.bandwidthBps());
      m.put("codecs", r.codecs());
      renditions.add(m);
    }
    line.put("renditions", renditions);
    return line;
  }
}
