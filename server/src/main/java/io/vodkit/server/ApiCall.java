package io.vodkit.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * One authenticated API call as a route sees it: the owner, the path parameters, the query and the
 * raw body (parsed on demand). Routes note the video they touched for the request log.
 */
final class ApiCall {
  private final String owner;
  private final Map<String, String> params;
  private final Function<String, String> query;
  private final byte[] body;
  private String videoId;
  private String jobId;

  ApiCall(String owner, Map<String, String> params, Function<String, String> query, byte[] body) {
    this.owner = owner;
    this.params = Map.copyOf(params);
    this.query = query;
    this.body = body;
  }

  /** The owner the bearer token maps to (null only on public routes). */
  String owner() {
    return owner;
  }

  /** A path parameter, e.g. {@code id} of {@code /v1/videos/:id}. */
  String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return v;
  }

  /** A query parameter, or null. */
  String query(String name) {
    return query.apply(name);
  }

  /** The body as a JSON object; 400 naming where it is malformed, or that it is missing. */
  JsonNode json() {
    if (body.length == 0) {
      throw ApiException.invalid("body", "a JSON object body is required");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (MismatchedInputException e) {
      throw ApiException.invalid(fieldOf(e), "malformed JSON: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw ApiException.invalid("body", "malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.invalid("body", "unreadable body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.invalid("body", "the body must be a JSON object");
    }
    return node;
  }

  /** The body as a JSON object, or an empty object when there is none. */
  JsonNode jsonOrEmpty() {
    return body.length == 0 ? Json.object() : json();
  }

  private static String fieldOf(MismatchedInputException e) {
    return e.getPath().isEmpty() ? "body" : e.getPathReference();
  }

  /** Notes the video this call is about, for the request log. */
  void touch(String videoId) {
    this.videoId = videoId;
  }

  String videoId() {
    return videoId;
  }

  /** Notes the transcode job this call is about, for the request log. */
  void touchJob(String jobId) {
    this.jobId = jobId;
  }

  String jobId() {
    return jobId;
  }
}
