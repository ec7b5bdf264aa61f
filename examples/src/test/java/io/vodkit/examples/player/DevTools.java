package io.vodkit.examples.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chrome DevTools Protocol connection (a browser's or a page's WebSocket) over the JDK's
 * WebSocket client, with Jackson for the JSON: {@link #call} sends a command and waits for its
 * answer; console messages and uncaught exceptions the page reports are kept for failure messages.
 */
final class DevTools implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_CONSOLE_LINES = 200;

  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> console = new ArrayList<>();

  private DevTools(WebSocket socket) {
    this.socket = socket;
  }

  /** Connects to a DevTools WebSocket URL ({@code ws://127.0.0.1:port/devtools/...}). */
  static DevTools connect(URI url) {
    Receiver receiver = new Receiver();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(CALL_TIMEOUT)
        .buildAsync(url, receiver)
        .join();
    DevTools devTools = new DevTools(socket);
    receiver.devTools = devTools;
    return devTools;
  }

  /** Sends {@code method} with {@code params} and returns its {@code result}; throws on a protocol error. */
  JsonNode call(String method, ObjectNode params) {
    int id = nextId.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params == null ? JSON.createObjectNode() : params);
    try {
      socket.sendText(JSON.writeValueAsString(message), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer: " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  /** A fresh parameter object. */
  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Console messages and uncaught exceptions reported so far (after {@code Runtime.enable}). */
  synchronized List<String> console() {
    return List.copyOf(console);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private void received(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
      if (answer != null) {
        answer.complete(message);
      }
      return;
    }
    String method = message.path("method").asText();
    JsonNode params = message.path("params");
    if (method.equals("Runtime.consoleAPICalled")) {
      StringBuilder line = new StringBuilder(params.path("type").asText()).append(':');
      params.path("args").forEach(a -> line.append(' ').append(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
      remember(line.toString());
    } else if (method.equals("Runtime.exceptionThrown")) {
      JsonNode details = params.path("exceptionDetails");
      remember("exception: " + details.path("exception").path("description").asText(details.path("text").asText()));
    }
  }

  private synchronized void remember(String line) {
    if (console.size() < MAX_CONSOLE_LINES) {
      console.add(line);
    }
  }

  /** Reassembles text messages that arrive in parts and hands them to the connection. */
  private static final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile DevTools devTools;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        DevTools target = devTools;
        if (target != null) {
          target.received(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
