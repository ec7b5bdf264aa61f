package io.vodkit.fleet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;
import io.micrometer.core.instrument.logging.LoggingRegistryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.vodkit.ErrorCode;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: {@code java -cp … io.vodkit.fleet.WorkerMain --config vodkit.properties}.
 * Builds the pipeline of {@link PipelineConfig} with its {@code vodkit.workers} worker threads
 * (and the lease supervisor), prints one line starting {@value #READY} on stdout once it claims
 * work, and runs until the JVM is asked to stop (SIGTERM, SIGINT). Then it stops claiming,
 * interrupts running jobs (their ffmpeg is killed and each job is released back to {@code queued}
 * at once rather than left locked for its lease), closes store and storage and exits.
 *
 * <p>Exit status: 2 for a bad command line or config (the message names the key), 1 when the
 * store or storage cannot be reached at start.
 */
public final class WorkerMain {
  /** The start of the line printed once the worker runs. */
  public static final String READY = "vodkit worker ready";
  /** The line printed after a shutdown finished. */
  public static final String STOPPED = "vodkit worker stopped";

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Starts the worker, prints the ready line to {@code out} and works until the JVM shuts down
   * (SIGTERM: a shutdown hook stops claiming and hands the running job back). Returns 2 for a bad
   * command line or config and 1 when a backend is unreachable (the reason on {@code err});
   * otherwise returns only when interrupted.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Running running;
    try {
      running = start(args, out);
    } catch (VodkitException e) {
      err.println("vodkit worker: " + e.getMessage());
      return e.code() == ErrorCode.CONFIGURATION || e.code() == ErrorCode.INVALID_REQUEST ? 2 : 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(
        new Thread(
            () -> {
              try {
                running.close();
              } finally {
                stopped.countDown();
              }
            },
            "vodkit-worker-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }


  /**
   * Parses the command line, builds and starts the pipeline, prints the ready line to {@code out}
   * and returns; {@link Running#close()} is the graceful stop.
   *
   * @throws VodkitException {@code INVALID_REQUEST} for a bad command line, {@code CONFIGURATION}
   *     for a bad config, {@code STORE_FAILED}/{@code STORAGE_FAILED} when a backend is down
   */
  public static Running start(String[] args, PrintStream out) {
    PipelineConfig config = PipelineConfig.load(configFile(args));
    if (config.workers().isPresent() && config.workers().get() < 1) {
      throw new VodkitException(ErrorCode.CONFIGURATION,
          PipelineConfig.WORKERS + " must be at least 1 for a worker process (" + config.origin() + ")",
          false, PipelineConfig.WORKERS, null);
    }
    PipelineConfig.Backends backends = config.open();
    PipelineHealth health = new PipelineHealth(backends.store(), backends.storage(), config.ffmpegCommand());
    PipelineHealth.Status status = health.check();
    if (!status.healthy()) {
      closeQuietly(backends.store());
      closeQuietly(backends.storage());
      ErrorCode code = !status.storeReachable() ? ErrorCode.STORE_FAILED
          : !status.storageReachable() ? ErrorCode.STORAGE_FAILED
          : ErrorCode.CONFIGURATION;
      throw new VodkitException(
          code, "not starting: " + String.join("; ", status.problems()), code != ErrorCode.CONFIGURATION, null, null);
    }
    MeterRegistry registry = registry(config.metricsLogInterval());
    PipelineMetrics metrics = new PipelineMetrics(backends.store());
    metrics.bindTo(registry);
    VideoPipeline pipeline = backends.builder().listener(metrics).build();
    out.println(READY + ": store=" + config.storeType().name().toLowerCase(java.util.Locale.ROOT)
        + " storage=" + config.storageType().name().toLowerCase(java.util.Locale.ROOT)
        + " workers=" + config.workers().map(String::valueOf).orElse("default")
        + " queued=" + status.queued() + " pid=" + ProcessHandle.current().pid());
    out.flush();
    return new Running(pipeline, registry, health, out);
  }

  /** The config file named by {@code --config FILE} (or {@code --config=FILE}). */
  static Path configFile(String[] args) {
    String file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--config") && i + 1 < args.length) {
        file = args[++i];
      } else if (a.startsWith("--config=")) {
        file = a.substring("--config=".length());
      } else {
        throw VodkitException.invalid("args", "unknown argument '" + a + "'; usage: WorkerMain --config FILE");
      }
    }
    if (file == null || file.isBlank()) {
      throw VodkitException.invalid("args", "usage: WorkerMain --config FILE (a vodkit properties file)");
    }
    return Path.of(file);
  }

  private static MeterRegistry registry(Duration logInterval) {
    if (logInterval.isZero()) {
      return new SimpleMeterRegistry();
    }
    LoggingRegistryConfig config =
        new LoggingRegistryConfig() {
          @Override
          public String get(String key) {
            return null;
          }

          @Override
          public Duration step() {
            return logInterval;
          }
        };
    return LoggingMeterRegistry.builder(config).clock(Clock.SYSTEM).build();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed", c, e);
    }
  }

  /** A started worker process's pipeline; {@link #close()} stops it gracefully. */
  public static final class Running implements AutoCloseable {
    private final VideoPipeline pipeline;
    private final MeterRegistry registry;
    private final PipelineHealth health;
    private final PrintStream out;
    private boolean closed;

    private Running(VideoPipeline pipeline, MeterRegistry registry, PipelineHealth health, PrintStream out) {
      this.pipeline = pipeline;
      this.registry = registry;
      this.health = health;
      this.out = out;
    }

    /** The running pipeline. */
    public VideoPipeline pipeline() {
      return pipeline;
    }

    /** The registry the {@link PipelineMetrics} are bound to. */
    public MeterRegistry registry() {
      return registry;
    }

    /** This process's health check. */
    public PipelineHealth health() {
      return health;
    }

    /**
     * Stops claiming, interrupts running jobs (each is released to {@code queued} at once), then
     * closes the store and storage. Idempotent.
     */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      long start = System.nanoTime();
      log.info("stopping: no new claims; running jobs are interrupted and released");
      registry.close(); // its last publish still reads the store
      pipeline.close();
      out.println(STOPPED + " after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
      out.flush();
    }
  }
}
