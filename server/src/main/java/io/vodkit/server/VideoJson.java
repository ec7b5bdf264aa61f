package io.vodkit.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodkit.BaseUrls;
import io.vodkit.PartUrl;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.TranscodeStatus;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.spi.PartInfo;
import java.net.URI;
import java.util.List;

/**
 * The wire shapes of the video resources (snake_case, ISO-8601 UTC times), built from the core
 * records. One place, so the OpenAPI document and the answers describe the same fields.
 */
final class VideoJson {
  private final BaseUrls baseUrls;

  VideoJson(BaseUrls baseUrls) {
    this.baseUrls = baseUrls;
  }

  URI apiUrl(String path) {
    return baseUrls.api().resolve(path);
  }

  /** {@code POST /v1/videos} 201: the single-PUT URL and the multipart session. */
  ObjectNode created(UploadSession s) {
    ObjectNode n = Json.object();
    n.put("video_id", s.videoId());
    n.put("status", VideoStatus.AWAITING_UPLOAD.wireName());
    n.put("upload_url", s.uploadUrl().toString());
    n.put("upload_method", "PUT");
    Json.putTime(n, "upload_expires_at", s.expiresAt());
    n.set("multipart", multipart(s));
    return n;
  }

  /** {@code GET /v1/videos/:id/upload}: the session plus what storage already holds. */
  ObjectNode upload(UploadSession s, VideoStatus status, List<PartInfo> received) {
    ObjectNode n = Json.object();
    n.put("video_id", s.videoId());
    n.put("status", status.wireName());
    n.put("file_size", s.fileSizeBytes());
    n.put("upload_url", s.uploadUrl().toString());
    n.put("upload_method", "PUT");
    Json.putTime(n, "upload_expires_at", s.expiresAt());
    n.set("multipart", multipart(s));
    ArrayNode got = n.putArray("received_parts");
    for (PartInfo p : received) {
      got.addObject().put("part_number", p.partNumber()).put("size", p.sizeBytes()).put("etag", "\"" + p.etag() + "\"");
    }
    return n;
  }

  private ObjectNode multipart(UploadSession s) {
    String base = "v1/videos/" + s.videoId() + "/upload";
    ObjectNode m = Json.object();
    m.put("upload_id", s.uploadId());
    m.put("part_size", s.partSizeBytes());
    m.put("part_count", s.parts().size());
    ArrayNode parts = m.putArray("parts");
    for (PartUrl p : s.parts()) {
      parts.addObject()
          .put("part_number", p.partNumber())
          .put("url", p.url().toString())
          .put("offset", p.offsetBytes())
          .put("size", p.sizeBytes());
    }
    m.put("complete_url", apiUrl(base + "/complete").toString());
    m.put("list_parts_url", apiUrl(base).toString());
    m.put("abort_url", apiUrl(base).toString());
    return m;
  }

  /** {@code GET /v1/videos/:id}: the canonical record; the URLs are null until the video plays. */
  ObjectNode video(Video v, long viewCount, URI hlsUrl, URI dashUrl, URI thumbnailUrl) {
    ObjectNode n = Json.object();
    n.put("video_id", v.id());
    n.put("title", v.title());
    n.put("description", v.description());
    n.put("status", v.status().wireName());
    if (v.durationSeconds() == null) {
      n.putNull("duration_s");
    } else {
      n.put("duration_s", Math.round(v.durationSeconds() * 1000) / 1000.0);
    }
    n.put("manifest_url", hlsUrl == null ? null : hlsUrl.toString());
    n.put("dash_manifest_url", dashUrl == null ? null : dashUrl.toString());
    n.put("thumbnail_url", thumbnailUrl == null ? null : thumbnailUrl.toString());
    ArrayNode rs = n.putArray("renditions");
    for (Rendition r : v.renditions()) {
      rs.addObject()
          .put("quality", r.quality())
          .put("width", r.width())
          .put("height", r.height())
          .put("bitrate_kbps", r.bitrateKbps())
          .put("bandwidth", r.bandwidthBps())
          .put("codecs", r.codecs());
    }
    n.put("view_count", viewCount);
    Json.putTime(n, "created_at", v.createdAt());
    Json.putTime(n, "updated_at", v.updatedAt());
    if (v.failureCode() != null) {
      n.putObject("error").put("code", v.failureCode()).put("message", v.failureMessage());
    }
    return n;
  }

  /** {@code POST /v1/videos/:id/publish} 202. */
  ObjectNode published(TranscodeJob job, VideoStatus videoStatus) {
    ObjectNode n = Json.object();
    n.put("video_id", job.videoId());
    n.put("status", videoStatus.wireName());
    n.put("job_id", job.id());
    n.put("transcode_job_id", job.id());
    Json.putTime(n, "estimated_completion_at", job.estimatedCompletionAt());
    n.put("status_url", apiUrl("v1/videos/" + job.videoId() + "/transcode-status").toString());
    return n;
  }

  /** {@code GET /v1/videos/:id/transcode-status}: the job record and the polling view. */
  ObjectNode transcodeStatus(TranscodeStatus s) {
    TranscodeJob job = s.job();
    ObjectNode n = Json.object();
    n.put("job_id", job.id());
    n.put("video_id", job.videoId());
    n.put("status", s.status());
    n.put("progress_pct", s.progressPct());
    n.put("current_pass", s.currentPass());
    n.put("passes_done", s.passesDone());
    n.put("passes_total", s.passesTotal());
    ArrayNode rs = n.putArray("renditions");
    for (RenditionProgress r : job.renditions()) {
      rs.addObject().put("quality", r.quality()).put("status", r.state().wireName()).put("pct", r.pct()).put("error", r.error());
    }
    n.put("attempt", job.attempt());
    n.put("max_attempts", job.maxAttempts());
    n.put("worker_id", job.workerId());
    Json.putTime(n, "locked_until", job.lockedUntil());
    Json.putTime(n, "created_at", job.createdAt());
    Json.putTime(n, "started_at", job.startedAt());
    Json.putTime(n, "completed_at", job.completedAt());
    Json.putTime(n, "failed_at", job.failedAt());
    Json.putTime(n, "estimated_completion_at", job.estimatedCompletionAt());
    if (s.etaSeconds() == null) {
      n.putNull("eta_seconds");
    } else {
      n.put("eta_seconds", s.etaSeconds());
    }
    if (job.errorCode() == null) {
      n.putNull("error");
    } else {
      n.putObject("error").put("code", job.errorCode()).put("message", job.errorMessage());
    }
    return n;
  }
}
