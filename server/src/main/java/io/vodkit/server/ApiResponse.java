package io.vodkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a route answers: a status, a JSON body (null for 204) and extra headers.
 *
 * @param status HTTP status
 * @param body JSON body, or null for none
 * @param headers extra response headers (e.g. {@code Location})
 */
record ApiResponse(int status, JsonNode body, Map<String, String> headers) {
  ApiResponse {
    headers = Map.copyOf(headers);
  }

  static ApiResponse of(int status, JsonNode body) {
    return new ApiResponse(status, body, Map.of());
  }

  static ApiResponse ok(JsonNode body) {
    return of(200, body);
  }

  static ApiResponse noContent() {
    return of(204, null);
  }

  static ApiResponse error(ApiException e) {
    var node = Json.object();
    var error = node.putObject("error").put("code", e.code).put("message", e.getMessage());
    if (e.field != null) {
      error.put("field", e.field);
    }
    return of(e.status, node);
  }
}
