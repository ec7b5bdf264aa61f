package io.vodkit.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API listener's one Jetty handler: route, authenticate, rate-limit per owner, check and read the body (size cap,
 * JSON content type), apply {@code Idempotency-Key}, run the route, answer JSON, and write one
 * request-log line ({@code io.vodkit.server.access}, JSON: method, path, status, ms, owner, video
 * id, job id, request id). Every failure becomes a JSON error with its status; nothing escapes as a stack
 * trace. Blocking (runs on Jetty's pool). Thread-safe.
 */
final class ApiHandler extends Handler.Abstract {
  /** Largest too-large body still read to its end (and dropped) before the 413 is sent. */
  static final long DRAIN_LIMIT_BYTES = 1L << 20;

  /** Marks a 413 whose body was left unread: the connection is closed after the answer. */
  private static final ApiException BODY_LEFT_UNREAD = new ApiException(413, "payload_too_large", "unread body", "body");

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final Logger access = LoggerFactory.getLogger("io.vodkit.server.access");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  private final Router router;
  private final BearerTokens tokens;
  private final IdempotencyKeys idempotency;
  private final RateLimiter rateLimiter;
  private final int maxJsonBytes;
  private final InstantSource clock;

  ApiHandler(
      Router router, BearerTokens tokens, IdempotencyKeys idempotency, RateLimiter rateLimiter, int maxJsonBytes,
      InstantSource clock) {
    this.router = router;
    this.tokens = tokens;
    this.idempotency = idempotency;
    this.rateLimiter = rateLimiter;
    this.maxJsonBytes = maxJsonBytes;
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String requestId = "req_" + HexFormat.of().formatHex(randomBytes(8));
    String method = request.getMethod();
    String path = request.getHttpURI().getDecodedPath();
    String[] owner = new String[1];
    ApiCall[] call = new ApiCall[1];
    ApiResponse answer;
    boolean replayed = false;
    try {
      Router.Match match = router.match(method, path);
      Router.Route route = match.route();
      if (route.authenticated()) {
        owner[0] = tokens.owner(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        rateLimiter.acquire(owner[0], System.nanoTime());
      }
      byte[] body = route.body() ? readJsonBody(request) : new byte[0];
      Fields query;
      try {
        query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        throw ApiException.invalid("query", "the query string is malformed: " + e.getMessage());
      }
      call[0] = new ApiCall(owner[0], match.params(), query::getValue, body);
      String key = request.getHeaders().get("Idempotency-Key");
      if (key != null && "POST".equals(method) && owner[0] != null) {
        checkIdempotencyKey(key);
        String fingerprint = BearerTokens.digest(method + " " + path + "\n" + new String(body, StandardCharsets.ISO_8859_1));
        IdempotencyKeys.Claim claim = idempotency.claim(owner[0], key, fingerprint, clock.instant());
        if (claim instanceof IdempotencyKeys.Replay r) {
          replayed = true;
          answer = new ApiResponse(r.status(), r.body().length == 0 ? null : Json.MAPPER.readTree(r.body()), Map.of());
        } else {
          answer = run(route, call[0]);
          if (answer.status() >= 500) {
            idempotency.release(owner[0], key);
          } else {
            idempotency.finish(owner[0], key, answer.status(), answer.body() == null ? null : Json.bytes(answer.body()));
          }
        }
      } else {
        answer = run(route, call[0]);
      }
    } catch (RateLimiter.TooManyRequests e) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
      answer = ApiResponse.error(e.error);
    } catch (Router.MethodNotAllowed e) {
      response.getHeaders().put(HttpHeader.ALLOW, e.allow);
      answer = ApiResponse.error(e.error);
    } catch (ApiException e) {
      if (e == BODY_LEFT_UNREAD) {
        // the rest of the body was never read: close the connection, and say so, so no client
        // sends its next request on a connection the server is about to drop
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        e = tooLarge();
      }
      answer = ApiResponse.error(e);
    } catch (VodkitException e) {
      answer = failure(e, method, path);
    } catch (IOException | RuntimeException e) {
      log.error("{} {} failed (request {})", method, path, requestId, e);
      answer = ApiResponse.error(new ApiException(500, "internal_error", "unexpected error; the server log has request " + requestId, null));
    }
    write(response, callback, answer, requestId, replayed);
    logLine(method, path, answer.status(), start, owner[0], call[0], requestId);
    return true;
  }

  /** Runs a route; every failure becomes its JSON error answer (so idempotent replays include errors). */
  private static ApiResponse run(Router.Route route, ApiCall call) {
    try {
      return route.action().run(call);
    } catch (ApiException e) {
      return ApiResponse.error(e);
    } catch (VodkitException e) {
      return failure(e, route.method(), route.pattern());
    }
  }

  private static ApiResponse failure(VodkitException e, String method, String path) {
    if (e.code().httpStatus() >= 500) {
      log.warn("{} {} failed: {}", method, path, e.getMessage(), e);
    }
    return ApiResponse.error(ApiException.of(e));
  }

  private byte[] readJsonBody(Request request) throws IOException {
    long declared = request.getLength();
    if (declared > maxJsonBytes) {
      throw drainedOrLeft(request);
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (declared != 0 && !isJson(contentType)) {
      throw new ApiException(
          415, "unsupported_media_type",
          "send the body as application/json (got " + (contentType == null ? "no Content-Type" : contentType) + ")",
          "Content-Type");
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(maxJsonBytes + 1);
      if (body.length > maxJsonBytes) {
        throw drain(in) ? tooLarge() : BODY_LEFT_UNREAD;
      }
    }
    if (body.length > 0 && !isJson(contentType)) {
      throw new ApiException(415, "unsupported_media_type", "send the body as application/json", "Content-Type");
    }
    return body;
  }

  /**
   * A too-large body is read and dropped when it is at most {@link #DRAIN_LIMIT_BYTES}, so the
   * client gets its 413 on a connection that stays usable (answering while it still sends would
   * race the client's write against the server's close); a larger one is left unread and the
   * connection closed.
   */
  private ApiException drainedOrLeft(Request request) throws IOException {
    if (request.getLength() > DRAIN_LIMIT_BYTES) {
      return BODY_LEFT_UNREAD;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      return drain(in) ? tooLarge() : BODY_LEFT_UNREAD;
    }
  }

  /** Reads and drops the rest of {@code in} up to the limit; true if it ended within it. */
  private static boolean drain(InputStream in) throws IOException {
    long dropped = in.skip(DRAIN_LIMIT_BYTES);
    return dropped < DRAIN_LIMIT_BYTES || in.read() < 0;
  }

  private ApiException tooLarge() {
    return new ApiException(413, "payload_too_large", "JSON bodies are limited to " + maxJsonBytes + " bytes", "body");
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
  }

  private static void checkIdempotencyKey(String key) {
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ApiException.invalid("Idempotency-Key", "Idempotency-Key must be 1.." + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
    }
  }

  private static void write(Response response, Callback callback, ApiResponse answer, String requestId, boolean replayed) {
    response.setStatus(answer.status());
    var headers = response.getHeaders();
    headers.put("X-Request-Id", requestId);
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    if (replayed) {
      headers.put("Idempotent-Replayed", "true");
    }
    answer.headers().forEach(headers::put);
    if (answer.body() == null) {
      callback.succeeded();
      return;
    }
    headers.put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(Json.bytes(answer.body())), callback);
  }

  private static void logLine(String method, String path, int status, long startNanos, String owner, ApiCall call, String requestId) {
    ObjectNode line = Json.object();
    line.put("method", method).put("path", path).put("status", status)
        .put("ms", (System.nanoTime() - startNanos) / 1_000_000)
        .put("owner", owner)
        .put("video_id", call == null ? null : call.videoId())
        .put("job_id", call == null ? null : call.jobId())
        .put("request_id", requestId);
    access.info("{}", line);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
