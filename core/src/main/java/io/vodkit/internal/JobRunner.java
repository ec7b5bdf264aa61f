package io.vodkit.internal;

import io.vodkit.ErrorCode;
import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.MediaRejectedException;
import io.vodkit.PipelineEvent;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.ManifestWriter;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.Transcoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job on the calling worker thread: fetch the source, probe, plan the ladder,
 * encode, store segments, then rendition manifests, confirm everything is present, then the
 * masters (last), then record the outcome. A heartbeat thread renews the lease and saves progress;
 * if the lease is lost the worker is interrupted, ffmpeg is killed and the output is discarded.
 *
 * <p>Errors: a {@link MediaRejectedException} fails the job at once; any other error releases the
 * attempt for a retry (the store fails the job after {@code max_attempts}).
 */
public final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final ObjectStorage storage;
  private final MetadataStore store;
  private final Transcoder transcoder;
  private final List<ManifestWriter> writers;
  private final PipelineSettings settings;
  private final InstantSource clock;
  private final Consumer<PipelineEvent> events;

  public JobRunner(
      ObjectStorage storage,
      MetadataStore store,
      Transcoder transcoder,
      List<ManifestWriter> writers,
      PipelineSettings settings,
      InstantSource clock,
      Consumer<PipelineEvent> events) {
    this.storage = storage;
    this.store = store;
    this.transcoder = transcoder;
    this.writers = List.copyOf(writers);
    this.settings = settings;
    this.clock = clock;
    this.events = events;
  }

  /** Runs the job to an outcome, a release, or (lease lost) nothing. Never throws. */
  public void run(TranscodeJob job) {
    JobLease lease = job.lease();
    String videoId = job.videoId();
    log.info("{} claimed {} for {} (attempt {}/{})", lease.workerId(), job.id(), videoId, job.attempt(), job.maxAttempts());
    emit(PipelineEvent.Type.JOB_STARTED, job);
    AtomicReference<List<RenditionProgress>> progress = new AtomicReference<>(List.of());
    Heartbeat heartbeat = new Heartbeat(lease, progress, Thread.currentThread());
    Path work = settings.workDir().resolve(job.id() + "-" + job.attempt());
    MediaInfo media = null;
    try {
      heartbeat.start();
      Files.createDirectories(work);
      Path source = work.resolve("source");
      storage.download(VideoPipeline.sourceKey(videoId), source);
      media = transcoder.probe(source);
      List<RungSpec> rungs = settings.ladder().plan(media);
      progress.set(rungs.stream().map(r -> RenditionProgress.pending(r.name())).toList());
      heartbeat.beatNow();
      List<PackagedRendition> produced =
          transcoder.transcode(
              new TranscodeRequest(
                  source, media, rungs, settings.audioBitrateKbps(), settings.segmentDuration(), work.resolve("out")),
              fraction -> progress.set(withPct(progress.get(), fraction)));
      progress.set(progress.get().stream().map(p -> p.with(RenditionState.DONE, 100)).toList());
      PackagedVideo packaged =
          new PackagedVideo(
              videoId,
              produced.stream().mapToDouble(PackagedRendition::durationSeconds).max().orElse(0),
              settings.segmentDuration().toMillis() / 1000.0,
              produced);
      publishObjects(packaged, work.resolve("out"), heartbeat);
      JobOutcome outcome =
          new JobOutcome(JobStatus.COMPLETE, progress.get(), renditionsOf(packaged), packaged.durationSeconds(), null, null);
      heartbeat.stop();
      if (store.finish(lease, outcome, clock.instant())) {
        log.info("{} complete: {} renditions", videoId, outcome.published().size());
        emit(PipelineEvent.Type.VIDEO_READY, job);
      } else {
        log.warn("{} lost the lease of {} before recording the outcome; output discarded", lease.workerId(), job.id());
      }
    } catch (MediaRejectedException e) {
      heartbeat.stop();
      log.warn("{} rejected: {}", videoId, e.getMessage());
      boolean recorded =
          store.finish(
              lease,
              JobOutcome.failed(failAll(progress.get(), e.getMessage()), null, e.code().wireName(), e.getMessage()),
              clock.instant());
      if (recorded) {
        emit(PipelineEvent.Type.VIDEO_FAILED, job);
      }
    } catch (Exception e) {
      heartbeat.stop();
      handleFailure(job, lease, e, heartbeat.lost(), progress.get(), media);
    } finally {
      heartbeat.stop();
      Thread.interrupted(); // clear an interrupt meant for this job only
      deleteRecursively(work);
    }
  }

  private void handleFailure(
      TranscodeJob job, JobLease lease, Exception e, boolean leaseLost, List<RenditionProgress> progress, MediaInfo media) {
    if (leaseLost) {
      log.warn("{} lost the lease of {}; stopped and discarded the output", lease.workerId(), job.id());
      return;
    }
    VodkitException ve =
        e instanceof VodkitException v ? v : VodkitException.transcode(e.toString(), true, e);
    if (!ve.isRetryable() && ve.code() != ErrorCode.CANCELLED) {
      log.warn("{} failed for good: {}", job.videoId(), ve.getMessage());
      if (store.finish(
          lease,
          JobOutcome.failed(failAll(progress, ve.getMessage()), media == null ? null : media.durationSeconds(),
              ve.code().wireName(), ve.getMessage()),
          clock.instant())) {
        emit(PipelineEvent.Type.VIDEO_FAILED, job);
      }
      return;
    }
    log.warn("{} attempt {} failed ({}); releasing for retry", job.id(), job.attempt(), ve.getMessage(), e);
    if (store.release(lease, ve.code().wireName(), ve.getMessage(), clock.instant())) {
      boolean lastAttempt = job.attempt() >= job.maxAttempts();
      emit(lastAttempt ? PipelineEvent.Type.VIDEO_FAILED : PipelineEvent.Type.JOB_RETRYING, job);
    }
  }

  private void publishObjects(PackagedVideo packaged, Path out, Heartbeat heartbeat) {
    String prefix = VideoPipeline.videoPrefix(packaged.videoId());
    for (PackagedRendition r : packaged.renditions()) {
      Path dir = out.resolve(r.name());
      storage.put(prefix + r.name() + "/" + r.initSegment(), dir.resolve(r.initSegment()),
          ObjectMetadata.of("video/mp4", CachePolicy.IMMUTABLE));
      for (Segment s : r.segments()) {
        storage.put(prefix + r.name() + "/" + s.fileName(), dir.resolve(s.fileName()),
            ObjectMetadata.of("video/iso.segment", CachePolicy.IMMUTABLE));
      }
    }
    List<ManifestFile> renditionManifests = new ArrayList<>();
    for (ManifestWriter w : writers) {
      for (ManifestFile f : w.renditionManifests(packaged)) {
        storage.put(prefix + f.relativePath(), f.content(), ObjectMetadata.of(f.contentType(), CachePolicy.MANIFEST));
        renditionManifests.add(f);
      }
    }
    confirmPresent(packaged, renditionManifests);
    if (!heartbeat.beatNow()) {
      throw new VodkitException(ErrorCode.CANCELLED, "lease lost before writing the masters", false, null, null);
    }
    for (ManifestWriter w : writers) {
      ManifestFile master = w.master(packaged);
      storage.put(prefix + master.relativePath(), master.content(), ObjectMetadata.of(master.contentType(), CachePolicy.MANIFEST));
    }
  }

  /** The barrier before the masters: every segment and rendition manifest is in storage. */
  private void confirmPresent(PackagedVideo packaged, List<ManifestFile> manifests) {
    String prefix = VideoPipeline.videoPrefix(packaged.videoId());
    List<String> keys = new ArrayList<>();
    for (PackagedRendition r : packaged.renditions()) {
      keys.add(prefix + r.name() + "/" + r.initSegment());
      r.segments().forEach(s -> keys.add(prefix + r.name() + "/" + s.fileName()));
    }
    manifests.forEach(m -> keys.add(prefix + m.relativePath()));
    for (String key : keys) {
      if (storage.head(key).isEmpty()) {
        throw VodkitException.storage("written object " + key + " is not visible in storage; masters withheld", null);
      }
    }
  }

  private static List<Rendition> renditionsOf(PackagedVideo packaged) {
    return packaged.video().stream()
        .map(r -> new Rendition(r.name(), r.width(), r.height(), r.targetBitrateKbps(), r.bandwidthBps(), r.codecs()))
        .toList();
  }

  private static List<RenditionProgress> withPct(List<RenditionProgress> current, double fraction) {
    int pct = (int) Math.max(0, Math.min(99, Math.floor(fraction * 100)));
    return current.stream().map(p -> p.with(RenditionState.PROCESSING, pct)).toList();
  }

  private static List<RenditionProgress> failAll(List<RenditionProgress> current, String error) {
    return current.stream()
        .map(p -> p.state() == RenditionState.DONE ? p : new RenditionProgress(p.quality(), RenditionState.FAILED, p.pct(), error))
        .toList();
  }

  private void emit(PipelineEvent.Type type, TranscodeJob job) {
    events.accept(new PipelineEvent(type, job.videoId(), job.id(), clock.instant()));
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete work dir {}", dir, e);
    }
  }

  /**
   * Renews the lease and saves progress every heartbeat; on a lost lease it interrupts the worker
   * thread, which kills the encoder.
   */
  private final class Heartbeat {
    private final JobLease lease;
    private final AtomicReference<List<RenditionProgress>> progress;
    private final Thread worker;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Thread thread;

    Heartbeat(JobLease lease, AtomicReference<List<RenditionProgress>> progress, Thread worker) {
      this.lease = lease;
      this.progress = progress;
      this.worker = worker;
    }

    void start() {
      thread = new Thread(this::loop, "vodkit-heartbeat-" + lease.jobId());
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      long period = settings.effectiveHeartbeat().toMillis();
      while (!stopped.get()) {
        try {
          Thread.sleep(period);
        } catch (InterruptedException e) {
          return;
        }
        if (!stopped.get()) {
          beatNow();
        }
      }
    }

    /** Renews now; false (and the worker interrupted) if the lease is lost. */
    synchronized boolean beatNow() {
      if (lost.get()) {
        return false;
      }
      try {
        boolean held = store.renew(lease, clock.instant().plus(settings.leaseDuration()), progress.get());
        if (!held && !stopped.get()) {
          lost.set(true);
          log.warn("{} lost the lease of {}; stopping", lease.workerId(), lease.jobId());
          worker.interrupt();
        }
        return held;
      } catch (RuntimeException e) {
        log.warn("lease renewal of {} failed; will retry", lease.jobId(), e);
        return true;
      }
    }

    boolean lost() {
      return lost.get();
    }

    void stop() {
      if (stopped.compareAndSet(false, true) && thread != null) {
        thread.interrupt();
      }
    }
  }
}
