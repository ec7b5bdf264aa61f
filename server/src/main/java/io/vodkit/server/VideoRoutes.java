package io.vodkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodkit.CompletedPart;
import io.vodkit.NewUpload;
import io.vodkit.TranscodeJob;
import io.vodkit.TranscodeStatus;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPage;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.Transcoder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The video endpoints over {@link VideoPipeline}: create an upload, inspect / complete / abort it,
 * publish, read the video and its transcode status, cancel, list and delete. Another owner's
 * video is answered exactly like a missing one (404), never 403. Stateless but for its parts.
 */
final class VideoRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("title", "description", "content_type", "file_size");
  private static final int DEFAULT_PAGE = 20;

  private final VideoPipeline pipeline;
  private final VideoJson json;

  VideoRoutes(VideoPipeline pipeline) {
    this.pipeline = pipeline;
    this.json = new VideoJson(pipeline.baseUrls());
  }

  /** Adds every video route to {@code router}. */
  void addTo(Router router) {
    router
        .post("/v1/videos", true, this::create)
        .get("/v1/videos", this::list)
        .get("/v1/videos/:id", this::get)
        .delete("/v1/videos/:id", this::delete)
        .get("/v1/videos/:id/upload", this::upload)
        .delete("/v1/videos/:id/upload", this::abort)
        .post("/v1/videos/:id/upload/complete", true, this::complete)
        .post("/v1/videos/:id/publish", false, this::publish)
        .get("/v1/videos/:id/transcode-status", this::transcodeStatus)
        .post("/v1/videos/:id/cancel", false, this::cancel);
  }

  private ApiResponse create(ApiCall call) {
    JsonNode body = call.json();
    for (Map.Entry<String, JsonNode> property : body.properties()) {
      String f = property.getKey();
      if (!CREATE_FIELDS.contains(f)) {
        throw ApiException.invalid(f, "unknown field " + f + "; expected " + CREATE_FIELDS);
      }
    }
    NewUpload upload =
        new NewUpload(
            call.owner(), text(body, "title", true), text(body, "description", false),
            text(body, "content_type", true), size(body, "file_size"));
    UploadSession session = pipeline.createUpload(upload);
    call.touch(session.videoId());
    return new ApiResponse(
        201, json.created(session),
        Map.of("Location", json.apiUrl("v1/videos/" + session.videoId()).toString()));
  }

  private ApiResponse get(ApiCall call) {
    Video v = owned(call);
    return ApiResponse.ok(videoNode(v));
  }

  private ObjectNode videoNode(Video v) {
    boolean playable = v.status() == VideoStatus.READY || v.status() == VideoStatus.PARTIAL;
    URI hls = playable ? pipeline.manifestUrl(v.id()) : null;
    URI dash = playable ? pipeline.dashManifestUrl(v.id()) : null;
    URI thumb =
        playable && pipeline.storage().head(VideoPipeline.videoPrefix(v.id()) + Transcoder.POSTER).isPresent()
            ? pipeline.thumbnailUrl(v.id())
            : null;
    return json.video(v, pipeline.viewCount(v.id()), hls, dash, thumb);
  }

  private ApiResponse upload(ApiCall call) {
    Video v = owned(call);
    if (v.status() != VideoStatus.AWAITING_UPLOAD) {
      throw VodkitException.conflict("the upload of " + v.id() + " is already complete (video is " + v.status().wireName() + ")");
    }
    return ApiResponse.ok(json.upload(pipeline.uploadSession(v.id()), v.status(), pipeline.uploadedParts(v.id())));
  }

  private ApiResponse complete(ApiCall call) {
    Video v = owned(call);
    JsonNode body = call.json();
    JsonNode parts = body.path("parts");
    List<CompletedPart> completed = new ArrayList<>();
    if (!parts.isMissingNode() && !parts.isNull()) {
      if (!parts.isArray()) {
        throw ApiException.invalid("parts", "parts must be an array of {part_number, etag}");
      }
      for (int i = 0; i < parts.size(); i++) {
        JsonNode p = parts.get(i);
        JsonNode n = p.path("part_number");
        JsonNode etag = p.path("etag");
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
          throw ApiException.invalid("parts[" + i + "].part_number", "part_number must be an integer");
        }
        if (!etag.isTextual()) {
          throw ApiException.invalid("parts[" + i + "].etag", "etag must be a string");
        }
        completed.add(new CompletedPart(n.intValue(), etag.textValue()));
      }
    }
    return ApiResponse.ok(videoNode(pipeline.completeUpload(v.id(), completed)));
  }

  private ApiResponse abort(ApiCall call) {
    Video v = owned(call);
    if (v.status() != VideoStatus.AWAITING_UPLOAD) {
      throw VodkitException.conflict(
          "the upload of " + v.id() + " is already complete; DELETE /v1/videos/" + v.id() + " removes the video");
    }
    pipeline.delete(v.id());
    return ApiResponse.noContent();
  }

  private ApiResponse publish(ApiCall call) {
    Video v = owned(call);
    TranscodeJob job = pipeline.publish(v.id());
    call.touchJob(job.id());
    return ApiResponse.of(202, json.published(job, pipeline.video(v.id()).status()));
  }

  private ApiResponse transcodeStatus(ApiCall call) {
    Video v = owned(call);
    TranscodeStatus status = pipeline.transcodeStatus(v.id());
    call.touchJob(status.jobId());
    return ApiResponse.ok(json.transcodeStatus(status));
  }

  private ApiResponse cancel(ApiCall call) {
    Video v = owned(call);
    call.touchJob(pipeline.cancel(v.id()).id());
    return ApiResponse.ok(json.transcodeStatus(pipeline.transcodeStatus(v.id())));
  }

  private ApiResponse delete(ApiCall call) {
    Video v = owned(call);
    pipeline.delete(v.id());
    return ApiResponse.noContent();
  }

  private ApiResponse list(ApiCall call) {
    int limit = DEFAULT_PAGE;
    String l = call.query("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw ApiException.invalid("limit", "limit must be an integer 1.." + VideoPage.MAX_LIMIT);
      }
    }
    VideoPage page = pipeline.listVideos(call.owner(), call.query("cursor"), limit);
    ObjectNode n = Json.object();
    ArrayNode videos = n.putArray("videos");
    for (Video v : page.videos()) {
      videos.add(videoNode(v));
    }
    n.put("next_cursor", page.nextCursor());
    return ApiResponse.ok(n);
  }

  /** The caller's video, or 404 exactly as for a video that does not exist. */
  private Video owned(ApiCall call) {
    String id = call.param("id");
    call.touch(id);
    Video v = pipeline.video(id);
    if (!v.ownerId().equals(call.owner())) {
      throw VodkitException.notFound("video " + id);
    }
    return v;
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiException.invalid(field, field + " is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.invalid(field, field + " must be a string");
    }
    return n.textValue();
  }

  private static long size(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw ApiException.invalid(field, field + " is required (bytes)");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ApiException.invalid(field, field + " must be an integer number of bytes");
    }
    return n.longValue();
  }
}
