package io.vodkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vodkit.ErrorCode;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vodkit status ID}: a video's status and its transcode job from an embedded data
 * directory, as one JSON object.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Prints a video's status and its transcode progress as one JSON object.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "1:failure", "2:bad usage or no data directory", "4:no such video"})
final class StatusCommand implements Callable<Integer> {
  /** The video is unknown. */
  static final int NOT_FOUND = 4;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "the video id (vid_…)")
  private String videoId;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "vodkit-data",
      description = "the embedded pipeline's data directory (default: ${DEFAULT-VALUE})")
  private Path data;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(data)) {
      spec.commandLine().getErr().println("status: no data directory at " + data);
      return 2;
    }
    try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(data).workers(0).build()) {
      Video video = vodkit.video(videoId);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("video_id", video.id());
      out.put("status", video.status().wireName());
      out.put("duration_s", video.durationSeconds());
      if (video.failureCode() != null) {
        out.put("error", Map.of("code", video.failureCode(), "message", String.valueOf(video.failureMessage())));
      }
      try {
        TranscodeJob job = vodkit.job(videoId);
        out.put("job", jobJson(job));
      } catch (VodkitException e) {
        if (e.code() != ErrorCode.NOT_FOUND) {
          throw e;
        }
      }
      spec.commandLine().getOut().println(JSON.writeValueAsString(out));
      return 0;
    } catch (VodkitException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        spec.commandLine().getErr().println("status: " + e.getMessage());
        return NOT_FOUND;
      }
      throw e;
    }
  }

  private static Map<String, Object> jobJson(TranscodeJob job) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("job_id", job.id());
    j.put("status", job.status().wireName());
    j.put("progress_pct", job.progressPct());
    j.put("attempt", job.attempt());
    j.put("max_attempts", job.maxAttempts());
    List<Map<String, Object>> renditions =
        job.renditions().stream().map(StatusCommand::renditionJson).toList();
    j.put("renditions", renditions);
    return j;
  }

  private static Map<String, Object> renditionJson(RenditionProgress r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quality", r.quality());
    m.put("status", r.state().wireName());
    m.put("pct", r.pct());
    if (r.error() != null) {
      m.put("error", r.error());
    }
    return m;
  }
}
