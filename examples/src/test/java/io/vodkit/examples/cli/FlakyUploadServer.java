package io.vodkit.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP upload endpoint on loopback that fails on cue: for each path a script of answers
 * ({@code 503}, {@code 403}…, or {@link #DROP} to close the connection without answering) is
 * played before it starts storing. A stored PUT answers 200 with the body's MD5 as ETag, like S3
 * and the fs endpoint. Counts every request per path. Thread-safe; close it after the test.
 */
final class FlakyUploadServer implements AutoCloseable {
  /** Closes the connection without an answer: the client sees an IOException. */
  static final int DROP = 0;

  private final HttpServer http;
  private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  FlakyUploadServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.setExecutor(Executors.newFixedThreadPool(8));
    http.createContext("/", this::handle);
    http.start();
  }

  /** Answers the next requests to {@code path} with {@code statuses}, in order, then stores. */
  void script(String path, int... statuses) {
    Deque<Integer> queue = new ArrayDeque<>();
    for (int s : statuses) {
      queue.add(s);
    }
    scripts.put(path, queue);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
  }

  int requests(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Deque<Integer> script = scripts.get(path);
    Integer next;
    synchronized (this) {
      next = script == null ? null : script.poll();
    }
    byte[] md5 = drain(exchange.getRequestBody());
    if (next != null && next == DROP) {
      exchange.close(); // no status line at all
      return;
    }
    if (next != null) {
      byte[] body = ("scripted " + next).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(next, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("ETag", '"' + HexFormat.of().formatHex(md5) + '"');
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private static byte[] drain(InputStream in) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      md5.update(buffer, 0, n);
    }
    return md5.digest();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
