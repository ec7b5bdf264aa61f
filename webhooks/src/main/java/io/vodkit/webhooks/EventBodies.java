package io.vodkit.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodkit.BaseUrls;
import io.vodkit.JobStatus;
import io.vodkit.ManifestUrls;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.OutboxEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the JSON body of an outcome event (once, at fan-out; the bytes are stored and resent
 * unchanged): {@code event_id}, {@code type}, {@code created_at} and {@code data} with the video,
 * the job's status and attempts, duration, the manifest URLs when playable, every rendition's
 * outcome and the error when there is one. If the video was deleted meanwhile, what the outbox
 * row holds. Snake_case keys, ISO-8601 UTC instants. Thread-safe.
 */
final class EventBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetadataStore metadata;
  private final BaseUrls baseUrls;

  EventBodies(MetadataStore metadata, BaseUrls baseUrls) {
    this.metadata = metadata;
    this.baseUrls = baseUrls;
  }

  /** The event type receivers switch on: {@code video.ready|partial|failed|cancelled}. */
  static String type(JobStatus status) {
    return status == JobStatus.COMPLETE ? "video.ready" : "video." + status.wireName();
  }

  String render(OutboxEvent event) {
    Optional<Video> video = metadata.findVideo(event.videoId());
    Optional<TranscodeJob> job =
        video.isPresent() ? metadata.findJob(event.jobId()) : Optional.empty();
    ObjectNode root = JSON.createObjectNode();
    root.put("event_id", event.eventId());
    root.put("type", type(event.status()));
    root.put("created_at", event.occurredAt().toString());
    ObjectNode data = root.putObject("data");
    data.put("video_id", event.videoId());
    data.put("job_id", event.jobId());
    data.put("status", event.status().wireName());
    data.put("attempt", event.attempt());
    if (job.isPresent()) {
      data.put("max_attempts", job.get().maxAttempts());
    } else {
      data.putNull("max_attempts");
    }
    Double duration = video.map(Video::durationSeconds).orElse(null);
    if (duration == null) {
      data.putNull("duration_s");
    } else {
      data.put("duration_s", duration);
    }
    boolean playable =
        video.isPresent()
            && (event.status() == JobStatus.COMPLETE || event.status() == JobStatus.PARTIAL);
    if (playable) {
      data.put("manifest_url", ManifestUrls.hls(baseUrls, event.videoId()).toString());
      data.put("dash_manifest_url", ManifestUrls.dash(baseUrls, event.videoId()).toString());
    }
    renditions(data.putArray("renditions"), video, job);
    if (event.status() != JobStatus.COMPLETE) {
      error(data, video, job);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a webhook body", e);
    }
  }

  /** Per rendition: the job's outcome for it, with the published size, bandwidth and codecs. */
  private static void renditions(ArrayNode out, Optional<Video> video, Optional<TranscodeJob> job) {
    Map<String, Rendition> published = new LinkedHashMap<>();
    video.ifPresent(v -> v.renditions().forEach(r -> published.put(r.quality(), r)));
    Map<String, RenditionProgress> outcomes = new LinkedHashMap<>();
    job.ifPresent(j -> j.renditions().forEach(p -> outcomes.put(p.quality(), p)));
    published.keySet().forEach(q -> outcomes.putIfAbsent(q, null));
    for (Map.Entry<String, RenditionProgress> e : outcomes.entrySet()) {
      Rendition r = published.get(e.getKey());
      RenditionProgress p = e.getValue();
      ObjectNode node = out.addObject();
      node.put("quality", e.getKey());
      node.put("status", p == null ? RenditionState.DONE.wireName() : p.state().wireName());
      if (r == null) {
        node.putNull("width");
        node.putNull("height");
        node.putNull("bandwidth");
        node.putNull("codecs");
      } else {
        node.put("width", r.width());
        node.put("height", r.height());
        node.put("bandwidth", r.bandwidthBps());
        node.put("codecs", r.codecs());
      }
      node.put("error", p == null ? null : p.error());
    }
  }

  private static void error(ObjectNode data, Optional<Video> video, Optional<TranscodeJob> job) {
    String code = job.map(TranscodeJob::errorCode).orElse(null);
    String message = job.map(TranscodeJob::errorMessage).orElse(null);
    if (code == null && video.isPresent()) {
      code = video.get().failureCode();
      message = video.get().failureMessage();
    }
    if (code != null) {
      ObjectNode error = data.putObject("error");
      error.put("code", code);
      error.put("message", message);
    }
  }
}
