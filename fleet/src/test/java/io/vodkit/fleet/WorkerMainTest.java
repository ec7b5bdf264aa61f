package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerMainTest {
  @TempDir Path dir;

  @Test
  void theConfigFileComesFromTheCommandLine() {
    assertThat(WorkerMain.configFile(new String[] {"--config", "a.properties"})).isEqualTo(Path.of("a.properties"));
    assertThat(WorkerMain.configFile(new String[] {"--config=b.properties"})).isEqualTo(Path.of("b.properties"));
    VodkitException none = catchThrowableOfType(VodkitException.class, () -> WorkerMain.configFile(new String[0]));
    VodkitException stray =
        catchThrowableOfType(VodkitException.class, () -> WorkerMain.configFile(new String[] {"--workers", "3"}));
    assertThat(none.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(none.getMessage()).contains("--config FILE");
    assertThat(stray.getMessage()).contains("'--workers'");
  }

  @Test
  void aWorkerProcessNeedsAtLeastOneWorker() {
    Path config = FleetProperties.write(FleetProperties.fsSqlite(dir), dir.resolve("w.properties"));

    VodkitException e =
        catchThrowableOfType(VodkitException.class, () -> WorkerMain.start(new String[] {"--config", config.toString()}, System.out));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.field()).isEqualTo(PipelineConfig.WORKERS);
  }

  @Test
  void startPrintsTheReadyLineAndCloseTheStoppedLine() {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.WORKERS, "2");
    Path config = FleetProperties.write(p, dir.resolve("w.properties"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    WorkerMain.Running running = WorkerMain.start(new String[] {"--config", config.toString()}, out);
    try {
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .startsWith(WorkerMain.READY + ": store=sqlite storage=fs workers=2 queued=0 pid=");
      assertThat(running.health().check().healthy()).isTrue();
      assertThat(running.registry().get("vodkit.jobs").tag("status", "queued").gauge().value()).isZero();
    } finally {
      running.close();
      running.close();
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(WorkerMain.STOPPED))).hasSize(1);
  }

  @Test
  void aBadConfigExitsWithStatus2NamingTheKey() throws Exception {
    Properties p = FleetProperties.fsSqlite(dir);
    p.setProperty(PipelineConfig.LEASE, "ten minutes");
    Path config = FleetProperties.write(p, dir.resolve("bad.properties"));

    WorkerProcess worker = WorkerProcess.start(config, dir.resolve("bad.log"));

    assertThat(worker.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(worker.output()).contains("vodkit worker: ").contains(PipelineConfig.LEASE).contains("bad.properties");
  }
}
