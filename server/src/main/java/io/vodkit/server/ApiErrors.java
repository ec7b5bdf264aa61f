package io.vodkit.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler on the API listener, so the requests Jetty refuses before the router sees
 * them (ambiguous URIs such as {@code %2e%2e}, bad headers, oversized headers) get the same JSON
 * error body as every other answer. Stateless.
 */
final class ApiErrors implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer s ? s : 500;
    Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    String code = switch (status) {
      case 400 -> "invalid_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
    ApiResponse answer =
        ApiResponse.error(new ApiException(status, code, message == null ? "the request was refused" : message.toString(), null));
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, java.nio.ByteBuffer.wrap(Json.bytes(answer.body())), callback);
    return true;
  }
}
