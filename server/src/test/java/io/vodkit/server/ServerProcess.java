package io.vodkit.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code io.vodkit.server.VodkitServer} started as a separate JVM on the test class path with a
 * properties file, the way an operator runs it: waits for the ready line and takes the three base
 * URLs from it; {@link #close()} sends SIGTERM and waits for a clean exit. The tests talk to it over
 * HTTP only.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("vodkit-server ready api=(\\S+) uploads=(\\S+) cdn=(\\S+)");

  final URI api;
  final URI uploads;
  final URI cdn;
  final Path log;
  private final Process process;

  private ServerProcess(Process process, URI api, URI uploads, URI cdn, Path log) {
    this.process = process;
    this.api = api;
    this.uploads = uploads;
    this.cdn = cdn;
    this.log = log;
  }

  /** Writes {@code properties} (plus loopback listeners on free ports) to {@code dir} and starts the server. */
  static ServerProcess start(Path dir, String properties) throws IOException, InterruptedException {
    Path config = dir.resolve("server.properties");
    Files.writeString(
        config,
        "data_dir = " + dir.resolve("data") + "\n"
            + "api.listen = 127.0.0.1:0\nuploads.listen = 127.0.0.1:0\ncdn.listen = 127.0.0.1:0\n"
            + properties);
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = dir.resolve("server.log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, "io.vodkit.server.VodkitServer", "--config", config.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    BlockingQueue<String> lines = new ArrayBlockingQueue<>(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("vodkit-server ready")) {
            lines.offer(line);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "server-stdout");
    reader.setDaemon(true);
    reader.start();
    String ready = null;
    for (int waited = 0; ready == null && waited < 60 && p.isAlive(); waited++) {
      ready = lines.poll(1, TimeUnit.SECONDS);
    }
    if (ready == null) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "the server printed no ready line (" + (p.isAlive() ? "60 s" : "it exited") + "); its log:\n" + Files.readString(log));
    }
    Matcher m = READY.matcher(ready);
    if (!m.matches()) {
      p.destroyForcibly();
      throw new IllegalStateException("unexpected ready line: " + ready);
    }
    return new ServerProcess(p, URI.create(m.group(1)), URI.create(m.group(2)), URI.create(m.group(3)), log);
  }

  /** SIGTERM; the exit code (143 after a clean shutdown hook run). */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("the server did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
