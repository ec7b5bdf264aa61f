package io.vodkit.webhooks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A webhook receiver on loopback (JDK HttpServer): records every request and answers with the
 * status {@code answer} gives for the request's number (1-based); a 3xx carries {@code
 * Location: redirectTo}.
 */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(Headers headers, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile IntFunction<Integer> answer = n -> 200;
  private volatile URI redirectTo;

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          requests.add(
              new Request(exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
          int status = answer.apply(count.incrementAndGet());
          if (status / 100 == 3 && redirectTo != null) {
            exchange.getResponseHeaders().add("Location", redirectTo.toString());
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  Receiver answering(IntFunction<Integer> statusForRequestNumber) {
    this.answer = statusForRequestNumber;
    return this;
  }

  Receiver redirectingTo(URI location) {
    this.redirectTo = location;
    return this;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
