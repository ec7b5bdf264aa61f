package io.vodkit.fleet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.OutboxEvent;
import io.vodkit.spi.VideoCursor;
import io.vodkit.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MetadataStore} that times {@link #claim} into the timer {@code vodkit.claim.latency}
 * (tag {@code outcome} = {@code claimed} or {@code empty}; a claim that throws is not timed) once
 * {@linkplain #bindTo bound} to a registry (the last one bound), and hands every call, claims
 * included, to the store it wraps unchanged. {@link #wrap} keeps a {@link WebhookStore} a {@code
 * WebhookStore}. Thread-safe as the wrapped store is; closing it closes the wrapped store.
 */
class TimedStore implements MetadataStore, MeterBinder {
  private final MetadataStore store;
  private volatile ClaimTimers timers;

  TimedStore(MetadataStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** {@code store} timed: a {@link TimedWebhookStore} when it is also a {@link WebhookStore}. */
  static TimedStore wrap(MetadataStore store) {
    return store instanceof WebhookStore webhooks
        ? new TimedWebhookStore(store, webhooks)
        : new TimedStore(store);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    timers = new ClaimTimers(timer(registry, "claimed"), timer(registry, "empty"));
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("vodkit.claim.latency")
        .tag("outcome", outcome)
        .description("one MetadataStore#claim call in this process, by whether it got a job")
        .register(registry);
  }

  @Override
  public Optional<TranscodeJob> claim(String workerId, Instant now, Duration lease) {
    ClaimTimers t = timers;
    if (t == null) {
      return store.claim(workerId, now, lease);
    }
    long start = System.nanoTime();
    Optional<TranscodeJob> claimed = store.claim(workerId, now, lease);
    (claimed.isPresent() ? t.claimed() : t.empty()).record(Duration.ofNanos(System.nanoTime() - start));
    return claimed;
  }

  // ------------------------------------------------------------------ delegated as is

  @Override
  public void createVideo(Video video, UploadSession session) {
    store.createVideo(video, session);
  }

  @Override
  public Optional<Video> findVideo(String videoId) {
    return store.findVideo(videoId);
  }

  @Override
  public Optional<UploadSession> findUploadSession(String videoId) {
    return store.findUploadSession(videoId);
  }

  @Override
  public boolean updateVideo(Video updated, VideoStatus expected) {
    return store.updateVideo(updated, expected);
  }

  @Override
  public List<Video> listVideos(String ownerId, VideoCursor after, int limit) {
    return store.listVideos(ownerId, after, limit);
  }

  @Override
  public List<UploadSession> expiredUploads(Instant now, int limit) {
    return store.expiredUploads(now, limit);
  }

  @Override
  public boolean deleteVideo(String videoId) {
    return store.deleteVideo(videoId);
  }

  @Override
  public TranscodeJob enqueue(TranscodeJob job) {
    return store.enqueue(job);
  }

  @Override
  public Optional<TranscodeJob> findJob(String jobId) {
    return store.findJob(jobId);
  }

  @Override
  public Optional<TranscodeJob> findJobForVideo(String videoId) {
    return store.findJobForVideo(videoId);
  }

  @Override
  public boolean renew(JobLease lease, Instant lockedUntil, List<RenditionProgress> progress) {
    return store.renew(lease, lockedUntil, progress);
  }

  @Override
  public boolean finish(JobLease lease, JobOutcome outcome, Instant now) {
    return store.finish(lease, outcome, now);
  }

  @Override
  public boolean release(JobLease lease, String errorCode, String errorMessage, Instant now) {
    return store.release(lease, errorCode, errorMessage, now);
  }

  @Override
  public boolean handBack(JobLease lease, Instant now) {
    return store.handBack(lease, now);
  }

  @Override
  public int requeueExpired(Instant now) {
    return store.requeueExpired(now);
  }

  @Override
  public Map<JobStatus, Long> jobCounts() {
    return store.jobCounts();
  }

  @Override
  public boolean cancel(String jobId, String reason, Instant now) {
    return store.cancel(jobId, reason, now);
  }

  @Override
  public List<OutboxEvent> outboxEvents(String videoId) {
    return store.outboxEvents(videoId);
  }

  @Override
  public boolean awaitWork(Duration max) throws InterruptedException {
    return store.awaitWork(max);
  }

  @Override
  public void close() {
    store.close();
  }

  /** The two timers of {@code vodkit.claim.latency}. */
  private record ClaimTimers(Timer claimed, Timer empty) {}
}
