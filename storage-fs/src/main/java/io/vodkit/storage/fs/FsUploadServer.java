package io.vodkit.storage.fs;

import com.sun.net.httpserver.HttpServer;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP listener behind {@link FsObjectStorage}'s presigned URLs: accepts signed {@code PUT}s
 * of parts and whole objects, answers CORS preflights so browsers can upload directly, and serves
 * nothing else (no GETs). Built on the JDK's {@link HttpServer} with a fixed pool of handler
 * threads; bodies are streamed to disk through a 64 KiB buffer, never held in memory.
 *
 * <p>A request is refused before any byte is written unless it is a PUT (405) to a valid key
 * (400) with a valid (403 {@code signature_invalid}), unexpired (403 {@code signature_expired})
 * signature, for an existing upload (404) and part number 1..10000, with a Content-Length (411)
 * equal to the signed size (400) and at most {@link FsObjectStorage#maxPartSizeBytes()} (413).
 * A body whose MD5 differs from {@code Content-MD5} (400 {@code bad_digest}) or that ends early
 * (400) leaves any earlier copy of the part untouched. Success answers 200 with {@code ETag:
 * "<md5 hex>"}.
 *
 * <p>Lifecycle: whoever calls {@link #start} closes the server; {@link
 * FsObjectStorage#withUploadServer} starts one the storage closes. The listener thread is not a
 * daemon, so an unclosed server keeps the JVM alive. Thread-safe.
 */
public final class FsUploadServer implements AutoCloseable {
  /** Handler threads unless configured otherwise: at most this many uploads run at once. */
  public static final int DEFAULT_THREADS = 16;

  private static final int BACKLOG = 128;
  private static final int CLOSE_GRACE_SECONDS = 2;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer http;
  private final ExecutorService executor;
  private final UploadHandler handler;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FsUploadServer(HttpServer http, ExecutorService executor, UploadHandler handler) {
    this.http = http;
    this.executor = executor;
    this.handler = handler;
  }

  /** Starts serving {@code storage}'s upload URLs on {@code bind} with 16 handler threads. */
  public static FsUploadServer start(FsObjectStorage storage, InetSocketAddress bind) {
    return start(storage, bind, DEFAULT_THREADS);
  }

  /** Starts serving {@code storage}'s upload URLs on {@code bind} with {@code threads} handler threads. */
  public static FsUploadServer start(FsObjectStorage storage, InetSocketAddress bind, int threads) {
    Objects.requireNonNull(storage, "storage");
    HttpServer http = bind(bind);
    try {
      return attach(http, storage, threads);
    } catch (RuntimeException | Error e) {
      http.stop(0);
      throw e;
    }
  }

  /** Binds (but does not start) a listener, so the actual port is known before the storage exists. */
  static HttpServer bind(InetSocketAddress bind) {
    Objects.requireNonNull(bind, "bind");
    try {
      return HttpServer.create(bind, BACKLOG);
    } catch (IOException e) {
      throw VodkitException.configuration("cannot listen for uploads on " + bind + ": " + e.getMessage());
    }
  }

  /** Starts serving {@code storage} on an already bound listener. */
  static FsUploadServer attach(HttpServer http, FsObjectStorage storage, int threads) {
    if (threads < 1) {
      throw VodkitException.configuration("upload server threads must be positive, was " + threads);
    }
    UploadHandler handler = new UploadHandler(storage);
    ExecutorService executor = Executors.newFixedThreadPool(threads, threadFactory());
    http.createContext("/", handler);
    http.setExecutor(executor);
    http.start();
    return new FsUploadServer(http, executor, handler);
  }

  /** {@code http://host:port/} of a bound address; a wildcard address becomes the loopback address. */
  static URI baseUriOf(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null || ip.isAnyLocalAddress()) {
      ip = InetAddress.getLoopbackAddress();
    }
    try {
      return new URI("http", null, ip.getHostAddress(), address.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The address the listener is bound to (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code http://host:port/} of the listener itself (not necessarily the public uploads base URI). */
  public URI localUri() {
    return baseUriOf(address());
  }

  /**
   * Stops listening; uploads in progress get a short grace period, then their connections are
   * closed (their parts are not stored). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(handler.inFlight() > 0 ? CLOSE_GRACE_SECONDS : 0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FsUploadServer[" + localUri() + "]";
  }

  private static ThreadFactory threadFactory() {
    int server = SERVERS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "vodkit-upload-" + server + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
