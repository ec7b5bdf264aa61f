package io.vodkit.examples.player;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the example player page ({@code index.html}, {@code player.js}, {@code player.css} from
 * the class path) and its vendored libraries ({@code vendor/hls.min.js}, {@code
 * vendor/dash.all.min.js} from {@link PlayerDeps}) on its own loopback listener, next to an
 * origin that serves the videos: the page and the media come from different origins, as they
 * would behind a CDN, so CORS is exercised too. Nothing else is served (404).
 *
 * <p>{@link #pageUri} builds the URL that plays one manifest. {@link PlayerDemo} runs it with an
 * embedded pipeline. Lifecycle: whoever starts it closes it. Thread-safe.
 */
public final class PlayerServer implements AutoCloseable {
  private static final Map<String, String> PAGE_FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/player.js", "player.js",
          "/player.css", "player.css");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8");

  private final HttpServer http;
  private final ExecutorService executor;
  private final PlayerDeps deps;

  private PlayerServer(HttpServer http, ExecutorService executor, PlayerDeps deps) {
    this.http = http;
    this.executor = executor;
    this.deps = deps;
  }

  /** Starts serving the page and the libraries in {@code deps} on {@code bind} (port 0: any free port). */
  public static PlayerServer start(InetSocketAddress bind, PlayerDeps deps) {
    Objects.requireNonNull(deps, "deps");
    if (!deps.isInstalled()) {
      throw VodkitException.configuration(
          "hls.js and dash.js are not installed in " + deps.nodeModules() + "; run ./scripts/setup.sh");
    }
    HttpServer http;
    try {
      http = HttpServer.create(bind, 64);
    } catch (IOException e) {
      throw VodkitException.configuration("cannot listen for the player page on " + bind + ": " + e.getMessage());
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "vodkit-player-page");
      t.setDaemon(true);
      return t;
    });
    PlayerServer server = new PlayerServer(http, executor, deps);
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** {@code http://127.0.0.1:port/}, where the page is. */
  public URI baseUri() {
    InetSocketAddress a = http.getAddress();
    InetAddress ip = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
    return URI.create("http://" + ip.getHostAddress() + ":" + a.getPort() + "/");
  }

  /**
   * The page playing {@code manifest} with {@code player} ({@code hls} or {@code dash}), starting
   * on {@code start} ({@code auto}, {@code top} or {@code bottom}) at playback {@code rate}.
   */
  public URI pageUri(URI manifest, String player, String start, double rate) {
    return baseUri().resolve("index.html?src=" + URLEncoder.encode(manifest.toString(), StandardCharsets.UTF_8)
        + "&player=" + URLEncoder.encode(player, StandardCharsets.UTF_8)
        + "&start=" + URLEncoder.encode(start, StandardCharsets.UTF_8)
        + "&rate=" + rate);
  }

  /** Stops listening. Idempotent. */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      byte[] body = "GET".equals(exchange.getRequestMethod()) ? bodyOf(path) : null;
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", TYPES.get(path.endsWith("/") ? "html" : extension(path)));
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } finally {
      exchange.close();
    }
  }

  private byte[] bodyOf(String path) throws IOException {
    if (PAGE_FILES.containsKey(path)) {
      try (InputStream in = PlayerServer.class.getResourceAsStream("/player/" + PAGE_FILES.get(path))) {
        if (in == null) {
          throw new UncheckedIOException(new IOException("player/" + PAGE_FILES.get(path) + " is missing from the class path"));
        }
        return in.readAllBytes();
      }
    }
    return switch (path) {
      case "/vendor/hls.min.js" -> Files.readAllBytes(deps.hlsJs());
      case "/vendor/dash.all.min.js" -> Files.readAllBytes(deps.dashJs());
      default -> null;
    };
  }

  private static String extension(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  @Override
  public String toString() {
    return "PlayerServer[" + baseUri() + "]";
  }
}
