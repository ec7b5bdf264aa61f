package io.vodkit.bench.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the ffmpeg and ffprobe children of this JVM use, sampled every 50 ms from Linux {@code
 * /proc} while {@link #watchFfmpeg} runs: the largest {@code VmHWM} (peak RSS) of any {@code
 * ffmpeg}, and the CPU time of all of them ({@link ProcessHandle.Info#totalCpuDuration()}, last
 * sample per process, so at most 50 ms short each). Also this JVM's own {@code VmHWM}.
 *
 * <p>CPU time is the load-proof companion of wall time: on a shared machine other work stretches
 * wall time, much less CPU time.
 */
final class PeakRss implements AutoCloseable {
  private final AtomicLong ffmpegPeakKib = new AtomicLong();
  private final Map<Long, Duration> cpuByPid = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  private PeakRss() {
    sampler = new Thread(this::sample, "peak-rss-sampler");
    sampler.setDaemon(true);
  }

  /** Starts sampling ffmpeg descendants until {@link #close()}. */
  static PeakRss watchFfmpeg() {
    PeakRss p = new PeakRss();
    p.sampler.start();
    return p;
  }

  /** CPU time of all ffmpeg and ffprobe children seen, in seconds. */
  double childCpuSeconds() {
    return cpuByPid.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
  }

  /** Largest ffmpeg {@code VmHWM} seen, in KiB. */
  long ffmpegPeakKib() {
    return ffmpegPeakKib.get();
  }

  /** This JVM's {@code VmHWM} in KiB, or -1 when {@code /proc} is not there. */
  static long selfPeakKib() {
    return vmHwmKib(ProcessHandle.current().pid());
  }

  private void sample() {
    while (running) {
      ProcessHandle.current().descendants().forEach(p -> {
        String command = p.info().command().orElse("");
        if (command.endsWith("/ffmpeg")) {
          ffmpegPeakKib.accumulateAndGet(vmHwmKib(p.pid()), Math::max);
        }
        if (command.endsWith("/ffmpeg") || command.endsWith("/ffprobe")) {
          p.info().totalCpuDuration().ifPresent(cpu -> cpuByPid.merge(p.pid(), cpu, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
      });
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long vmHwmKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
