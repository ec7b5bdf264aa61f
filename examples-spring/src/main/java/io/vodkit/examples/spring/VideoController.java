package io.vodkit.examples.spring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vodkit.CompletedPart;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.TranscodeJob;
import io.vodkit.TranscodeStatus;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The spec's core endpoints over the starter's {@link VideoPipeline}: create an upload, complete
 * it, publish, read the video and its transcode status. JSON is snake_case; errors are {@link
 * ApiErrors}. This example has no authentication: the owner is the {@value #OWNER_HEADER} header
 * (default {@value #DEFAULT_OWNER}).
 */
@RestController
public class VideoController {
  /** Header naming the owner of new videos. */
  public static final String OWNER_HEADER = "X-Owner-Id";
  /** Owner when the header is absent. */
  public static final String DEFAULT_OWNER = "example-user";

  private final VideoPipeline vodkit;

  /** A controller over {@code vodkit}. */
  public VideoController(VideoPipeline vodkit) {
    this.vodkit = vodkit;
  }

  /**
   * Body of {@code POST /v1/videos}.
   *
   * @param title display title
   * @param description free text, optional
   * @param contentType a {@code video/*} MIME type
   * @param fileSize exact size in bytes
   */
  public record CreateVideo(
      String title,
      String description,
      @JsonProperty("content_type") String contentType,
      @JsonProperty("file_size") Long fileSize) {}

  /**
   * Body of {@code POST /v1/videos/{id}/upload/complete}.
   *
   * @param parts every uploaded part with the ETag its PUT returned; empty for a single PUT
   */
  public record CompleteUpload(List<Part> parts) {}

  /**
   * One uploaded part.
   *
   * @param partNumber 1-based part number
   * @param etag the ETag the part's PUT returned
   */
  public record Part(@JsonProperty("part_number") Integer partNumber, String etag) {}

  /** Starts an upload: 201 with the URLs the client PUTs the bytes to. */
  @PostMapping("/v1/videos")
  @ResponseStatus(HttpStatus.CREATED)
  public Map<String, Object> create(
      @RequestBody CreateVideo body, @RequestHeader(name = OWNER_HEADER, defaultValue = DEFAULT_OWNER) String owner) {
    if (body.fileSize() == null) {
      throw VodkitException.invalid("file_size", "file_size is required");
    }
    UploadSession up = vodkit.createUpload(
        new NewUpload(owner, body.title(), body.description(), body.contentType(), body.fileSize()));
    List<Map<String, Object>> parts = new ArrayList<>();
    for (PartUrl p : up.parts()) {
      parts.add(json("part_number", p.partNumber(), "url", p.url().toString(), "offset", p.offsetBytes(), "size", p.sizeBytes()));
    }
    Map<String, Object> answer = json("video_id", up.videoId(), "status", VideoStatus.AWAITING_UPLOAD.wireName());
    answer.putAll(json("upload_url", up.uploadUrl().toString(), "upload_method", "PUT",
        "upload_expires_at", time(up.expiresAt()), "part_size", up.partSizeBytes()));
    answer.put("parts", parts);
    return answer;
  }

  /** Completes the upload: every part's ETag is checked against storage; 200 with the video. */
  @PostMapping("/v1/videos/{id}/upload/complete")
  public Map<String, Object> complete(@PathVariable("id") String id, @RequestBody(required = false) CompleteUpload body) {
    List<CompletedPart> parts = new ArrayList<>();
    if (body != null && body.parts() != null) {
      for (int i = 0; i < body.parts().size(); i++) {
        Part p = body.parts().get(i);
        if (p == null || p.partNumber() == null || p.etag() == null) {
          throw VodkitException.invalid("parts[" + i + "]", "parts[" + i + "] needs part_number and etag");
        }
        parts.add(new CompletedPart(p.partNumber(), p.etag()));
      }
    }
    return video(vodkit.completeUpload(id, parts));
  }

  /** Enqueues the transcode and answers at once: 202 with the job. */
  @PostMapping("/v1/videos/{id}/publish")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Map<String, Object> publish(@PathVariable("id") String id) {
    TranscodeJob job = vodkit.publish(id);
    return json("video_id", id, "status", VideoStatus.TRANSCODING.wireName(), "transcode_job_id", job.id(),
        "estimated_completion_at", time(job.estimatedCompletionAt()));
  }

  /** The video record; manifest URLs once it plays. */
  @GetMapping("/v1/videos/{id}")
  public Map<String, Object> get(@PathVariable("id") String id) {
    return video(vodkit.video(id));
  }

  /** Progress of the video's transcode. */
  @GetMapping("/v1/videos/{id}/transcode-status")
  public Map<String, Object> transcodeStatus(@PathVariable("id") String id) {
    TranscodeStatus s = vodkit.transcodeStatus(id);
    Map<String, Object> answer = json("job_id", s.jobId(), "status", s.status(), "progress_pct", s.progressPct(),
        "current_pass", s.currentPass(), "passes_done", s.passesDone(), "passes_total", s.passesTotal());
    answer.putAll(json("eta_seconds", s.etaSeconds(), "attempt", s.attempt(), "max_attempts", s.maxAttempts(),
        "completed_at", time(s.completedAt()), "failed_at", time(s.failedAt())));
    return answer;
  }

  private Map<String, Object> video(Video v) {
    boolean plays = v.status() == VideoStatus.READY || v.status() == VideoStatus.PARTIAL;
    List<Map<String, Object>> renditions = new ArrayList<>();
    v.renditions().forEach(r -> renditions.add(json("quality", r.quality(), "width", r.width(), "height", r.height(),
        "bitrate_kbps", r.bitrateKbps())));
    Map<String, Object> answer = json("video_id", v.id(), "title", v.title(), "description", v.description(),
        "status", v.status().wireName(), "duration_s", v.durationSeconds());
    answer.putAll(json(
        "manifest_url", plays ? vodkit.manifestUrl(v.id()).toString() : null,
        "dash_manifest_url", plays ? vodkit.dashManifestUrl(v.id()).toString() : null,
        "thumbnail_url", plays ? vodkit.thumbnailUrl(v.id()).toString() : null,
        "created_at", time(v.createdAt()), "updated_at", time(v.updatedAt())));
    answer.put("renditions", renditions);
    if (v.failureCode() != null) {
      answer.put("error", json("code", v.failureCode(), "message", v.failureMessage()));
    }
    return answer;
  }

  /** An ordered JSON object from key, value pairs (null values kept, as JSON null). */
  static Map<String, Object> json(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
