package io.vodkit.examples.player;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol ({@link DevTools}): no driver
 * binary and no extra dependency. Launched with a fresh profile and {@code
 * --remote-debugging-port=0}; the port it picked is read from {@code DevToolsActivePort} in the
 * profile. Each {@link #open} gets its own browser context, so pages share no HTTP cache and
 * every test fetches from the origin.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final DevTools browser;

  private HeadlessChromium(Process process, int port, DevTools browser) {
    this.process = process;
    this.port = port;
    this.browser = browser;
  }

  /** {@code /usr/bin/chromium} or {@code chromium} on the PATH, if installed. */
  static Optional<Path> executable() {
    Path debian = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(debian)) {
      return Optional.of(debian);
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "chromium"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts Chromium with a new profile in {@code profile} (created), logging to {@code profile/../chromium.log}. */
  static HeadlessChromium launch(Path executable, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    Path log = profile.resolveSibling("chromium.log");
    Process process = new ProcessBuilder(List.of(
            executable.toString(),
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
            "--remote-debugging-port=0", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
            "--window-size=1280,1000",
            "about:blank"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      String[] active = awaitActivePort(profile.resolve("DevToolsActivePort"), process, log);
      int port = Integer.parseInt(active[0].trim());
      DevTools browser = DevTools.connect(URI.create("ws://127.0.0.1:" + port + active[1].trim()));
      return new HeadlessChromium(process, port, browser);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static String[] awaitActivePort(Path file, Process process, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
          return lines.toArray(String[]::new);
        }
      }
      if (!process.isAlive()) {
        throw new IOException("chromium exited " + process.exitValue() + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new IOException("chromium did not open its DevTools port within " + STARTUP);
  }

  /** Opens {@code url} in a new tab of a new browser context; the page is loading when this returns. */
  Page open(URI url) {
    String context = browser.call("Target.createBrowserContext", DevTools.params()).path("browserContextId").asText();
    String target = browser.call("Target.createTarget",
            DevTools.params().put("url", "about:blank").put("browserContextId", context))
        .path("targetId").asText();
    DevTools page = DevTools.connect(URI.create("ws://127.0.0.1:" + port + "/devtools/page/" + target));
    page.call("Runtime.enable", null);
    page.call("Page.navigate", DevTools.params().put("url", url.toString()));
    return new Page(page, target, context);
  }

  /** Closes the browser (and every page); kills it if it does not exit within 5 s. */
  @Override
  public void close() throws InterruptedException {
    try {
      browser.call("Browser.close", null);
    } catch (RuntimeException e) {
      // it may close the socket before it answers
    } finally {
      browser.close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** One open tab. */
  final class Page implements AutoCloseable {
    private final DevTools devTools;
    private final String targetId;
    private final String contextId;

    private Page(DevTools devTools, String targetId, String contextId) {
      this.devTools = devTools;
      this.targetId = targetId;
      this.contextId = contextId;
    }

    /** The value of a JavaScript expression evaluated in the page (JSON-serializable values only). */
    JsonNode evaluate(String expression) {
      JsonNode result = devTools.call("Runtime.evaluate",
          DevTools.params().put("expression", expression).put("returnByValue", true));
      if (result.has("exceptionDetails")) {
        throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
      }
      return result.path("result").path("value");
    }

    /** Saves what the tab shows as a PNG to {@code file} (parent folders created). */
    void screenshot(Path file) throws IOException {
      JsonNode shot = devTools.call("Page.captureScreenshot", DevTools.params().put("format", "png"));
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** What the page logged to its console, and its uncaught exceptions. */
    List<String> console() {
      return devTools.console();
    }

    @Override
    public void close() {
      devTools.close();
      browser.call("Target.closeTarget", DevTools.params().put("targetId", targetId));
      browser.call("Target.disposeBrowserContext", DevTools.params().put("browserContextId", contextId));
    }
  }
}
