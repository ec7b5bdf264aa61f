package io.vodkit.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Config files for the tests: a single-machine fleet (fs + SQLite) under a directory. */
final class FleetProperties {
  private FleetProperties() {}

  /** fs storage and SQLite under {@code dir}, loopback base URLs, no workers. */
  static Properties fsSqlite(Path dir) {
    Properties p = new Properties();
    p.setProperty(PipelineConfig.STORAGE_TYPE, "fs");
    p.setProperty(PipelineConfig.FS_ROOT, dir.resolve("storage").toString());
    p.setProperty(PipelineConfig.STORE_TYPE, "sqlite");
    p.setProperty(PipelineConfig.SQLITE_PATH, dir.resolve("vodkit.db").toString());
    p.setProperty(PipelineConfig.BASE_URL_API, "http://127.0.0.1:8080/v1");
    p.setProperty(PipelineConfig.BASE_URL_UPLOADS, "http://127.0.0.1:8081/");
    p.setProperty(PipelineConfig.BASE_URL_CDN, "http://127.0.0.1:8082/");
    p.setProperty(PipelineConfig.WORKERS, "0");
    p.setProperty(PipelineConfig.WORK_DIR, dir.resolve("work").toString());
    return p;
  }

  /** Writes {@code p} to {@code file} and returns the file. */
  static Path write(Properties p, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "vodkit test config");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
