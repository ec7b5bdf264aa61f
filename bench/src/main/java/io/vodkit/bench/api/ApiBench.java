package io.vodkit.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/videos/:id} of the vodkit service under wrk (32 connections by default) against
 * {@code GET /v1/health} of the same server in the same run: the health route is a constant JSON
 * through the same Jetty, router, request log and error handling, so the ratio is what
 * authentication, the store read, the view count and the JSON of a video cost. Prints
 * requests/s, p50 and p99 of each and the ratio, per round and the median over rounds.
 *
 * <p>The service runs as its own process (as deployed), started from {@code <server class path>}
 * (e.g. {@code server/target/classes:server/target/lib/*}) with no workers and no rate limit.
 * Needs {@code wrk} on the path.
 *
 * <p>Usage: {@code ApiBench <server class path> [duration=10s] [connections=32] [rounds=3]}.
 */
public final class ApiBench {
  private static final String TOKEN = "bench-token-0123456789abcdef";
  private static final Pattern READY = Pattern.compile("vodkit-server ready api=(\\S+) .*");
  private static final Pattern REQS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PCT = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

  private ApiBench() {}

  /** One wrk run: requests/s and latency percentiles in milliseconds. */
  record Run(double requestsPerSecond, double p50Ms, double p99Ms) {}

  /** Runs the benchmark; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ApiBench <server class path> [duration=10s] [connections=32] [rounds=3]");
      System.exit(2);
    }
    String duration = args.length > 1 ? args[1] : "10s";
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path dir = Files.createTempDirectory("vodkit-apibench");
    Files.writeString(dir.resolve("server.properties"), String.join("\n",
        "data_dir = " + dir.resolve("data"), "api.listen = 127.0.0.1:0", "uploads.listen = 127.0.0.1:0",
        "cdn.listen = 127.0.0.1:0", "tokens." + TOKEN + " = bench", "workers = 0", "rate_limit.per_second = 0", ""));
    Process server = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms512m", "-Xmx512m",
            "-cp", args[0], "io.vodkit.server.VodkitServer", "--config", dir.resolve("server.properties").toString())
        .redirectError(dir.resolve("server.log").toFile())
        .start();
    try {
      URI api = awaitReady(server);
      String videoId = createVideo(api);
      URI video = api.resolve("v1/videos/" + videoId);
      URI health = api.resolve("v1/health");
      wrk(video, "2s", connections); // warm-up: JIT, connection pools, SQLite page cache
      wrk(health, "2s", connections);
      List<Double> ratios = new ArrayList<>();
      System.out.printf(Locale.ROOT, "%-8s %-24s %12s %9s %9s%n", "round", "route", "req/s", "p50 ms", "p99 ms");
      for (int round = 1; round <= rounds; round++) {
        Run v = wrk(video, duration, connections);
        Run h = wrk(health, duration, connections);
        print(round, "GET /v1/videos/:id", v);
        print(round, "GET /v1/health (static)", h);
        ratios.add(v.requestsPerSecond() / h.requestsPerSecond());
      }
      ratios.sort(null);
      System.out.printf(Locale.ROOT, "video / static requests/s: median %.2fx over %d rounds (%s, %d connections)%n",
          ratios.get(ratios.size() / 2), rounds, duration, connections);
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void print(int round, String route, Run r) {
    System.out.printf(Locale.ROOT, "%-8d %-24s %12.0f %9.2f %9.2f%n", round, route, r.requestsPerSecond(), r.p50Ms(), r.p99Ms());
  }

  private static URI awaitReady(Process server) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = READY.matcher(line);
      if (m.matches()) {
        return URI.create(m.group(1));
      }
    }
    throw new IllegalStateException("the server exited before it was ready (exit " + server.exitValue() + ")");
  }

  private static String createVideo(URI api) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(api.resolve("v1/videos"))
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"title\":\"bench\",\"description\":\"a video record as the benchmark reads it\","
                    + "\"content_type\":\"video/mp4\",\"file_size\":104857600}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST /v1/videos answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode created = new ObjectMapper().readTree(r.body());
    return created.path("video_id").asText();
  }

  private static Run wrk(URI url, String duration, int connections) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration, "--latency",
            "-H", "Authorization: Bearer " + TOKEN, url.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    if (out.contains("Non-2xx")) {
      throw new IllegalStateException("wrk saw errors on " + url + ":\n" + out);
    }
    Matcher reqs = REQS.matcher(out);
    if (!reqs.find()) {
      throw new IllegalStateException("no Requests/sec in wrk's output:\n" + out);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher pct = PCT.matcher(out);
    while (pct.find()) {
      double ms = Double.parseDouble(pct.group(2)) * switch (pct.group(3)) {
        case "us" -> 0.001;
        case "s" -> 1000.0;
        default -> 1.0;
      };
      if (pct.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    return new Run(Double.parseDouble(reqs.group(1)), p50, p99);
  }
}
