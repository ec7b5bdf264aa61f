package io.vodkit.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer) that records every POST and answers 204, or
 * 503 to the first {@code failFirst} requests (a receiver that is down for a while).
 */
final class WebhookReceiver implements AutoCloseable {
  /** One received request: lower-cased header names → first value, and the raw body. */
  record Received(Map<String, String> headers, String body, int answered) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  WebhookReceiver() throws IOException {
    this(0);
  }

  WebhookReceiver(int failFirst) throws IOException {
    java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hooks", exchange -> {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      int status = seen.incrementAndGet() <= failFirst ? 503 : 204;
      try (InputStream in = exchange.getRequestBody()) {
        received.add(new Received(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8), status));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  Received next(long seconds) throws InterruptedException {
    return received.poll(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
