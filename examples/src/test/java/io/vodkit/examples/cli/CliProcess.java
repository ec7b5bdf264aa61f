package io.vodkit.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vodkit} in a separate JVM, as a user runs it: {@code java -cp <this test's class path>
 * io.vodkit.examples.cli.UploadMain upload ARGS}, stdout and stderr going to files (so a full pipe never
 * blocks it). The caller waits for or kills the process.
 */
final class CliProcess {
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private CliProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code vodkit ARGS} with extra JVM options; output goes to files under {@code dir}. */
  static CliProcess start(Path dir, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UploadMain.class.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "vodkit-", ".out");
    Path err = Files.createTempFile(dir, "vodkit-", ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new CliProcess(p, out, err);
  }

  /** Waits up to {@code timeout} for the exit code; kills the process and fails if it takes longer. */
  int waitFor(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("vodkit did not finish within " + timeout + "; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  /** Kills the JVM at once (no shutdown hooks, like kill -9) and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }
}
