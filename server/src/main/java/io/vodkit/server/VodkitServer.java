package io.vodkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.BaseUrls;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.embedded.EmbeddedOptions;
import io.vodkit.embedded.EmbeddedParts;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.webhooks.EgressPolicy;
import io.vodkit.webhooks.RetrySchedule;
import io.vodkit.webhooks.Webhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference vodkit service: the spec's REST API on its own listener, the signed upload
 * endpoint and the CDN origin on theirs, over an embedded pipeline (filesystem storage, SQLite or
 * the configured PostgreSQL, local ffmpeg, HLS + DASH: the embedded module's {@link EmbeddedParts},
 * with this service's bind addresses and public URLs) under the configured data directory. Media
 * bytes never pass the API listener.
 *
 * <pre>
 * java -cp … io.vodkit.server.VodkitServer --config vodkit-server.properties
 * </pre>
 *
 * prints {@code vodkit-server ready api=… uploads=… cdn=…} once all three listen, and stops
 * cleanly on SIGTERM. See {@link ServerConfig} for the keys and src-docs/api.md for the API.
 */
public final class VodkitServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VodkitServer.class);
  private static final String OPENAPI = "/io/vodkit/server/openapi.json";

  private final Server api;
  private final VideoPipeline pipeline;
  private final Router router;
  private final Deque<AutoCloseable> others;
  private final HikariDataSource pool;
  private final AtomicBoolean closed = new AtomicBoolean();

  private VodkitServer(
      Server api, VideoPipeline pipeline, Router router, Deque<AutoCloseable> others, HikariDataSource pool) {
    this.api = api;
    this.pipeline = pipeline;
    this.router = router;
    this.others = others;
    this.pool = pool;
  }

  /** Binds the three listeners, builds the pipeline and starts serving. */
  public static VodkitServer start(ServerConfig config) {
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    Server server = null;
    try {
      Path dir = config.dataDir().toAbsolutePath();
      server = newApiServer(config.api().bind());
      ServerConnector connector = (ServerConnector) server.getConnectors()[0];
      connector.open(); // bound now: its URL is needed before the pipeline is built
      URI apiUrl =
          config.api().publicUrl().orElse(
              URI.create("http://" + hostOf(connector) + ":" + connector.getLocalPort() + "/"));
      EmbeddedOptions options =
          EmbeddedOptions.defaults()
              .apiUrl(apiUrl)
              .uploadsBind(config.uploads().bind())
              .uploadsPublicUrl(config.uploads().publicUrl().orElse(null))
              .cdnBind(config.cdn().bind())
              .cdnPublicUrl(config.cdn().publicUrl().orElse(null));

      HikariDataSource pool = config.postgres().map(VodkitServer::pool).orElse(null);
      EmbeddedParts parts;
      if (pool == null) {
        parts = EmbeddedParts.open(dir, options); // SQLite at dir/vodkit.db
      } else {
        opened.push(pool);
        String schema = config.postgres().get().schema();
        JdbcStore pgStore = JdbcStore.postgres(pool, schema);
        opened.push(pgStore);
        JdbcViewStore pgViews = JdbcViewStore.postgres(pool, schema);
        opened.push(pgViews);
        parts = EmbeddedParts.open(dir, options, pgStore, pgViews);
        opened.remove(pgViews); // the parts own them now
        opened.remove(pgStore);
      }
      opened.push(parts);
      JdbcStore store = parts.store();
      BaseUrls baseUrls = parts.baseUrls();
      VideoPipeline pipeline = parts.configure(VideoPipeline.builder()).workers(config.workers()).build();
      opened.remove(parts); // the pipeline owns storage, store, view store and origin now
      opened.push(pipeline); // closed before the pool: the stores borrow its connections
      IdempotencyKeys idempotency = new IdempotencyKeys(dir.resolve("api.db"));
      opened.push(idempotency);
      Webhooks webhooks =
          Webhooks.builder()
              .webhookStore(store)
              .metadataStore(store)
              .baseUrls(baseUrls)
              .egressPolicy(egressPolicy(config.webhooks().egressAllow()))
              .retrySchedule(
                  RetrySchedule.exponential(
                      config.webhooks().retryFirst(), config.webhooks().retryMaxStep(), config.webhooks().retryWindow()))
              .pollInterval(config.webhooks().pollInterval())
              .start();
      opened.push(webhooks); // stopped before the pipeline closes the store it reads

      Router router = routes(pipeline, webhooks);
      server.setHandler(
          new ApiHandler(
              router, new BearerTokens(config.tokens()), idempotency,
              new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst()), config.maxJsonBytes(),
              InstantSource.system()));
      server.setErrorHandler(new ApiErrors());
      server.start();
      opened.remove(pipeline); // close() closes these two itself: the pipeline, then the pool
      opened.remove(pool);
      return new VodkitServer(server, pipeline, router, opened, pool);
    } catch (Exception | Error e) {
      stopQuietly(server);
      closeAll(opened);
      if (e instanceof VodkitException v) {
        throw v;
      }
      if (e instanceof Error err) {
        throw err;
      }
      throw VodkitException.configuration("cannot start the server: " + e);
    }
  }

  /** The routes the API listener serves (the OpenAPI test compares the document with them). */
  static Router routes(VideoPipeline pipeline, Webhooks webhooks) {
    Router router = new Router();
    JsonNode openApi = openApiDocument();
    router.add(new Router.Route("GET", "/v1/openapi.json", false, false, call -> ApiResponse.ok(openApi)));
    JsonNode healthy = Json.object().put("status", "ok");
    router.add(new Router.Route("GET", "/v1/health", false, false, call -> ApiResponse.ok(healthy)));
    new VideoRoutes(pipeline).addTo(router);
    new WebhookRoutes(webhooks).addTo(router);
    return router;
  }

  /** Public internet only, plus loopback and the CIDR ranges the config names. */
  static EgressPolicy egressPolicy(List<String> allow) {
    EgressPolicy policy = EgressPolicy.publicInternetOnly();
    for (String entry : allow) {
      policy = entry.equals(ServerConfig.LOOPBACK) ? policy.allowLoopback() : policy.allow(entry);
    }
    return policy;
  }

  /** The checked-in OpenAPI 3.1 document. */
  static JsonNode openApiDocument() {
    try (InputStream in = VodkitServer.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI + " is missing from the class path");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + OPENAPI, e);
    }
  }

  private static Server newApiServer(InetSocketAddress bind) {
    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    pool.setName("vodkit-api");
    Server server = new Server(pool);
    server.setStopTimeout(2_000);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(16 * 1024);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(bind.getHostString());
    connector.setPort(bind.getPort());
    server.addConnector(connector);
    return server;
  }

  private static String hostOf(ServerConnector connector) {
    String host = connector.getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The three base URLs clients are given. */
  public BaseUrls baseUrls() {
    return pipeline.baseUrls();
  }

  /** The routes served (for the OpenAPI test). */
  Router router() {
    return router;
  }

  /** Blocks until the API listener stops. */
  public void join() throws InterruptedException {
    api.join();
  }

  /** Stops the API listener (in-flight requests get 2 s), then the pipeline and its listeners. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopQuietly(api);
    closeAll(others);
    pipeline.close();
    if (pool != null) {
      pool.close();
    }
  }

  private static HikariDataSource pool(ServerConfig.Postgres postgres) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(postgres.jdbcUrl());
    c.setMaximumPoolSize(JdbcStore.DEFAULT_POOL_SIZE);
    c.setPoolName("vodkit-server");
    return new HikariDataSource(c);
  }

  private static void stopQuietly(Server server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the API listener failed", e);
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable c = resources.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed", c, e);
      }
    }
  }

  /** {@code --config FILE}: starts the service, prints the ready line and runs until SIGTERM. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: VodkitServer --config FILE   (a .properties or .json file; see src-docs/api.md)");
      System.exit(2);
    }
    System.exit(run(Path.of(args[1]), System.out, System.err));
  }

  /**
   * Starts the service from a config file, prints the ready line to {@code out} and serves until
   * the JVM shuts down (SIGTERM: a shutdown hook closes everything). Returns 1 when it cannot
   * start (the reason on {@code err}); otherwise returns only when interrupted.
   */
  public static int run(Path config, PrintStream out, PrintStream err) throws InterruptedException {
    VodkitServer server;
    try {
      server = start(ServerConfig.load(config));
    } catch (VodkitException e) {
      err.println("vodkit-server: " + e.getMessage());
      return 1;
    } catch (RuntimeException | Error e) {
      e.printStackTrace(err);
      return 1; // listeners a half-finished start left behind must not keep the JVM alive
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vodkit-server-shutdown"));
    BaseUrls urls = server.baseUrls();
    out.println("vodkit-server ready api=" + urls.api() + " uploads=" + urls.uploads() + " cdn=" + urls.cdn());
    out.flush();
    server.join();
    return 0;
  }

}
