package io.vodkit.storage.fs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The origin's error answers: JSON ({@code {"error":{"code":…,"message":…}}}), never cached,
 * with the CORS headers so a player can read them. Also installed as Jetty's error handler, so the
 * requests Jetty refuses before the origin sees them (ambiguous or malformed URIs such as {@code
 * %2e%2e} or {@code %2f} segments, bad headers) are answered the same way. Stateless.
 */
final class OriginErrors implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer s ? s : 500;
    Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    String code = switch (status) {
      case 400 -> "invalid_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      default -> "http_" + status;
    };
    addCors(response.getHeaders());
    send(request, response, callback, status, code, message == null ? "the request was refused" : message.toString());
    return true;
  }

  private static final HttpField ALLOW_ORIGIN = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
  private static final HttpField EXPOSE_HEADERS =
      new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, OriginHandler.EXPOSED_HEADERS);

  /** The CORS headers every answer carries. */
  static void addCors(HttpFields.Mutable out) {
    out.put(ALLOW_ORIGIN);
    out.put(EXPOSE_HEADERS);
  }

  /** Answers {@code status} with a JSON error body (headers only for HEAD) and completes {@code callback}. */
  static void send(Request request, Response response, Callback callback, int status, String code, String message) {
    if (response.isCommitted()) {
      callback.failed(new IOException("cannot answer " + status + " after the response started: " + message));
      return;
    }
    ObjectNode body = Sidecars.JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    byte[] bytes;
    try {
      bytes = Sidecars.JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(status);
    HttpFields.Mutable out = response.getHeaders();
    out.put("Content-Type", "application/json");
    out.put("Cache-Control", "no-store");
    out.put("Content-Length", Integer.toString(bytes.length));
    if (request.getMethod().equals("HEAD")) {
      callback.succeeded();
    } else {
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }
  }
}
