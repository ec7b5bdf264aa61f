package io.vodkit;

import io.vodkit.internal.CompletionModel;
import io.vodkit.internal.Ids;
import io.vodkit.internal.JobRunner;
import io.vodkit.internal.PartPlanner;
import io.vodkit.internal.PipelineSettings;
import io.vodkit.internal.UploadSweeper;
import io.vodkit.internal.WorkerPool;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.EmbeddedDefaults;
import io.vodkit.spi.ManifestWriter;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PartInfo;
import io.vodkit.spi.Transcoder;
import io.vodkit.spi.VideoCursor;
import io.vodkit.views.ViewCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vodkit facade: upload → publish → transcode → package → deliver, behind one object.
 *
 * <pre>{@code
 * try (VideoPipeline vodkit = VideoPipeline.embedded(Path.of("vodkit-data"))) {
 *   UploadSession up = vodkit.createUpload(NewUpload.of("user_42", "Eiger", "video/mp4", size));
 *   // the client PUTs the file to up.uploadUrl(), or each part to up.parts().get(i).url()
 *   vodkit.completeUpload(up.videoId(), etags);
 *   TranscodeJob job = vodkit.publish(up.videoId());     // returns at once
 *   Video video = vodkit.awaitTerminal(up.videoId(), Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * <p>Immutable once built and thread-safe. Worker threads (if {@link Builder#workers(int)} > 0)
 * and the lease supervisor start in {@link Builder#build()} and stop in {@link #close()}, which
 * also closes the storage, the store and anything registered with {@link Builder#closing}.
 */
public final class VideoPipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VideoPipeline.class);

  /** Key of the uploaded source of a video (private, never on the CDN). */
  public static String sourceKey(String videoId) {
    return "raw/" + videoId + "/source";
  }

  /** Key prefix of a video's published objects. */
  public static String videoPrefix(String videoId) {
    return "videos/" + videoId + "/";
  }

  private final ObjectStorage storage;
  private final MetadataStore store;
  private final Transcoder transcoder;
  private final List<ManifestWriter> manifestWriters;
  private final BaseUrls baseUrls;
  private final PipelineSettings settings;
  private final InstantSource clock;
  private final PartPlanner partPlanner;
  private final List<PipelineListener> listeners = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeables;
  private final WorkerPool workers;
  private final ViewCounter viewCounter;
  private final CompletionModel completionModel = new CompletionModel();

  private VideoPipeline(Builder b) {
    this.storage = Objects.requireNonNull(b.storage, "storage is required: builder.storage(...)");
    this.store = Objects.requireNonNull(b.store, "store is required: builder.store(...)");
    this.transcoder =
        Objects.requireNonNull(b.transcoder, "transcoder is required: builder.transcoder(...)");
    if (b.manifestWriters.isEmpty()) {
      throw VodkitException.configuration(
          "at least one manifest writer is required: builder.manifestWriter(...)");
    }
    this.manifestWriters = List.copyOf(b.manifestWriters);
    this.baseUrls = Objects.requireNonNull(b.baseUrls, "baseUrls is required: builder.baseUrls(...)");
    this.clock = b.clock;
    this.settings =
        new PipelineSettings(
            b.ladder, b.segmentDuration, b.audioBitrateKbps, b.leaseDuration, b.heartbeatInterval,
            b.pollInterval, b.supervisorInterval, b.maxAttempts, b.uploadTtl, b.workDir);
    this.partPlanner = new PartPlanner(b.partSizeBytes);
    this.closeables = List.copyOf(b.closeables);
    this.viewCounter = b.viewCounter != null ? b.viewCounter : ViewCounter.inMemory(clock);
    this.listeners.addAll(b.listeners);
    JobRunner runner =
        new JobRunner(storage, store, transcoder, manifestWriters, settings, clock, this::emit, completionModel);
    this.workers =
        new WorkerPool(
            store, runner, new UploadSweeper(store, storage, clock, this::emit), settings, clock, b.workers,
            b.workerIdPrefix);
    workers.start();
  }

  /** A builder with nothing set but the defaults listed on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The embedded pipeline: filesystem storage, SQLite, local ffmpeg and worker threads, all under
   * {@code dataDir}. Needs {@code io.vodkit:vodkit-embedded} on the class path.
   */
  public static VideoPipeline embedded(Path dataDir) {
    return embeddedBuilder(dataDir).build();
  }

  /** The embedded defaults as a builder, to change a setting before building. */
  public static Builder embeddedBuilder(Path dataDir) {
    Iterator<EmbeddedDefaults> found = ServiceLoader.load(EmbeddedDefaults.class).iterator();
    if (!found.hasNext()) {
      throw VodkitException.configuration(
          "VideoPipeline.embedded needs the io.vodkit:vodkit-embedded artifact on the class path");
    }
    return found.next().configure(builder(), dataDir);
  }

  // ------------------------------------------------------------------ uploads

  /**
   * Creates a video in {@code awaiting_upload} and an upload session: one URL for a single PUT
   * and presigned part URLs planned from the file size, all expiring after the upload TTL.
   */
  public UploadSession createUpload(NewUpload upload) {
    Objects.requireNonNull(upload, "upload");
    Instant now = clock.instant();
    String videoId = Ids.videoId();
    String key = sourceKey(videoId);
    Instant expiresAt = now.plus(settings.uploadTtl());
    long partSize = partPlanner.partSize(upload.fileSizeBytes());
    int partCount = partPlanner.partCount(upload.fileSizeBytes());
    DirectUploads uploads = storage.uploads();
    String uploadId = uploads.create(key, ObjectMetadata.of(upload.contentType(), CachePolicy.PRIVATE));
    List<PartUrl> parts = new ArrayList<>(partCount);
    for (int n = 1; n <= partCount; n++) {
      long offset = (n - 1) * partSize;
      long size = Math.min(partSize, upload.fileSizeBytes() - offset);
      parts.add(new PartUrl(n, offset, size, uploads.presignPart(key, uploadId, n, size, expiresAt)));
    }
    URI single = uploads.presignPut(key, upload.fileSizeBytes(), expiresAt);
    UploadSession session =
        new UploadSession(videoId, uploadId, key, upload.fileSizeBytes(), partSize, single, parts, expiresAt);
    Video video =
        new Video(
            videoId, upload.ownerId(), upload.title(), upload.description(), upload.contentType(),
            upload.fileSizeBytes(), VideoStatus.AWAITING_UPLOAD, null, List.of(), null, null, now, now);
    store.createVideo(video, session);
    return session;
  }

  /** The upload session of a video (URLs as issued). */
  public UploadSession uploadSession(String videoId) {
    return store.findUploadSession(videoId).orElseThrow(() -> VodkitException.notFound("upload for " + videoId));
  }

  /**
   * The parts storage already holds, so a resuming client sends only what is missing.
   * UPLOAD_EXPIRED once the session has expired.
   */
  public List<PartInfo> uploadedParts(String videoId) {
    Video video = video(videoId);
    UploadSession session = uploadSession(videoId);
    if (isExpired(video, session, clock.instant())) {
      throw uploadExpired(session);
    }
    return storage.uploads().listParts(session.objectKey(), session.uploadId());
  }

  /** True once the session's time is up (or the sweeper failed the video for it). */
  private static boolean isExpired(Video video, UploadSession session, Instant now) {
    boolean swept = video.status() == VideoStatus.FAILED
        && ErrorCode.UPLOAD_EXPIRED.wireName().equals(video.failureCode());
    return swept || (video.status() == VideoStatus.AWAITING_UPLOAD && now.isAfter(session.expiresAt()));
  }

  private static VodkitException uploadExpired(UploadSession session) {
    return new VodkitException(
        ErrorCode.UPLOAD_EXPIRED,
        "upload session of " + session.videoId() + " expired at " + session.expiresAt()
            + "; create a new upload",
        false, null, null);
  }

  /**
   * One page of the owner's videos, newest first; pass the previous page's {@link
   * VideoPage#nextCursor()} for the next (null for the first). {@code limit} is 1..100.
   */
  public VideoPage listVideos(String ownerId, String cursor, int limit) {
    Objects.requireNonNull(ownerId, "ownerId");
    if (limit < 1 || limit > VideoPage.MAX_LIMIT) {
      throw VodkitException.invalid("limit", "limit must be 1.." + VideoPage.MAX_LIMIT + ", was " + limit);
    }
    VideoCursor after = cursor == null || cursor.isEmpty() ? null : VideoCursor.decode(cursor);
    List<Video> page = store.listVideos(ownerId, after, limit + 1);
    boolean more = page.size() > limit;
    List<Video> videos = more ? page.subList(0, limit) : page;
    return new VideoPage(videos, more ? VideoCursor.after(videos.get(limit - 1)).encode() : null);
  }

  /**
   * Completes an upload. With {@code parts} empty, the whole file must have been PUT to the
   * single upload URL; otherwise every (partNumber, ETag) is verified against storage, the parts
   * must cover the declared size exactly, and they are assembled atomically. A wrong ETag fails
   * with {@code UPLOAD_VERIFICATION_FAILED} naming the part; stored parts are kept so the client
   * can resend. Completing an already completed upload returns the video unchanged.
   *
   * <p>The transcoder then screens the file's first bytes ({@link Transcoder#screen}): a file
   * that cannot be a video (text, an image, a playlist) fails its video at once with {@code
   * media_rejected} and this throws {@link MediaRejectedException}; the bytes stay in storage
   * until {@link #delete}.
   */
  public Video completeUpload(String videoId, List<CompletedPart> parts) {
    Objects.requireNonNull(parts, "parts");
    Video video = video(videoId);
    UploadSession session = uploadSession(videoId);
    Instant now = clock.instant();
    if (isExpired(video, session, now)) {
      throw uploadExpired(session);
    }
    if (video.status() != VideoStatus.AWAITING_UPLOAD) {
      return video;
    }
    DirectUploads uploads = storage.uploads();
    ObjectInfo object;
    if (parts.isEmpty()) {
      object =
          storage.head(session.objectKey())
              .orElseThrow(
                  () ->
                      VodkitException.uploadVerification(
                          0, "no parts listed and nothing was PUT to the upload URL of " + videoId));
      if (object.sizeBytes() != session.fileSizeBytes()) {
        throw VodkitException.uploadVerification(
            0, "uploaded " + object.sizeBytes() + " bytes but declared " + session.fileSizeBytes());
      }
      uploads.abort(session.objectKey(), session.uploadId());
    } else {
      verifyParts(session, parts, uploads.listParts(session.objectKey(), session.uploadId()));
      object = uploads.complete(session.objectKey(), session.uploadId(), parts);
    }
    screen(video, session, now);
    Video uploaded = video.withStatus(VideoStatus.UPLOADED, now);
    if (!store.updateVideo(uploaded, VideoStatus.AWAITING_UPLOAD)) {
      return video(videoId);
    }
    log.info("upload of {} complete: {} bytes", videoId, object.sizeBytes());
    emit(new PipelineEvent(PipelineEvent.Type.UPLOAD_COMPLETED, videoId, null, now));
    return uploaded;
  }

  /**
   * The transcoder's look at the upload's first bytes; a rejected file fails its video at once.
   * If the bytes cannot be read the upload completes unscreened (the worker's probe still checks
   * the file): the assembled object must not be left behind a failed completion.
   */
  private void screen(Video video, UploadSession session, Instant now) {
    byte[] firstBytes;
    try {
      firstBytes = storage.readFirstBytes(session.objectKey(), Transcoder.SCREEN_BYTES);
    } catch (VodkitException e) {
      log.warn("upload of {} not screened: {}", video.id(), e.getMessage());
      return;
    }
    try {
      transcoder.screen(firstBytes);
    } catch (MediaRejectedException e) {
      Video rejected = video.failed(ErrorCode.MEDIA_REJECTED.wireName(), e.getMessage(), now);
      if (store.updateVideo(rejected, VideoStatus.AWAITING_UPLOAD)) {
        log.info("upload of {} rejected: {}", video.id(), e.getMessage());
        emit(new PipelineEvent(PipelineEvent.Type.UPLOAD_REJECTED, video.id(), null, now));
      }
      throw e;
    }
  }

  private static void verifyParts(UploadSession session, List<CompletedPart> parts, List<PartInfo> stored) {
    Map<Integer, PartInfo> byNumber = new HashMap<>();
    for (PartInfo p : stored) {
      byNumber.put(p.partNumber(), p);
    }
    long total = 0;
    int previous = 0;
    for (CompletedPart part : parts) {
      if (part.partNumber() <= previous) {
        throw VodkitException.invalid("parts", "parts must be listed in ascending part number order without repeats");
      }
      previous = part.partNumber();
      PartInfo held = byNumber.get(part.partNumber());
      if (held == null) {
        throw VodkitException.uploadVerification(
            part.partNumber(), "part " + part.partNumber() + " was never uploaded; PUT it and complete again");
      }
      if (!held.etag().equals(part.etag())) {
        throw VodkitException.uploadVerification(
            part.partNumber(),
            "part " + part.partNumber() + " has ETag " + held.etag() + " in storage but the client sent "
                + part.etag() + "; re-upload that part");
      }
      total += held.sizeBytes();
    }
    if (total != session.fileSizeBytes()) {
      throw VodkitException.uploadVerification(
          0, "parts add up to " + total + " bytes but the upload declared " + session.fileSizeBytes());
    }
  }

  // ------------------------------------------------------------------ publish and status

  /**
   * Enqueues the transcode of an uploaded video and returns at once (202 semantics). Idempotent:
   * publishing again returns the same job. CONFLICT if the upload is not complete.
   */
  public TranscodeJob publish(String videoId) {
    Video video = video(videoId);
    Instant now = clock.instant();
    String newJobId = Ids.jobId();
    TranscodeJob job =
        store.enqueue(
            TranscodeJob.queued(newJobId, videoId, settings.maxAttempts(), now, estimateCompletion(video, now)));
    if (job.id().equals(newJobId)) {
      emit(new PipelineEvent(PipelineEvent.Type.JOB_QUEUED, videoId, job.id(), now));
    }
    workers.wakeUp();
    return job;
  }

  /**
   * {@code estimated_completion_at}: now plus what {@link CompletionModel} expects a source of this
   * size to take, learned from the jobs this process's workers finished (30 s + 0.5 s/MB before
   * any).
   */
  private Instant estimateCompletion(Video video, Instant now) {
    return now.plusMillis(Math.round(completionModel.estimateSeconds(video.fileSizeBytes()) * 1000));
  }

  /** The video record; NOT_FOUND if unknown. */
  public Video video(String videoId) {
    if (!Ids.isValid(videoId, "vid_")) {
      throw VodkitException.notFound("video " + videoId);
    }
    return store.findVideo(videoId).orElseThrow(() -> VodkitException.notFound("video " + videoId));
  }

  /** The transcode job of a video; NOT_FOUND if it was never published. */
  public TranscodeJob job(String videoId) {
    video(videoId);
    return store.findJobForVideo(videoId).orElseThrow(() -> VodkitException.notFound("transcode job for " + videoId));
  }

  /**
   * Cancels the video's transcode if it is queued or running: the job becomes {@code cancelled},
   * the video {@code failed} with the code {@code cancelled}, a worker running it loses its lease
   * within one heartbeat (ffmpeg is killed, its output discarded) and what was already published
   * under the video's prefix is deleted; the source is kept. Returns the job as it is afterwards.
   * NOT_FOUND if never published; CONFLICT if the job has already ended.
   */
  public TranscodeJob cancel(String videoId) {
    TranscodeJob job = job(videoId);
    Instant now = clock.instant();
    if (!store.cancel(job.id(), "cancelled by request", now)) {
      throw VodkitException.conflict(
          "transcode job " + job.id() + " has already ended (" + job(videoId).status().wireName() + ")");
    }
    storage.deletePrefix(videoPrefix(videoId));
    emit(new PipelineEvent(PipelineEvent.Type.JOB_CANCELLED, videoId, job.id(), now));
    return job(videoId);
  }

  /** Progress for dashboards: percentage, current pass, passes done/total and ETA. */
  public TranscodeStatus transcodeStatus(String videoId) {
    return TranscodeStatus.of(job(videoId), clock.instant());
  }

  /** Where players fetch the HLS master of a video. */
  public URI manifestUrl(String videoId) {
    return ManifestUrls.hls(baseUrls, videoId);
  }

  /** Where players fetch the DASH MPD of a video. */
  public URI dashManifestUrl(String videoId) {
    return ManifestUrls.dash(baseUrls, videoId);
  }

  /**
   * Where the video's poster {@code thumb.jpg} is: a representative frame (not a black first
   * one), published with the storyboard ({@code storyboard.vtt} + sprite sheets, same folder)
   * before the masters. Nothing is there before the video is ready, nor if making it failed.
   */
  public URI thumbnailUrl(String videoId) {
    return baseUrls.cdnUrl(videoPrefix(videoId) + Transcoder.POSTER);
  }

  /** The configured base URLs. */
  public BaseUrls baseUrls() {
    return baseUrls;
  }

  /** The object storage this pipeline writes to. */
  public ObjectStorage storage() {
    return storage;
  }

  /**
   * The metadata store and job queue this pipeline uses (for health checks, metrics and modules
   * that share it, such as webhooks). The pipeline owns it: do not close it.
   */
  public MetadataStore store() {
    return store;
  }

  /** The view counter: {@code record(...)} player events on it; see {@link Builder#viewCounter}. */
  public ViewCounter viewCounter() {
    return viewCounter;
  }

  /**
   * The {@code view_count} of a video: qualified views as of the last flush (up to a flush interval
   * behind, cached briefly); 0 for a video with none.
   */
  public long viewCount(String videoId) {
    return viewCounter.viewCount(videoId);
  }

  /**
   * Polls until the video reaches {@code ready}, {@code partial} or {@code failed}, or the timeout
   * passes; returns the video as it is then (check its status).
   */
  public Video awaitTerminal(String videoId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Video v = video(videoId);
      if (v.status().isTerminal() || Instant.now().isAfter(deadline)) {
        return v;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return v;
      }
    }
  }

  /**
   * Deletes a video: its record and job (a worker holding it loses its lease and stops), its
   * source, any unfinished upload, every published object and its view counts. Unknown videos are NOT_FOUND.
   */
  public void delete(String videoId) {
    Video video = video(videoId);
    UploadSession session = store.findUploadSession(videoId).orElse(null);
    store.deleteVideo(videoId);
    if (session != null) {
      storage.uploads().abort(session.objectKey(), session.uploadId());
    }
    storage.deletePrefix("raw/" + videoId + "/");
    storage.deletePrefix(videoPrefix(videoId));
    try {
      viewCounter.forget(videoId);
    } catch (RuntimeException e) {
      log.warn("{} deleted, but its view counts could not be: they stay until deleted again", videoId, e);
    }
    emit(new PipelineEvent(PipelineEvent.Type.VIDEO_DELETED, video.id(), null, clock.instant()));
  }

  /** Adds a listener; returns a handle that removes it again. */
  public AutoCloseable onEvent(PipelineListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> listeners.remove(listener);
  }

  private void emit(PipelineEvent event) {
    for (PipelineListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("listener {} failed on {}", l, event, e);
      }
    }
  }

  /** Stops the workers and supervisor (waiting for running jobs to stop), then closes every part. */
  @Override
  public void close() {
    workers.close();
    List<AutoCloseable> all = new ArrayList<>(closeables);
    all.add(0, viewCounter); // its final flush, before what it flushes to is closed
    all.add(store);
    all.add(storage);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed", c, e);
      }
    }
  }

  /**
   * Builds a {@link VideoPipeline}. Storage, store, transcoder, at least one manifest writer and
   * base URLs are required; every other setting has the default its setter names.
   */
  public static final class Builder {
    private ObjectStorage storage;
    private MetadataStore store;
    private Transcoder transcoder;
    private final List<ManifestWriter> manifestWriters = new ArrayList<>();
    private BaseUrls baseUrls;
    private Ladder ladder = Ladder.DEFAULT;
    private Duration segmentDuration = Duration.ofSeconds(4);
    private int audioBitrateKbps = 128;
    private int workers = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private String workerIdPrefix = defaultWorkerIdPrefix();
    private Duration leaseDuration = Duration.ofMinutes(10);
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration supervisorInterval = Duration.ofSeconds(15);
    private int maxAttempts = 3;
    private Duration uploadTtl = Duration.ofHours(1);
    private long partSizeBytes = 8 * PartPlanner.MIB;
    private Path workDir;
    private InstantSource clock = InstantSource.system();
    private ViewCounter viewCounter;
    private final List<PipelineListener> listeners = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private Builder() {}

    /** Object storage for sources, segments and manifests. Required; closed by the pipeline. */
    public Builder storage(ObjectStorage storage) {
      this.storage = storage;
      return this;
    }

    /** Metadata store and job queue. Required; closed by the pipeline. */
    public Builder store(MetadataStore store) {
      this.store = store;
      return this;
    }

    /** Probing and encoding. Required. */
    public Builder transcoder(Transcoder transcoder) {
      this.transcoder = transcoder;
      return this;
    }

    /** Adds a manifest writer (HLS, DASH…); masters are written in the order added. */
    public Builder manifestWriter(ManifestWriter writer) {
      this.manifestWriters.add(Objects.requireNonNull(writer, "writer"));
      return this;
    }

    /** API, uploads and CDN base URLs. Required. */
    public Builder baseUrls(BaseUrls baseUrls) {
      this.baseUrls = baseUrls;
      return this;
    }

    /** The rendition ladder; default {@link Ladder#DEFAULT}. */
    public Builder ladder(Ladder ladder) {
      this.ladder = Objects.requireNonNull(ladder, "ladder");
      return this;
    }

    /** Segment duration; keyframes fall exactly on segment starts. Default 4 s. */
    public Builder segmentDuration(Duration segmentDuration) {
      requirePositive(segmentDuration, "segmentDuration");
      this.segmentDuration = segmentDuration;
      return this;
    }

    /** AAC bitrate of the audio rendition; default 128 kbps. */
    public Builder audioBitrateKbps(int kbps) {
      if (kbps < 32) {
        throw new IllegalArgumentException("audio bitrate must be at least 32 kbps");
      }
      this.audioBitrateKbps = kbps;
      return this;
    }

    /** Worker threads in this process; 0 for an API-only process. Default: cores / 2, at least 1. */
    public Builder workers(int workers) {
      if (workers < 0) {
        throw new IllegalArgumentException("workers must be >= 0");
      }
      this.workers = workers;
      return this;
    }

    /** Prefix of worker ids (shown in the job's worker_id); default host name + pid. */
    public Builder workerIdPrefix(String prefix) {
      this.workerIdPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** How long a claim holds a job without renewal; default 10 minutes. */
    public Builder leaseDuration(Duration lease) {
      requirePositive(lease, "leaseDuration");
      this.leaseDuration = lease;
      return this;
    }

    /**
     * How often a working worker renews its lease and saves progress; default 2 s (never more than a
     * third of the lease).
     */
    public Builder heartbeatInterval(Duration interval) {
      requirePositive(interval, "heartbeatInterval");
      this.heartbeatInterval = interval;
      return this;
    }

    /** How often an idle worker looks for work (publish also wakes local workers); default 1 s. */
    public Builder pollInterval(Duration interval) {
      requirePositive(interval, "pollInterval");
      this.pollInterval = interval;
      return this;
    }

    /** How often the supervisor requeues expired leases; default 15 s. */
    public Builder supervisorInterval(Duration interval) {
      requirePositive(interval, "supervisorInterval");
      this.supervisorInterval = interval;
      return this;
    }

    /** Claims a job gets before it fails; default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** How long upload URLs and sessions stay valid; default 1 hour. */
    public Builder uploadTtl(Duration ttl) {
      requirePositive(ttl, "uploadTtl");
      this.uploadTtl = ttl;
      return this;
    }

    /** Preferred multipart part size (5 MiB..5 GiB, grown to fit 10,000 parts); default 8 MiB. */
    public Builder partSizeBytes(long bytes) {
      this.partSizeBytes = bytes;
      return this;
    }

    /** Scratch space for sources and encoder output; default a temp directory. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Time source for leases and timestamps; default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Counts views ({@code io.vodkit.views}); closed by the pipeline, first. Default: an in-memory
     * counter on the pipeline's clock ({@link ViewCounter#inMemory(InstantSource)}) whose totals
     * vanish with the process; embedded mode sets one that flushes to SQLite.
     */
    public Builder viewCounter(ViewCounter viewCounter) {
      this.viewCounter = Objects.requireNonNull(viewCounter, "viewCounter");
      return this;
    }

    /** Adds an event listener. */
    public Builder listener(PipelineListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Something the pipeline closes last when it is closed (e.g. an HTTP listener). */
    public Builder closing(AutoCloseable resource) {
      this.closeables.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** Builds the pipeline and starts its workers and supervisor. */
    public VideoPipeline build() {
      if (workDir == null) {
        try {
          workDir = Files.createTempDirectory("vodkit-work");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new VideoPipeline(this);
    }

    private static void requirePositive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }

    private static String defaultWorkerIdPrefix() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "localhost";
      }
      return host + "-" + ProcessHandle.current().pid();
    }
  }
}
