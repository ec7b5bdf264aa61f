package io.vodkit.storage.fs;

import io.vodkit.VodkitException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The origin behind the "cdn" base URL of an {@link FsObjectStorage}: serves the public objects
 * (keys under {@code videos/}) over HTTP/1.1 to players and CDN edges, on its own listener,
 * separate from the {@link FsUploadServer}.
 *
 * <ul>
 *   <li>{@code GET} and {@code HEAD}, with {@code Content-Type} by extension ({@code .m3u8}
 *       {@code application/vnd.apple.mpegurl}, {@code .mpd} {@code application/dash+xml}, {@code
 *       .mp4} {@code video/mp4}, {@code .m4s} {@code video/iso.segment}, images, {@code .vtt}),
 *       {@code Cache-Control} as stored with the object (segments immutable for a year, manifests
 *       30 s), a strong {@code ETag} and {@code Last-Modified};
 *   <li>conditional requests: {@code If-None-Match} and {@code If-Modified-Since} answer 304;
 *   <li>one byte range per request: 206 with {@code Content-Range}, 416 when unsatisfiable; a
 *       multi-range request gets the whole object (200); {@code If-Range} is honoured;
 *   <li>CORS for players on any origin: {@code Access-Control-Allow-Origin: *}, the range and
 *       validator headers exposed, {@code OPTIONS} preflights answered 204;
 *   <li>nothing else: no directory listings, no {@code raw/} uploads and no other key outside
 *       {@code videos/} (404), no path tricks ({@code ..}, {@code %2e%2e}, {@code %2f}, absolute
 *       paths, backslashes: 400; a symbolic link anywhere on the path: 404), other methods 405.
 * </ul>
 *
 * <p>An optional throttle caps the bytes per second of all response bodies together, like one
 * network link, so tests can make players switch renditions; it can be changed while serving.
 *
 * <p>Runs on Jetty (HTTP/1.1, keep-alive, {@code TCP_NODELAY}) with a bounded thread pool: the
 * JDK's {@code com.sun.net.httpserver} reached a tenth of nginx on small objects, see
 * src-docs/delivery.md. Lifecycle: whoever calls {@link #start} (or {@link Builder#start})
 * closes the server; the storage does not own it. Thread-safe.
 */
public final class FsOriginServer implements AutoCloseable {
  /**
   * Threads in the pool unless configured otherwise: they bound the responses sent from files at
   * once (small remembered objects are answered without taking one).
   */
  public static final int DEFAULT_THREADS = 32;

  /** The fewest threads the server accepts: Jetty's acceptor and selector need some of them. */
  public static final int MIN_THREADS = 8;

  /** The only key prefix the origin serves. */
  public static final String SERVED_PREFIX = OriginPaths.SERVED_PREFIX;

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final Server server;
  private final ServerConnector connector;
  private final Throttle throttle;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FsOriginServer(Server server, ServerConnector connector, Throttle throttle) {
    this.server = server;
    this.connector = connector;
    this.throttle = throttle;
  }

  /** Starts serving {@code storage}'s public objects on {@code bind} (port 0 picks a free port). */
  public static FsOriginServer start(FsObjectStorage storage, InetSocketAddress bind) {
    return builder(storage).start(bind);
  }

  /** A builder for the thread count and the throttle. */
  public static Builder builder(FsObjectStorage storage) {
    return new Builder(storage);
  }

  /** The address the listener is bound to (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    String host = connector.getHost();
    InetAddress ip;
    try {
      ip = host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
    } catch (IOException e) {
      ip = InetAddress.getLoopbackAddress();
    }
    return new InetSocketAddress(ip, connector.getLocalPort());
  }

  /**
   * {@code http://host:port/}: the "cdn" base URL to configure, under which {@code
   * videos/{id}/manifest.m3u8} is served. A wildcard bind address becomes the loopback address.
   */
  public URI baseUri() {
    return FsUploadServer.baseUriOf(address());
  }

  /**
   * Caps the bytes per second of all response bodies together; 0 lifts the cap. Takes effect for
   * the next chunk of every response, including those being sent.
   */
  public void throttle(long bytesPerSecond) {
    throttle.set(bytesPerSecond);
  }

  /** The current cap in bytes per second, 0 when none. */
  public long throttleBytesPerSecond() {
    return throttle.bytesPerSecond();
  }

  /** Stops listening and closes every connection at once, cutting responses in progress. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw VodkitException.storage("cannot stop the origin server: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "FsOriginServer[" + baseUri() + "]";
  }

  /** Configures and starts an {@link FsOriginServer}. Not thread-safe; start once. */
  public static final class Builder {
    private final FsObjectStorage storage;
    private int threads = DEFAULT_THREADS;
    private long throttleBytesPerSecond;

    private Builder(FsObjectStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Size of the thread pool (responses sent at once, plus Jetty's own few); at least 8, default 32. */
    public Builder threads(int threads) {
      if (threads < MIN_THREADS) {
        throw VodkitException.configuration("origin threads must be at least " + MIN_THREADS + ", was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Initial cap on the bytes per second of all bodies together; default 0 (none). */
    public Builder throttleBytesPerSecond(long bytesPerSecond) {
      if (bytesPerSecond < 0) {
        throw VodkitException.configuration("throttle must be >= 0 bytes/s, was " + bytesPerSecond);
      }
      this.throttleBytesPerSecond = bytesPerSecond;
      return this;
    }

    /** Binds {@code bind} (port 0 picks a free port) and starts serving. */
    public FsOriginServer start(InetSocketAddress bind) {
      Objects.requireNonNull(bind, "bind");
      OriginPaths paths;
      try {
        paths = new OriginPaths(storage.layout());
      } catch (IOException e) {
        throw VodkitException.configuration("cannot serve " + storage.root() + ": " + e.getMessage());
      }
      Throttle throttle = new Throttle(throttleBytesPerSecond);
      QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, MIN_THREADS));
      pool.setName("vodkit-origin-" + SERVERS.incrementAndGet());
      pool.setDaemon(true);
      Server server = new Server(pool);
      server.setStopTimeout(0); // close() cuts connections at once: keep-alive clients would hold a graceful stop
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      InetAddress ip = bind.getAddress();
      connector.setHost(ip == null ? bind.getHostString() : ip.getHostAddress());
      connector.setPort(bind.getPort());
      server.addConnector(connector);
      server.setErrorHandler(new OriginErrors());
      server.setHandler(new OriginHandler(paths, new OriginCache(storage), new BodySender(throttle)));
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw VodkitException.configuration("cannot listen for the origin on " + bind + ": " + e.getMessage());
      }
      return new FsOriginServer(server, connector, throttle);
    }
  }
}
