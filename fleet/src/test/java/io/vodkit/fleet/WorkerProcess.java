package io.vodkit.fleet;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A {@link WorkerMain} in a process of its own, started with this test JVM's class path, its
 * output in a log file. {@link #terminate()} is SIGTERM, {@link #kill()} SIGKILL.
 */
final class WorkerProcess {
  private static String classPath;

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code WorkerMain --config config}, stdout and stderr to {@code log}. */
  static WorkerProcess start(Path config, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = classPath();
    List<String> cmd =
        List.of(
            java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
            "-cp", classPath, WorkerMain.class.getName(), "--config", config.toString());
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new WorkerProcess(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + java, e);
    }
  }

  /**
   * This JVM's test class path, with the vodkit jars copied aside once: several engineers install
   * modules into one local repository, and a worker that loads a class lazily from a jar replaced
   * under it fails with NoClassDefFoundError. For the same reason this JVM loads every class of
   * those jars now, while they are the ones it started with.
   */
  private static synchronized String classPath() {
    if (classPath == null) {
      String original = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      try {
        Path dir = Files.createTempDirectory("vodkit-worker-cp");
        dir.toFile().deleteOnExit();
        List<String> entries = new ArrayList<>();
        for (String entry : original.split(File.pathSeparator)) {
          Path jar = Path.of(entry);
          String name = jar.getFileName() == null ? "" : jar.getFileName().toString();
          if (name.startsWith("vodkit-") && name.endsWith(".jar") && Files.isRegularFile(jar)) {
            loadAllClasses(jar);
            Path copy = Files.copy(jar, dir.resolve(name));
            copy.toFile().deleteOnExit();
            entries.add(copy.toString());
          } else {
            entries.add(entry);
          }
        }
        classPath = String.join(File.pathSeparator, entries);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return classPath;
  }

  private static void loadAllClasses(Path jar) throws IOException {
    ClassLoader loader = WorkerProcess.class.getClassLoader();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          try {
            Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
          } catch (ClassNotFoundException | LinkageError e) {
            // a class needing an optional library that is absent here: never used by these tests
          }
        }
      }
    }
  }

  /** Waits for the ready line; false if the process died or time ran out first. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (output().contains(WorkerMain.READY)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** SIGTERM: the graceful stop. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL of the worker JVM and of the ffmpeg it runs, as a lost host or an OOM kill of its container would. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Waits for the exit; its status, or -1 if still running after {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Everything the process printed so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
