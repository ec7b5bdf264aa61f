package io.vodkit.storage.fs;

import io.vodkit.VodkitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the origin's requests: GET and HEAD of public objects with validators, conditional
 * requests and single byte ranges; CORS preflights; 405 for every other method. Which paths may
 * be served is {@link OriginPaths}' call; how bytes are read is {@link BodySender}'s; errors are
 * {@link OriginErrors}'. Declared non-blocking: small remembered objects are answered on the
 * calling thread, anything that may block is handed to the server's pool. Thread-safe.
 */
final class OriginHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(FsOriginServer.class);

  static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
  static final String EXPOSED_HEADERS = "Content-Range, Content-Length, ETag, Last-Modified, Accept-Ranges";
  static final String ALLOWED_REQUEST_HEADERS = "Range, If-None-Match, If-Modified-Since, If-Range";
  private static final int OPEN_ATTEMPTS = 3;
  private static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");

  private final OriginPaths paths;
  private final OriginCache cache;
  private final BodySender sender;

  OriginHandler(OriginPaths paths, OriginCache cache, BodySender sender) {
    super(InvocationType.NON_BLOCKING);
    this.paths = paths;
    this.cache = cache;
    this.sender = sender;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpFields.Mutable out = response.getHeaders();
    OriginErrors.addCors(out);
    guarded(request, response, callback, () -> {
      switch (request.getMethod()) {
        case "GET" -> serveFromMemoryOrDispatch(request, response, callback, true);
        case "HEAD" -> serveFromMemoryOrDispatch(request, response, callback, false);
        case "OPTIONS" -> {
          preflight(request, response);
          callback.succeeded();
        }
        default -> {
          out.put("Allow", ALLOWED_METHODS);
          throw new OriginRejection(405, "method_not_allowed", "the origin only serves GET, HEAD and OPTIONS");
        }
      }
    });
    return true;
  }

  /**
   * Answers at once, on the thread Jetty called in on (often its selector: this handler is
   * declared non-blocking), when the object is small and remembered and no throttle is on: that
   * costs one {@code stat} and a buffer write. Everything that may block (metadata and file
   * reads, large bodies, the throttle) goes to the server's thread pool.
   */
  private void serveFromMemoryOrDispatch(Request request, Response response, Callback callback, boolean withBody)
      throws IOException, OriginRejection {
    String key = OriginPaths.keyOf(request.getHttpURI().getPath());
    OriginCache.Entry entry = cache.find(key);
    if (entry != null && entry.body() != null && !sender.throttle().isOn()) {
      answer(request, response, callback, withBody, entry, null);
    } else {
      getServer().getThreadPool().execute(
          () -> guarded(request, response, callback, () -> serve(request, response, callback, withBody, key)));
    }
  }

  /** Runs {@code step}, answering its rejections and failures. */
  private static void guarded(Request request, Response response, Callback callback, Step step) {
    try {
      step.run();
    } catch (OriginRejection r) {
      OriginErrors.send(request, response, callback, r.status, r.code, r.getMessage());
    } catch (VodkitException e) {
      log.warn("origin could not serve {}", request.getHttpURI().getPath(), e);
      OriginErrors.send(request, response, callback, 500, "storage_failed", "the object could not be read; retry");
    } catch (IOException | RuntimeException e) {
      log.debug("could not answer {} {}", request.getMethod(), request.getHttpURI(), e);
      callback.failed(e);
    }
  }

  /** One part of answering a request. */
  @FunctionalInterface
  private interface Step {
    void run() throws IOException, OriginRejection;
  }

  private static void preflight(Request request, Response response) throws OriginRejection {
    OriginPaths.keyOf(request.getHttpURI().getPath());
    HttpFields.Mutable out = response.getHeaders();
    out.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    out.put("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS);
    out.put("Access-Control-Max-Age", "86400");
    response.setStatus(204);
  }

  /** Answers from the cache or the file, on a pool thread: may block. */
  private void serve(Request request, Response response, Callback callback, boolean withBody, String key)
      throws IOException, OriginRejection {
    for (int attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
      OriginCache.Entry entry = cache.find(key);
      if (entry == null) {
        entry = cache.load(key, paths.fileOf(key));
      }
      if (entry.body() != null) {
        answer(request, response, callback, withBody, entry, null);
        return;
      }
      try (FileChannel channel = FileChannel.open(entry.file(), StandardOpenOption.READ)) {
        if (channel.size() == entry.size()) {
          answer(request, response, callback, withBody, entry, channel);
          return;
        }
      } catch (NoSuchFileException e) {
        // deleted or replaced since the checks: look again
      }
      cache.forget(key);
    }
    throw new OriginRejection(503, "object_changing", "the object changed while it was being read; retry");
  }

  /**
   * Sends the headers and, for a GET, the body (from {@code entry} when it holds it, else from
   * {@code file}); completes {@code callback} once all is sent.
   */
  private void answer(Request request, Response response, Callback callback, boolean withBody,
      OriginCache.Entry entry, FileChannel file) throws IOException, OriginRejection {
    long size = entry.size();
    Validators validators = entry.validators();
    HttpFields in = request.getHeaders();
    HttpFields.Mutable out = response.getHeaders();
    out.add(entry.etag());
    out.add(entry.lastModified());
    out.add(entry.cacheControl());
    if (validators.notModified(in.get(HttpHeader.IF_NONE_MATCH), in.get(HttpHeader.IF_MODIFIED_SINCE))) {
      response.setStatus(304);
      callback.succeeded();
      return;
    }
    out.add(ACCEPT_RANGES);
    ByteRange range =
        withBody && validators.rangeApplies(in.get(HttpHeader.IF_RANGE))
            ? ByteRange.parse(in.get(HttpHeader.RANGE), size)
            : ByteRange.parse(null, size);
    if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
      out.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
      throw new OriginRejection(416, "range_not_satisfiable", "the object has " + size + " bytes");
    }
    out.add(entry.contentType());
    long start = 0;
    if (range.kind() == ByteRange.Kind.PARTIAL) {
      response.setStatus(206);
      start = range.start();
      out.add(HttpHeader.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + size);
    } else {
      response.setStatus(200);
    }
    long length = range.length(size);
    out.add(HttpHeader.CONTENT_LENGTH, length);
    if (!withBody || length == 0) {
      callback.succeeded();
    } else if (sender.fitsOneWrite(length)) {
      ByteBuffer body = entry.body() != null
          ? ByteBuffer.wrap(entry.body(), (int) start, (int) length)
          : sender.read(file, start, (int) length);
      response.write(true, body, callback); // headers and body in one write
    } else if (file != null && sender.canMap(length)) {
      // zero-copy: the kernel sends the mapped page-cache pages; the mapping outlives the channel
      response.write(true, sender.map(file, start, length), callback);
    } else {
      try (OutputStream body = Content.Sink.asOutputStream(response)) {
        if (entry.body() != null) {
          sender.send(ByteBuffer.wrap(entry.body(), (int) start, (int) length), body);
        } else {
          sender.send(file, start, length, body);
        }
      }
      callback.succeeded();
    }
  }
}
