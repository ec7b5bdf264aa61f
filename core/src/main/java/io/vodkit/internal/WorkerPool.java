package io.vodkit.internal;

import io.vodkit.TranscodeJob;
import io.vodkit.spi.MetadataStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N worker threads that claim jobs from the store and run them, plus one supervisor thread that
 * requeues jobs whose lease expired and sweeps expired upload sessions ({@link UploadSweeper}). {@link #wakeUp()} lets a local publish skip the poll delay.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  private final MetadataStore store;
  private final JobRunner runner;
  private final UploadSweeper uploadSweeper;
  private final PipelineSettings settings;
  private final InstantSource clock;
  private final int size;
  private final String workerIdPrefix;
  private final Semaphore wakeUps = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  public WorkerPool(
      MetadataStore store,
      JobRunner runner,
      UploadSweeper uploadSweeper,
      PipelineSettings settings,
      InstantSource clock,
      int size,
      String workerIdPrefix) {
    this.store = store;
    this.runner = runner;
    this.uploadSweeper = uploadSweeper;
    this.settings = settings;
    this.clock = clock;
    this.size = size;
    this.workerIdPrefix = workerIdPrefix;
  }

  /** Starts the workers and, if there is at least one, the supervisor. */
  public synchronized void start() {
    if (running || size == 0) {
      return;
    }
    running = true;
    String suffix = Ids.random("").substring(0, 6);
    for (int i = 0; i < size; i++) {
      String workerId = workerIdPrefix + "-" + suffix + "-w" + i;
      Thread t = new Thread(() -> workLoop(workerId), "vodkit-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    Thread supervisor = new Thread(this::superviseLoop, "vodkit-supervisor");
    supervisor.setDaemon(true);
    threads.add(supervisor);
    Thread listener = new Thread(this::listenLoop, "vodkit-work-listener");
    listener.setDaemon(true);
    threads.add(listener);
    threads.forEach(Thread::start);
  }

  /** Lets idle workers look for work now. */
  public void wakeUp() {
    wakeUps.release(size);
  }

  private void workLoop(String workerId) {
    while (running) {
      try {
        Optional<TranscodeJob> job = store.claim(workerId, clock.instant(), settings.leaseDuration());
        if (job.isPresent()) {
          runner.run(job.get());
        } else {
          wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        Thread.interrupted();
      } catch (RuntimeException e) {
        log.warn("worker {} loop error; retrying after the poll interval", workerId, e);
        sleepQuietly(settings.pollInterval().toMillis());
      }
    }
  }

  /** Wakes idle workers as soon as the store hears of new work (another process's publish). */
  private void listenLoop() {
    while (running) {
      try {
        if (store.awaitWork(settings.pollInterval())) {
          wakeUp();
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        Thread.interrupted();
      } catch (RuntimeException e) {
        log.warn("waiting for work notifications failed; polling meanwhile", e);
        sleepQuietly(settings.pollInterval().toMillis());
      }
    }
  }

  private void superviseLoop() {
    while (running) {
      try {
        int n = store.requeueExpired(clock.instant());
        if (n > 0) {
          log.warn("supervisor: {} job(s) had an expired lease (requeued, or failed after max attempts)", n);
          wakeUp();
        }
      } catch (RuntimeException e) {
        log.warn("supervisor sweep failed; will retry", e);
      }
      try {
        uploadSweeper.sweep();
      } catch (RuntimeException e) {
        log.warn("upload sweep failed; will retry", e);
      }
      sleepQuietly(settings.supervisorInterval().toMillis());
    }
  }

  private void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      if (running) {
        Thread.interrupted();
      }
    }
  }

  /**
   * Stops every thread: running jobs are interrupted (their ffmpeg killed) and handed back to the
   * queue without using up an attempt.
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    runner.shutDown();
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.clear();
  }
}
