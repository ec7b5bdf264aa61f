package io.vodkit.storage.fs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the presigned PUT URLs of one {@link FsObjectStorage}. Every check (method, key,
 * signature, expiry, upload, part number, Content-Length, size limit) happens before a byte of the
 * body is read; the body is then streamed to a staging file with its MD5, checked against {@code
 * Content-MD5} if sent, and only then renamed into place. Errors are JSON: {@code
 * {"error":{"code":…,"message":…}}}. Thread-safe; one instance serves all handler threads.
 */
final class UploadHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(FsUploadServer.class);
  private static final int MAX_CONTENT_TYPE_LENGTH = 255;

  private final FsObjectStorage storage;
  private final String uploadPath;
  private final AtomicInteger inFlight = new AtomicInteger();

  UploadHandler(FsObjectStorage storage) {
    this.storage = storage;
    this.uploadPath = storage.endpoint().uploadPath();
  }

  /** Requests being handled right now. */
  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      Headers out = exchange.getResponseHeaders();
      out.set("Access-Control-Allow-Origin", "*");
      out.set("Access-Control-Expose-Headers", "ETag");
      try {
        switch (exchange.getRequestMethod()) {
          case "PUT" -> put(exchange);
          case "OPTIONS" -> preflight(exchange);
          default -> {
            out.set("Allow", "PUT, OPTIONS");
            throw new Rejection(405, "method_not_allowed", "upload URLs only accept PUT");
          }
        }
      } catch (Rejection r) {
        sendError(exchange, r.status, r.code, r.getMessage());
      } catch (VodkitException e) {
        if (e.code() == ErrorCode.STORAGE_FAILED) {
          log.warn("upload to {} failed", exchange.getRequestURI().getRawPath(), e);
        }
        sendError(exchange, e.code().httpStatus(), e.code().wireName(), e.getMessage());
      } catch (IOException | RuntimeException e) {
        log.warn("upload to {} failed", exchange.getRequestURI().getRawPath(), e);
        sendError(exchange, 500, "storage_failed", "the upload could not be stored; retry it");
      }
    } catch (IOException e) {
      log.debug("could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }

  private void preflight(HttpExchange exchange) throws IOException, Rejection {
    keyOf(exchange.getRequestURI());
    Headers out = exchange.getResponseHeaders();
    out.set("Access-Control-Allow-Methods", "PUT");
    out.set("Access-Control-Allow-Headers", "Content-Type, Content-MD5");
    out.set("Access-Control-Max-Age", "3600");
    exchange.sendResponseHeaders(204, -1);
  }

  private void put(HttpExchange exchange) throws IOException, Rejection {
    URI uri = exchange.getRequestURI();
    SignedUrls.Request request = verifiedRequest(keyOf(uri), uri.getRawQuery());
    if (request.isPart()) {
      if (request.partNumber() < 1 || request.partNumber() > FsMultipartUploads.MAX_PART_NUMBER) {
        throw new Rejection(400, "invalid_request", "part number must be 1..10000");
      }
      if (!storage.multipart().exists(request.key(), request.uploadId())) {
        throw new Rejection(404, "not_found", "upload " + request.uploadId() + " does not exist (completed or aborted?)");
      }
    }
    Headers in = exchange.getRequestHeaders();
    long length = contentLength(in, request.size());
    byte[] expectedMd5 = contentMd5(in.getFirst("Content-MD5"));
    String etag;
    try (StagedFile staged = storage.stage(exchange.getRequestBody(), length)) {
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, staged.md5())) {
        throw new Rejection(
            400, "bad_digest", "the body's MD5 " + staged.md5Hex() + " does not match the Content-MD5 header; nothing was stored");
      }
      if (request.isPart()) {
        etag = storage.multipart().commitPart(request.key(), request.uploadId(), request.partNumber(), staged).etag();
      } else {
        ObjectMetadata metadata = ObjectMetadata.of(contentType(in.getFirst("Content-Type")), CachePolicy.PRIVATE);
        etag = storage.commit(request.key(), staged, metadata, staged.md5Hex()).etag();
      }
    } catch (IncompleteBodyException e) {
      throw new Rejection(400, "incomplete_body", e.getMessage() + "; nothing was stored");
    }
    exchange.getResponseHeaders().set("ETag", "\"" + etag + "\"");
    exchange.sendResponseHeaders(200, -1);
  }

  /** The object key in the URL path; 404 outside the upload path, 400 if it is not a valid key. */
  private String keyOf(URI uri) throws Rejection {
    String rawPath = uri.getRawPath();
    if (rawPath == null || !rawPath.startsWith(uploadPath)) {
      throw new Rejection(404, "not_found", "nothing is served here; upload URLs start with " + uploadPath);
    }
    String key = ObjectKeys.percentDecode(rawPath.substring(uploadPath.length()));
    if (key == null || !ObjectKeys.isValid(key)) {
      throw new Rejection(400, "invalid_request", "the URL does not name a valid object key");
    }
    return key;
  }

  private SignedUrls.Request verifiedRequest(String key, String rawQuery) throws Rejection {
    Map<String, String> q = SignedUrls.parseQuery(rawQuery);
    if (q == null || !q.containsKey("signature") || !q.containsKey("size") || !q.containsKey("expires")
        || q.containsKey("uploadId") != q.containsKey("partNumber")) {
      throw invalidSignature();
    }
    SignedUrls.Request request;
    try {
      String uploadId = q.get("uploadId");
      int partNumber = uploadId == null ? 0 : Integer.parseInt(q.get("partNumber"));
      request = new SignedUrls.Request(
          key, uploadId, partNumber, Long.parseLong(q.get("size")), Long.parseLong(q.get("expires")));
    } catch (NumberFormatException e) {
      throw invalidSignature();
    }
    if (!storage.signedUrls().verify(request, q.get("signature"))) {
      throw invalidSignature();
    }
    Instant now = storage.clock().instant();
    if (now.isAfter(Instant.ofEpochSecond(request.expiresEpochSecond()))) {
      throw new Rejection(
          403, "signature_expired", "this upload URL expired at " + Instant.ofEpochSecond(request.expiresEpochSecond())
              + "; ask for a new one");
    }
    return request;
  }

  private static Rejection invalidSignature() {
    return new Rejection(403, "signature_invalid", "the URL's signature does not match; use the URL exactly as issued");
  }

  private long contentLength(Headers in, long signedSize) throws Rejection {
    String header = in.getFirst("Content-Length");
    if (header == null || in.containsKey("Transfer-Encoding")) {
      throw new Rejection(411, "length_required", "send the part with a Content-Length header (no chunked encoding)");
    }
    long length;
    try {
      length = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw new Rejection(400, "invalid_request", "Content-Length is not a number");
    }
    if (length != signedSize) {
      throw new Rejection(
          400, "invalid_request", "this URL accepts exactly " + signedSize + " bytes but Content-Length is " + length);
    }
    if (length > storage.maxPartSizeBytes()) {
      throw new Rejection(
          413, "payload_too_large", length + " bytes exceed the limit of " + storage.maxPartSizeBytes() + " per part");
    }
    return length;
  }

  private static byte[] contentMd5(String header) throws Rejection {
    if (header == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(header.trim());
      if (md5.length == 16) {
        return md5;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new Rejection(400, "bad_digest", "Content-MD5 must be the base64 of a 16-byte MD5 digest");
  }

  private static String contentType(String header) {
    if (header == null || header.isBlank() || header.length() > MAX_CONTENT_TYPE_LENGTH
        || header.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return FsObjectStorage.DEFAULT_CONTENT_TYPE;
    }
    return header.trim();
  }

  private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
    ObjectNode body = Sidecars.JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    byte[] bytes = Sidecars.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** A request refused with an HTTP status and a wire error code. */
  static final class Rejection extends Exception {
    final int status;
    final String code;

    Rejection(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
