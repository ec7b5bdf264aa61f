package io.vodkit.internal;

import io.vodkit.ErrorCode;
import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.LadderPlan;
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
import io.vodkit.spi.PutResult;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.TranscodeResult;
import io.vodkit.spi.Transcoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job on the calling worker thread: fetch the source, probe, plan the ladder
 * (skipped rungs are recorded with their reasons), encode, make the poster and storyboard, store
 * segments, rendition manifests and thumbnails, confirm everything is present, then the masters
 * (last, by conditional writes: an attempt that lost its lease never replaces a newer master),
 * then record the outcome. A heartbeat thread renews the lease and saves progress; if the
 * lease is lost the worker is interrupted, ffmpeg is killed, and — when the job was cancelled or
 * deleted — what this worker wrote under the video's prefix is deleted.
 *
 * <p>Outcomes: {@code complete}; {@code partial} when some rungs failed on their own and others
 * were published (each failure on its rendition). Errors: a {@link MediaRejectedException} fails
 * the job at once; other non-retryable errors too; retryable ones release the attempt for a retry
 * (the store fails the job after {@code max_attempts}). Thumbnails failing never fail the job.
 */
public final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  /** Conditional writes of one master before giving up (retryably) on a key that keeps changing. */
  private static final int MASTER_WRITE_ATTEMPTS = 3;

  private final ObjectStorage storage;
  private final MetadataStore store;
  private final Transcoder transcoder;
  private final List<ManifestWriter> writers;
  private final PipelineSettings settings;
  private final InstantSource clock;
  private final Consumer<PipelineEvent> events;
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final CompletionModel completionModel;

  /** A runner; {@code completionModel} learns from every job it finishes complete or partial. */
  public JobRunner(
      ObjectStorage storage,
      MetadataStore store,
      Transcoder transcoder,
      List<ManifestWriter> writers,
      PipelineSettings settings,
      InstantSource clock,
      Consumer<PipelineEvent> events,
      CompletionModel completionModel) {
    this.storage = storage;
    this.store = store;
    this.transcoder = transcoder;
    this.writers = List.copyOf(writers);
    this.settings = settings;
    this.clock = clock;
    this.events = events;
    this.completionModel = completionModel;
  }

  /**
   * Tells running jobs that the worker pool is stopping: a job interrupted from now on is handed
   * back to the queue unfinished (its attempt not counted) instead of released as failed.
   */
  public void shutDown() {
    shuttingDown.set(true);
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
    long startNanos = System.nanoTime();
    MediaInfo media = null;
    List<RenditionProgress> skipped = List.of();
    try {
      heartbeat.start();
      Files.createDirectories(work);
      Path source = work.resolve("source");
      storage.download(VideoPipeline.sourceKey(videoId), source);
      long sourceBytes = Files.size(source);
      media = transcoder.probe(source);
      LadderPlan plan = settings.ladder().planWithReasons(media);
      List<RungSpec> rungs = plan.rungs();
      skipped = plan.skipped().stream().map(r -> RenditionProgress.skipped(r.name(), r.describe())).toList();
      progress.set(rungs.stream().map(r -> RenditionProgress.pending(r.name())).toList());
      if (!heartbeat.beatNow()) {
        throw new VodkitException(ErrorCode.CANCELLED, "lease lost before encoding", false, null, null);
      }
      TranscodeResult result =
          transcoder.transcodeAllowingPartial(
              new TranscodeRequest(
                  source, media, rungs, settings.audioBitrateKbps(), settings.segmentDuration(), work.resolve("out")),
              fraction -> progress.set(withPct(progress.get(), fraction)));
      progress.set(settled(progress.get(), result));
      List<Path> thumbnails = thumbnails(source, media, work.resolve("thumbs"));
      List<PackagedRendition> produced = result.renditions();
      PackagedVideo packaged =
          new PackagedVideo(
              videoId,
              produced.stream().mapToDouble(PackagedRendition::durationSeconds).max().orElse(0),
              settings.segmentDuration().toMillis() / 1000.0,
              produced);
      publishObjects(packaged, work.resolve("out"), thumbnails, heartbeat);
      JobOutcome outcome = outcomeOf(result, withSkipped(progress.get(), skipped), packaged);
      heartbeat.stop();
      if (store.finish(lease, outcome, clock.instant())) {
        if (result.partial()) {
          log.warn("{} partial: {} renditions; failed: {}", videoId, outcome.published().size(), outcome.errorMessage());
        } else {
          log.info("{} complete: {} renditions", videoId, outcome.published().size());
        }
        completionModel.record(sourceBytes, (System.nanoTime() - startNanos) / 1e9);
        emit(result.partial() ? PipelineEvent.Type.VIDEO_PARTIAL : PipelineEvent.Type.VIDEO_READY, job);
      } else {
        log.warn("{} lost the lease of {} before recording the outcome", lease.workerId(), job.id());
        afterLeaseLost(job, lease);
      }
    } catch (MediaRejectedException e) {
      heartbeat.stop();
      log.warn("{} rejected: {}", videoId, e.getMessage());
      boolean recorded =
          store.finish(
              lease,
              JobOutcome.failed(
                  failAll(withSkipped(progress.get(), skipped), e.getMessage()), null, e.code().wireName(), e.getMessage()),
              clock.instant());
      if (recorded) {
        emit(PipelineEvent.Type.VIDEO_FAILED, job);
      }
    } catch (Exception e) {
      heartbeat.stop();
      handleFailure(job, lease, e, heartbeat.lost(), withSkipped(progress.get(), skipped), media);
    } finally {
      heartbeat.stop();
      Thread.interrupted(); // clear an interrupt meant for this job only
      deleteRecursively(work);
    }
  }

  private void handleFailure(
      TranscodeJob job, JobLease lease, Exception e, boolean leaseLost, List<RenditionProgress> progress, MediaInfo media) {
    if (leaseLost) {
      afterLeaseLost(job, lease);
      return;
    }
    if (shuttingDown.get()) {
      Thread.interrupted(); // the interrupt that stopped ffmpeg must not fail the hand-back's I/O
      if (store.handBack(lease, clock.instant())) {
        log.info("{} shutting down: handed {} back to the queue (attempt {} not counted)",
            lease.workerId(), job.id(), job.attempt());
      }
      return;
    }
    Thread.interrupted(); // likewise for the bookkeeping below
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

  /**
   * After the lease is gone (the encoder is already dead and this thread writes nothing more): if
   * the job was cancelled or deleted, removes what this worker wrote under the video's prefix —
   * the facade's own delete may have run while uploads were still going, so objects written after
   * it would otherwise stay. If another worker holds the job now, its objects are left alone. No
   * outcome is recorded either way.
   */
  private void afterLeaseLost(TranscodeJob job, JobLease lease) {
    Thread.interrupted(); // the interrupt that stopped ffmpeg must not break the clean-up's I/O
    String prefix = VideoPipeline.videoPrefix(job.videoId());
    try {
      Optional<TranscodeJob> now = store.findJob(job.id());
      if (now.isPresent() && now.get().status() != JobStatus.CANCELLED) {
        log.warn("{} lost the lease of {} (now {}, worker {}); stopped and left its output to the new holder",
            lease.workerId(), job.id(), now.get().status().wireName(), now.get().workerId());
        return;
      }
      int written = storage.list(prefix).size();
      storage.deletePrefix(prefix);
      log.info("{} stopped {} of {}: job {}; deleted {} object(s) under {}", lease.workerId(), job.id(),
          job.videoId(), now.isPresent() ? "cancelled" : "deleted", written, prefix);
    } catch (RuntimeException e) {
      log.warn("{} could not clean up {} after {} was cancelled", lease.workerId(), prefix, job.id(), e);
    }
  }

  /**
   * The poster and storyboard files to publish, by file name; none (logged) when making them
   * fails: a video without a poster still plays. Only a cancellation stops the job here.
   */
  private List<Path> thumbnails(Path source, MediaInfo media, Path outDir) {
    try {
      List<Path> files = transcoder.thumbnailFiles(source, media, outDir);
      List<Path> publishable = new ArrayList<>();
      for (Path f : files) {
        if (thumbnailType(f) != null) {
          publishable.add(f);
        } else {
          log.warn("not publishing thumbnail file {}: only .jpg and .vtt files with plain names are", f.getFileName());
        }
      }
      return publishable;
    } catch (VodkitException e) {
      if (e.code() == ErrorCode.CANCELLED) {
        throw e;
      }
      log.warn("thumbnails of {} failed; publishing without them: {}", source, e.getMessage());
      return List.of();
    }
  }

  /** {@code image/jpeg} or {@code text/vtt} for a safe file name, else null. */
  private static String thumbnailType(Path file) {
    String name = file.getFileName().toString();
    if (!name.matches("[A-Za-z0-9_-]{1,64}\\.(jpg|vtt)")) {
      return null;
    }
    return name.endsWith(".jpg") ? "image/jpeg" : "text/vtt";
  }

  private void publishObjects(PackagedVideo packaged, Path out, List<Path> thumbnails, Heartbeat heartbeat) {
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
    List<String> thumbnailKeys = new ArrayList<>();
    for (Path f : thumbnails) {
      String key = prefix + f.getFileName();
      storage.put(key, f, ObjectMetadata.of(thumbnailType(f), CachePolicy.THUMBNAIL));
      thumbnailKeys.add(key);
    }
    confirmPresent(packaged, renditionManifests, thumbnailKeys);
    if (!heartbeat.beatNow()) {
      throw new VodkitException(ErrorCode.CANCELLED, "lease lost before writing the masters", false, null, null);
    }
    for (ManifestWriter w : writers) {
      ManifestFile master = w.master(packaged);
      writeMaster(prefix + master.relativePath(), master.content(),
          ObjectMetadata.of(master.contentType(), CachePolicy.MANIFEST), heartbeat);
    }
  }

  /**
   * Writes one master so that an attempt which lost its lease never replaces a newer one: create
   * it if absent; if another attempt's master is there, keep it when it is byte-identical (a
   * re-run), else re-check the lease and replace it only if it is still the version just read
   * (compare-and-swap on its ETag). A lost swap means someone wrote meanwhile: look again.
   */
  private void writeMaster(String key, byte[] content, ObjectMetadata metadata, Heartbeat heartbeat) {
    for (int attempt = 1; ; attempt++) {
      PutResult put = storage.putIfAbsent(key, content, metadata);
      if (put.created() || storedContentIs(key, content)) {
        return;
      }
      if (!heartbeat.beatNow()) {
        throw new VodkitException(ErrorCode.CANCELLED, "lease lost before replacing the master " + key, false, null, null);
      }
      if (storage.putIfMatch(key, content, metadata, put.etag())) {
        log.info("replaced the master {} written by an earlier attempt", key);
        return;
      }
      if (attempt == MASTER_WRITE_ATTEMPTS) {
        throw VodkitException.storage(
            "the master " + key + " changed under every one of " + attempt + " conditional writes", null);
      }
    }
  }

  /** True if {@code key} holds exactly {@code content}; false if it differs or is gone. */
  private boolean storedContentIs(String key, byte[] content) {
    try (InputStream in = storage.open(key)) {
      return Arrays.equals(in.readNBytes(content.length + 1), content);
    } catch (VodkitException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    } catch (IOException e) {
      throw VodkitException.storage("cannot read the master " + key + ": " + e.getMessage(), e);
    }
  }

  /** The barrier before the masters: every segment and rendition manifest is in storage. */
  private void confirmPresent(PackagedVideo packaged, List<ManifestFile> manifests, List<String> thumbnailKeys) {
    String prefix = VideoPipeline.videoPrefix(packaged.videoId());
    List<String> keys = new ArrayList<>();
    for (PackagedRendition r : packaged.renditions()) {
      keys.add(prefix + r.name() + "/" + r.initSegment());
      r.segments().forEach(s -> keys.add(prefix + r.name() + "/" + s.fileName()));
    }
    manifests.forEach(m -> keys.add(prefix + m.relativePath()));
    keys.addAll(thumbnailKeys);
    for (String key : keys) {
      if (storage.head(key).isEmpty()) {
        throw VodkitException.storage("written object " + key + " is not visible in storage; masters withheld", null);
      }
    }
  }

  /** Produced rungs done, failed rungs failed with their error. */
  private static List<RenditionProgress> settled(List<RenditionProgress> current, TranscodeResult result) {
    Map<String, String> failed = new HashMap<>();
    result.failures().forEach(f -> failed.put(f.rung(), f.describe()));
    return current.stream()
        .map(p -> failed.containsKey(p.quality())
            ? new RenditionProgress(p.quality(), RenditionState.FAILED, p.pct(), failed.get(p.quality()))
            : p.with(RenditionState.DONE, 100))
        .toList();
  }

  /**
   * COMPLETE, or PARTIAL when some rungs failed (the error names them; the code is the first
   * failure's, e.g. {@code configuration} or {@code transcode_failed}).
   */
  private static JobOutcome outcomeOf(TranscodeResult result, List<RenditionProgress> progress, PackagedVideo packaged) {
    if (!result.partial()) {
      return new JobOutcome(JobStatus.COMPLETE, progress, renditionsOf(packaged), packaged.durationSeconds(), null, null);
    }
    String message =
        result.failures().stream().map(f -> f.rung() + " failed (" + f.describe() + ")").collect(Collectors.joining("; "));
    return new JobOutcome(
        JobStatus.PARTIAL, progress, renditionsOf(packaged), packaged.durationSeconds(),
        result.failures().get(0).error().code().wireName(), message);
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

  /**
   * The planned rungs' progress followed by the rungs the planner skipped, with their reasons.
   * Skipped rungs join only the final record, so while the job runs its record lists the work in
   * flight (percentages and pass counts ignore skipped rungs either way).
   */
  private static List<RenditionProgress> withSkipped(List<RenditionProgress> planned, List<RenditionProgress> skipped) {
    List<RenditionProgress> all = new ArrayList<>(planned);
    all.addAll(skipped);
    return all;
  }

  private static List<RenditionProgress> failAll(List<RenditionProgress> current, String error) {
    return current.stream()
        .map(p -> p.state() == RenditionState.DONE || p.state() == RenditionState.SKIPPED ? p : new RenditionProgress(p.quality(), RenditionState.FAILED, p.pct(), error))
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
