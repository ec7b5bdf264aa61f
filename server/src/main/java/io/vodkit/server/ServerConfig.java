package io.vodkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@link VodkitServer} runs with, read from a {@code .properties} or {@code .json} file (same
 * keys; JSON objects nest where properties use dots). Every key has a default but {@code tokens}:
 *
 * <pre>
 * data_dir            = vodkit-data         # SQLite, storage tree, scratch, idempotency keys
 * api.listen          = 127.0.0.1:8080      # host:port, port 0 picks a free port
 * api.public_url      = https://api.example.com/       # optional; default http://host:port/
 * uploads.listen      = 127.0.0.1:8081
 * uploads.public_url  = …
 * cdn.listen          = 127.0.0.1:8082
 * cdn.public_url      = …
 * tokens.&lt;token&gt;     = &lt;owner id&gt;          # bearer token → owner (JSON: "tokens": {token: owner})
 * max_json_bytes      = 65536               # larger JSON bodies get 413
 * rate_limit.per_second = 50                # requests per owner per second (0: off), then 429…
 * rate_limit.burst     = 100                # …with bursts up to this many
 * webhooks.allow      = loopback            # webhook egress allowed besides public addresses: loopback and/or CIDR ranges
 * webhooks.retry_first = 30s                # first retry step (full jitter), doubling…
 * webhooks.retry_max_step = 1h              # …up to this step…
 * webhooks.retry_window = 24h               # …for this long, then dead-lettered
 * webhooks.poll_interval = 1s               # dispatcher sleep when idle
 * workers             = 1                   # transcode worker threads in this process
 * store.postgres_url  = jdbc:postgresql://db:5432/vodkit?user=…   # optional: PostgreSQL instead of SQLite
 * store.postgres_schema = vodkit            # optional: the schema (created if missing)
 * </pre>
 *
 * @param dataDir where every durable thing lives
 * @param api listener of the REST API
 * @param uploads listener of the signed upload PUTs
 * @param cdn listener of the origin (manifests, segments)
 * @param tokens bearer token → owner id
 * @param maxJsonBytes largest accepted JSON request body
 * @param rateLimitPerSecond requests per owner per second, 0 for no limit
 * @param rateLimitBurst largest burst per owner
 * @param webhooks egress allow-list and retry schedule of webhook deliveries
 * @param workers transcode worker threads
 * @param postgres the PostgreSQL store to use instead of SQLite in the data directory, if any
 */
public record ServerConfig(
    Path dataDir,
    Listener api,
    Listener uploads,
    Listener cdn,
    Map<String, String> tokens,
    int maxJsonBytes,
    int rateLimitPerSecond,
    int rateLimitBurst,
    WebhookConfig webhooks,
    int workers,
    Optional<Postgres> postgres) {

  /** Default cap on JSON request bodies: 64 KiB. */
  public static final int DEFAULT_MAX_JSON_BYTES = 64 * 1024;

  /** The {@code webhooks.allow} entry that allows loopback addresses (the others are CIDR ranges). */
  public static final String LOOPBACK = "loopback";

  public ServerConfig {
    tokens = Map.copyOf(tokens);
    if (maxJsonBytes < 1024) {
      throw VodkitException.configuration("max_json_bytes must be at least 1024, was " + maxJsonBytes);
    }
    if (rateLimitPerSecond < 0 || rateLimitBurst < 1) {
      throw VodkitException.configuration("rate_limit.per_second must be >= 0 and rate_limit.burst >= 1");
    }
    if (workers < 0) {
      throw VodkitException.configuration("workers must be >= 0, was " + workers);
    }
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      if (t.getKey().length() < 16) {
        throw VodkitException.configuration("tokens: every token must be at least 16 characters");
      }
      if (t.getValue().isBlank()) {
        throw VodkitException.configuration("tokens: the owner of a token must not be blank");
      }
    }
  }

  /**
   * Where the metadata store, job queue, webhooks and view totals live when not in SQLite.
   *
   * @param jdbcUrl {@code jdbc:postgresql://…}
   * @param schema the schema (created if missing), or null for the connections' search path
   */
  public record Postgres(String jdbcUrl, String schema) {
    public Postgres {
      if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw VodkitException.configuration("store.postgres_url must start with jdbc:postgresql:, was '" + jdbcUrl + "'");
      }
      if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
        throw VodkitException.configuration("store.postgres_schema must be lower-case letters, digits and _, was '" + schema + "'");
      }
    }
  }

  /**
   * Webhook delivery settings.
   *
   * @param egressAllow {@code loopback} and CIDR ranges deliveries may reach besides public addresses
   * @param retryFirst the first retry step
   * @param retryMaxStep the largest retry step
   * @param retryWindow how long a delivery is retried before it is dead-lettered
   * @param pollInterval how long the dispatcher sleeps when idle
   */
  public record WebhookConfig(
      List<String> egressAllow, Duration retryFirst, Duration retryMaxStep, Duration retryWindow, Duration pollInterval) {
    public WebhookConfig {
      egressAllow = List.copyOf(egressAllow);
      for (String c : egressAllow) {
        if (!c.equals(LOOPBACK) && !c.matches("[0-9a-fA-F:.]+/[0-9]{1,3}")) {
          throw VodkitException.configuration(
              "webhooks.allow: '" + c + "' is neither " + LOOPBACK + " nor a CIDR range such as 10.1.0.0/16");
        }
      }
      if (retryFirst.isZero() || retryFirst.isNegative() || retryMaxStep.compareTo(retryFirst) < 0) {
        throw VodkitException.configuration("webhooks.retry_first must be positive and at most webhooks.retry_max_step");
      }
      if (pollInterval.isZero() || pollInterval.isNegative()) {
        throw VodkitException.configuration("webhooks.poll_interval must be positive");
      }
    }
  }

  /**
   * One listener: where it binds and the public base URL clients are given (empty: derived from the
   * bound address).
   */
  public record Listener(InetSocketAddress bind, Optional<URI> publicUrl) {
    /** Parses {@code host:port} (IPv6 as {@code [::1]:8080}). */
    static InetSocketAddress parseHostPort(String key, String value) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0) {
        throw VodkitException.configuration(key + " must be host:port, was '" + value + "'");
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(value.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw VodkitException.configuration(key + " has no valid port: '" + value + "'");
      }
      if (port < 0 || port > 65535) {
        throw VodkitException.configuration(key + " port must be 0..65535, was " + port);
      }
      return InetSocketAddress.createUnresolved(host, port);
    }
  }

  /** Reads a {@code .json} file, or else a properties file. */
  public static ServerConfig load(Path file) {
    Map<String, String> flat = new LinkedHashMap<>();
    try {
      if (file.getFileName().toString().endsWith(".json")) {
        flatten("", Json.MAPPER.readTree(file.toFile()), flat);
      } else {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(r);
        }
        for (String name : p.stringPropertyNames()) {
          flat.put(name, p.getProperty(name).trim());
        }
      }
    } catch (IOException e) {
      throw VodkitException.configuration("cannot read the config file " + file + ": " + e.getMessage());
    }
    return fromMap(flat, file.toAbsolutePath().getParent());
  }

  /** Builds a config from flat keys ({@code api.listen}, {@code tokens.X}…); relative data dirs resolve against {@code base}. */
  static ServerConfig fromMap(Map<String, String> flat, Path base) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : flat.entrySet()) {
      if (e.getKey().startsWith("tokens.")) {
        tokens.put(e.getKey().substring("tokens.".length()), e.getValue());
      }
    }
    Path dataDir = Path.of(flat.getOrDefault("data_dir", "vodkit-data"));
    if (!dataDir.isAbsolute() && base != null) {
      dataDir = base.resolve(dataDir);
    }
    List<String> allow =
        Arrays.stream(flat.getOrDefault("webhooks.allow", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    return new ServerConfig(
        dataDir.normalize(),
        listener(flat, "api", "127.0.0.1:8080"),
        listener(flat, "uploads", "127.0.0.1:8081"),
        listener(flat, "cdn", "127.0.0.1:8082"),
        tokens,
        intValue(flat, "max_json_bytes", DEFAULT_MAX_JSON_BYTES),
        intValue(flat, "rate_limit.per_second", 50),
        intValue(flat, "rate_limit.burst", 100),
        new WebhookConfig(
            allow,
            duration(flat, "webhooks.retry_first", "30s"),
            duration(flat, "webhooks.retry_max_step", "1h"),
            duration(flat, "webhooks.retry_window", "24h"),
            duration(flat, "webhooks.poll_interval", "1s")),
        intValue(flat, "workers", 1),
        Optional.ofNullable(flat.get("store.postgres_url"))
            .filter(u -> !u.isBlank())
            .map(u -> new Postgres(u.trim(), flat.get("store.postgres_schema"))));
  }

  private static Listener listener(Map<String, String> flat, String name, String defaultListen) {
    InetSocketAddress bind = Listener.parseHostPort(name + ".listen", flat.getOrDefault(name + ".listen", defaultListen));
    String url = flat.get(name + ".public_url");
    Optional<URI> publicUrl = Optional.empty();
    if (url != null && !url.isBlank()) {
      URI u;
      try {
        u = new URI(url.trim());
      } catch (java.net.URISyntaxException e) {
        throw VodkitException.configuration(name + ".public_url is not a URL: " + e.getMessage());
      }
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw VodkitException.configuration(name + ".public_url must be an http(s) URL, was '" + url + "'");
      }
      publicUrl = Optional.of(u);
    }
    return new Listener(bind, publicUrl);
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}. */
  private static Duration duration(Map<String, String> flat, String key, String defaultValue) {
    String v = flat.getOrDefault(key, defaultValue).trim();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)").matcher(v);
    if (!m.matches()) {
      throw VodkitException.configuration(key + " must be a duration such as 500ms, 30s, 5m, 1h or 2d, was '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static int intValue(Map<String, String> flat, String key, int defaultValue) {
    String v = flat.get(key);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw VodkitException.configuration(key + " must be an integer, was '" + v + "'");
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      for (JsonNode item : node) {
        joined.append(joined.length() == 0 ? "" : ",").append(item.asText());
      }
      out.put(prefix, joined.toString());
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }
}
