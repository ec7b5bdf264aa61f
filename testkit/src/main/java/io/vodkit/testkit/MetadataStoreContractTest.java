package io.vodkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.PartUrl;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.VideoCursor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetadataStore} must have: record round-trips, compare-and-set
 * updates, idempotent enqueue, leases that only their holder can use, outcomes that move job and
 * video together, retries, the expiry sweep, a claim race where no job is handed out twice, and
 * concurrent creates and publishes of one video that leave exactly one video and one job.
 *
 * <p>Extend it, implement {@link #newStore()}, and run it with JUnit 5. Each test gets a fresh,
 * empty store and closes it afterwards; {@code newStore()} may skip the test with a JUnit
 * assumption when its backend is not available. Time is an explicit {@link Instant} (millisecond
 * precision, as stores may truncate), never the wall clock; nothing sleeps. The race tests use
 * real threads, so the store must be thread-safe.
 */
public abstract class MetadataStoreContractTest {
  /** The instant every test starts from. */
  protected static final Instant T0 = Instant.parse("2026-06-20T17:00:00.123Z");

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final int MAX_ATTEMPTS = 3;

  /** The store under test, opened before and closed after each test. */
  protected MetadataStore store;

  private final AtomicInteger ids = new AtomicInteger();

  /** A new, empty store; the test closes it. */
  protected abstract MetadataStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) { // null when newStore() skipped the test (a backend that is not there)
      store.close();
    }
  }

  // ------------------------------------------------------------------ videos and uploads

  @Test
  void aCreatedVideoAndItsUploadSessionReadBackFieldForField() {
    Video video =
        new Video(
            "vid_roundtrip", "owner-1", "Holiday ünïcode ✓", "a long description", "video/mp4",
            3_000_000_000L, VideoStatus.PARTIAL, 93.52,
            List.of(
                new Rendition("360p", 640, 360, 800, 912_345L, "avc1.4d401e,mp4a.40.2"),
                new Rendition("720p", 1280, 720, 2800, 3_100_000L, "avc1.64001f,mp4a.40.2")),
            "transcode_failed", "1080p: encoder crashed", T0, T0.plusMillis(4567));
    UploadSession session =
        new UploadSession(
            video.id(), "upload-abc", "raw/vid_roundtrip/source", 3_000_000_000L, 1_000_000_000L,
            URI.create("https://storage.example/put?sig=a%2Fb&x=1"),
            List.of(
                new PartUrl(1, 0, 1_000_000_000L, URI.create("https://storage.example/p/1?s=1")),
                new PartUrl(2, 1_000_000_000L, 1_000_000_000L, URI.create("https://s.example/2")),
                new PartUrl(3, 2_000_000_000L, 1_000_000_000L, URI.create("https://s.example/3"))),
            T0.plus(Duration.ofHours(24)));

    store.createVideo(video, session);

    assertThat(store.findVideo(video.id())).contains(video);
    assertThat(store.findUploadSession(video.id())).contains(session);
  }

  @Test
  void aVideoWithoutOptionalFieldsReadsBackWithNullsAndEmptyLists() {
    Video video = video("vid_minimal", VideoStatus.AWAITING_UPLOAD);
    UploadSession session =
        new UploadSession(
            video.id(), "u", "raw/vid_minimal/source", 10, 10, URI.create("https://s.example/put"),
            List.of(), T0.plusSeconds(60));

    store.createVideo(video, session);

    Video stored = store.findVideo(video.id()).orElseThrow();
    assertThat(stored).isEqualTo(video);
    assertThat(stored.durationSeconds()).isNull();
    assertThat(stored.failureCode()).isNull();
    assertThat(stored.renditions()).isEmpty();
    assertThat(store.findUploadSession(video.id()).orElseThrow().parts()).isEmpty();
  }

  @Test
  void unknownVideosAndUploadSessionsAreEmpty() {
    assertThat(store.findVideo("vid_nope")).isEmpty();
    assertThat(store.findUploadSession("vid_nope")).isEmpty();
    assertThat(store.findJob("tjob_nope")).isEmpty();
    assertThat(store.findJobForVideo("vid_nope")).isEmpty();
  }

  @Test
  void creatingAVideoTwiceIsRefusedAsAConflict() {
    Video video = createVideo(VideoStatus.AWAITING_UPLOAD);

    assertThatThrownBy(() -> store.createVideo(video, session(video.id())))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(store.findVideo(video.id())).contains(video);
  }

  @Test
  void creatingOneVideoFromEightThreadsAtOnceStoresItOnceAndRefusesTheRestAsConflicts()
      throws Exception {
    Video video = video("vid_contended", VideoStatus.AWAITING_UPLOAD);

    List<ErrorCode> outcomes =
        race(
            8,
            () -> {
              try {
                store.createVideo(video, session(video.id()));
                return null;
              } catch (VodkitException e) {
                return e.code();
              }
            });

    assertThat(outcomes).filteredOn(code -> code == null).hasSize(1);
    assertThat(outcomes).filteredOn(code -> code != null).hasSize(7)
        .allSatisfy(code -> assertThat(code).isEqualTo(ErrorCode.CONFLICT));
    assertThat(store.findVideo(video.id())).contains(video);
  }

  @Test
  void updateVideoReplacesTheVideoWhileItIsInTheExpectedStatus() {
    Video video = createVideo(VideoStatus.AWAITING_UPLOAD);
    Video uploaded = video.withStatus(VideoStatus.UPLOADED, T0.plusSeconds(30));

    assertThat(store.updateVideo(uploaded, VideoStatus.AWAITING_UPLOAD)).isTrue();

    assertThat(store.findVideo(video.id())).contains(uploaded);
  }

  @Test
  void updateVideoChangesNothingWhenTheStoredStatusIsNotTheExpectedOne() {
    Video video = createVideo(VideoStatus.AWAITING_UPLOAD);
    store.updateVideo(
        video.withStatus(VideoStatus.UPLOADED, T0.plusSeconds(1)), VideoStatus.AWAITING_UPLOAD);
    Video stored = store.findVideo(video.id()).orElseThrow();

    boolean updated =
        store.updateVideo(
            video.withStatus(VideoStatus.FAILED, T0.plusSeconds(2)), VideoStatus.AWAITING_UPLOAD);

    assertThat(updated).isFalse();
    assertThat(store.findVideo(video.id())).contains(stored);
  }

  @Test
  void updateVideoOfAnUnknownVideoReturnsFalse() {
    Video ghost = video("vid_ghost", VideoStatus.UPLOADED);

    assertThat(store.updateVideo(ghost, VideoStatus.AWAITING_UPLOAD)).isFalse();

    assertThat(store.findVideo("vid_ghost")).isEmpty();
  }

  @Test
  void deleteVideoRemovesTheVideoItsUploadSessionAndItsJob() {
    Video video = createVideo(VideoStatus.UPLOADED);
    TranscodeJob job = store.enqueue(queuedJob(video.id(), T0));
    TranscodeJob claimed = claim("w1", T0).orElseThrow();

    assertThat(store.deleteVideo(video.id())).isTrue();

    assertThat(store.findVideo(video.id())).isEmpty();
    assertThat(store.findUploadSession(video.id())).isEmpty();
    assertThat(store.findJob(job.id())).isEmpty();
    assertThat(store.findJobForVideo(video.id())).isEmpty();
    assertThat(store.renew(claimed.lease(), T0.plus(LEASE).plusSeconds(60), List.of())).isFalse();
    assertThat(claim("w2", T0)).isEmpty();
  }

  @Test
  void deleteVideoOfAnUnknownVideoReturnsFalse() {
    assertThat(store.deleteVideo("vid_nope")).isFalse();
  }

  @Test
  void deleteVideoLeavesOtherVideosAlone() {
    Video kept = createVideo(VideoStatus.UPLOADED);
    TranscodeJob keptJob = store.enqueue(queuedJob(kept.id(), T0));
    Video deleted = createVideo(VideoStatus.UPLOADED);
    store.enqueue(queuedJob(deleted.id(), T0));

    store.deleteVideo(deleted.id());

    assertThat(store.findVideo(kept.id())).isPresent();
    assertThat(store.findUploadSession(kept.id())).isPresent();
    assertThat(store.findJob(keptJob.id())).contains(keptJob);
  }

  @Test
  void listVideosPagesAnOwnersVideosNewestFirstWithoutGapsOrRepeats() {
    List<Video> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // pairs created in the same millisecond: the id breaks the tie
      Video v = videoOf("owner-pages", String.format("vid_page%012d", i), T0.plusMillis(i / 2));
      store.createVideo(v, session(v.id()));
      created.add(v);
    }
    Video other = videoOf("owner-other", "vid_pageother", T0.plusSeconds(9));
    store.createVideo(other, session(other.id()));
    List<String> expected =
        created.stream()
            .sorted(Comparator.comparing(Video::createdAt).thenComparing(Video::id).reversed())
            .map(Video::id)
            .toList();

    List<String> seen = new ArrayList<>();
    VideoCursor after = null;
    List<Video> page;
    do {
      page = store.listVideos("owner-pages", after, 3);
      assertThat(page.size()).isLessThanOrEqualTo(3);
      page.forEach(v -> seen.add(v.id()));
      after = page.isEmpty() ? null : VideoCursor.after(page.get(page.size() - 1));
    } while (page.size() == 3);

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(store.listVideos("nobody", null, 10)).isEmpty();
  }

  @Test
  void expiredUploadsAreThoseOfVideosStillAwaitingTheirUploadPastExpiry() {
    Video waiting = createVideo(VideoStatus.AWAITING_UPLOAD);
    Video uploaded = createVideo(VideoStatus.UPLOADED);
    Instant expiry = session(waiting.id()).expiresAt();

    assertThat(store.expiredUploads(expiry, 10)).isEmpty();
    assertThat(store.expiredUploads(expiry.plusMillis(1), 10))
        .extracting(UploadSession::videoId)
        .containsExactly(waiting.id());
    assertThat(store.expiredUploads(expiry.plusMillis(1), 10))
        .extracting(UploadSession::videoId)
        .doesNotContain(uploaded.id());
  }

  // ------------------------------------------------------------------ enqueue

  @Test
  void enqueueStoresTheJobAndMovesTheVideoToTranscoding() {
    Video video = createVideo(VideoStatus.UPLOADED);
    TranscodeJob job = queuedJob(video.id(), T0.plusSeconds(5));

    TranscodeJob enqueued = store.enqueue(job);

    assertThat(enqueued).isEqualTo(job);
    assertThat(store.findJob(job.id())).contains(job);
    assertThat(store.findJobForVideo(video.id())).contains(job);
    assertThat(videoStatus(video.id())).isEqualTo(VideoStatus.TRANSCODING);
  }

  @Test
  void enqueueTwiceReturnsTheFirstJobUnchanged() {
    Video video = createVideo(VideoStatus.UPLOADED);
    TranscodeJob first = store.enqueue(queuedJob(video.id(), T0));

    TranscodeJob again = store.enqueue(queuedJob(video.id(), T0.plusSeconds(10)));

    assertThat(again).isEqualTo(first);
    assertThat(store.findJobForVideo(video.id())).contains(first);
  }

  @Test
  void enqueueAfterTheJobFinishedStillReturnsThatJob() {
    Video video = createVideo(VideoStatus.UPLOADED);
    store.enqueue(queuedJob(video.id(), T0));
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    store.finish(claimed.lease(), completeOutcome(), T0.plusSeconds(60));

    TranscodeJob again = store.enqueue(queuedJob(video.id(), T0.plusSeconds(120)));

    assertThat(again.id()).isEqualTo(claimed.id());
    assertThat(again.status()).isEqualTo(JobStatus.COMPLETE);
    assertThat(videoStatus(video.id())).isEqualTo(VideoStatus.READY);
  }

  @Test
  void publishingOneVideoFromEightThreadsAtOnceCreatesOneJobThatEveryCallerGetsBack()
      throws Exception {
    Video video = createVideo(VideoStatus.UPLOADED);

    List<TranscodeJob> returned = race(8, () -> store.enqueue(queuedJob(video.id(), T0)));

    TranscodeJob stored = store.findJobForVideo(video.id()).orElseThrow();
    assertThat(returned).extracting(TranscodeJob::id).containsOnly(stored.id());
    assertThat(claim("w1", T0)).map(TranscodeJob::id).contains(stored.id());
    assertThat(claim("w2", T0)).isEmpty();
  }

  @Test
  void enqueueOfAVideoThatIsNotUploadedIsAConflictAndChangesNothing() {
    Video video = createVideo(VideoStatus.AWAITING_UPLOAD);

    assertThatThrownBy(() -> store.enqueue(queuedJob(video.id(), T0)))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

    assertThat(store.findJobForVideo(video.id())).isEmpty();
    assertThat(store.findVideo(video.id())).contains(video);
  }

  @Test
  void enqueueOfAnUnknownVideoIsNotFound() {
    assertThatThrownBy(() -> store.enqueue(queuedJob("vid_nope", T0)))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(store.findJobForVideo("vid_nope")).isEmpty();
  }

  // ------------------------------------------------------------------ claim

  @Test
  void claimGivesTheOldestQueuedJobAndLeasesItToTheWorker() {
    TranscodeJob middle = publish(T0.plusSeconds(1));
    TranscodeJob oldest = publish(T0);
    publish(T0.plusSeconds(2));
    Instant now = T0.plusSeconds(10);

    TranscodeJob claimed = store.claim("worker-a", now, LEASE).orElseThrow();

    assertThat(claimed.id()).isEqualTo(oldest.id());
    assertThat(claimed.status()).isEqualTo(JobStatus.PROCESSING);
    assertThat(claimed.attempt()).isEqualTo(1);
    assertThat(claimed.workerId()).isEqualTo("worker-a");
    assertThat(claimed.lockedUntil()).isEqualTo(now.plus(LEASE));
    assertThat(claimed.startedAt()).isEqualTo(now);
    assertThat(claimed.createdAt()).isEqualTo(oldest.createdAt());
    assertThat(claimed.maxAttempts()).isEqualTo(oldest.maxAttempts());
    assertThat(claimed.estimatedCompletionAt()).isEqualTo(oldest.estimatedCompletionAt());
    assertThat(claimed.lease()).isEqualTo(new JobLease(oldest.id(), "worker-a", 1));
    assertThat(store.findJob(oldest.id())).contains(claimed);
    assertThat(store.claim("worker-b", now, LEASE).orElseThrow().id()).isEqualTo(middle.id());
  }

  @Test
  void claimReturnsEmptyWhenNothingIsQueued() {
    assertThat(claim("w1", T0)).isEmpty();

    publish(T0);
    assertThat(claim("w1", T0)).isPresent();

    assertThat(claim("w2", T0)).isEmpty();
  }

  @Test
  void claimKeepsTheFirstStartTimeOnLaterAttempts() {
    publish(T0);
    TranscodeJob first = claim("w1", T0.plusSeconds(1)).orElseThrow();
    store.release(first.lease(), "transcode_failed", "flaky", T0.plusSeconds(2));

    TranscodeJob second = claim("w2", T0.plusSeconds(3)).orElseThrow();

    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.workerId()).isEqualTo("w2");
    assertThat(second.startedAt()).isEqualTo(T0.plusSeconds(1));
  }

  // ------------------------------------------------------------------ renew

  @Test
  void renewExtendsTheLeaseAndStoresTheProgress() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    List<RenditionProgress> progress =
        List.of(
            new RenditionProgress("360p", RenditionState.DONE, 100, null),
            new RenditionProgress("720p", RenditionState.PROCESSING, 40, null),
            new RenditionProgress("1080p", RenditionState.FAILED, 10, "encoder crashed"));
    Instant extended = T0.plus(LEASE).plusSeconds(90);

    assertThat(store.renew(claimed.lease(), extended, progress)).isTrue();

    TranscodeJob stored = store.findJob(claimed.id()).orElseThrow();
    assertThat(stored.lockedUntil()).isEqualTo(extended);
    assertThat(stored.renditions()).isEqualTo(progress);
    assertThat(stored.status()).isEqualTo(JobStatus.PROCESSING);
  }

  @Test
  void renewWithNoProgressKeepsTheStoredProgress() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    List<RenditionProgress> progress =
        List.of(new RenditionProgress("360p", RenditionState.PROCESSING, 50, null));
    store.renew(claimed.lease(), T0.plusSeconds(400), progress);

    assertThat(store.renew(claimed.lease(), T0.plusSeconds(700), List.of())).isTrue();

    TranscodeJob stored = store.findJob(claimed.id()).orElseThrow();
    assertThat(stored.lockedUntil()).isEqualTo(T0.plusSeconds(700));
    assertThat(stored.renditions()).isEqualTo(progress);
  }

  // ------------------------------------------------------------------ lease checks

  @Test
  void renewFinishAndReleaseAreRefusedForAnotherWorker() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    JobLease intruder = new JobLease(claimed.id(), "w2", claimed.attempt());

    assertThat(store.renew(intruder, T0.plusSeconds(999), List.of())).isFalse();
    assertThat(store.finish(intruder, completeOutcome(), T0.plusSeconds(10))).isFalse();
    assertThat(store.release(intruder, "x", "y", T0.plusSeconds(10))).isFalse();

    assertThat(store.findJob(claimed.id())).contains(claimed);
    assertThat(videoStatus(claimed.videoId())).isEqualTo(VideoStatus.TRANSCODING);
  }

  @Test
  void renewFinishAndReleaseAreRefusedForAStaleAttempt() {
    publish(T0);
    TranscodeJob first = claim("w1", T0).orElseThrow();
    store.release(first.lease(), "transcode_failed", "flaky", T0.plusSeconds(1));
    TranscodeJob second = claim("w1", T0.plusSeconds(2)).orElseThrow();
    JobLease stale = first.lease();
    assertThat(stale.workerId()).isEqualTo(second.workerId());

    assertThat(store.renew(stale, T0.plusSeconds(999), List.of())).isFalse();
    assertThat(store.finish(stale, completeOutcome(), T0.plusSeconds(10))).isFalse();
    assertThat(store.release(stale, "x", "y", T0.plusSeconds(10))).isFalse();

    assertThat(store.findJob(second.id())).contains(second);
  }

  @Test
  void renewFinishAndReleaseAreRefusedOnceTheJobIsFinished() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    assertThat(store.finish(claimed.lease(), completeOutcome(), T0.plusSeconds(60))).isTrue();
    TranscodeJob finished = store.findJob(claimed.id()).orElseThrow();

    assertThat(store.renew(claimed.lease(), T0.plusSeconds(999), List.of())).isFalse();
    assertThat(store.finish(claimed.lease(), failedOutcome(), T0.plusSeconds(70))).isFalse();
    assertThat(store.release(claimed.lease(), "x", "y", T0.plusSeconds(70))).isFalse();

    assertThat(store.findJob(claimed.id())).contains(finished);
    assertThat(videoStatus(claimed.videoId())).isEqualTo(VideoStatus.READY);
  }

  @Test
  void aQueuedJobHasNoLeaseToUse() {
    TranscodeJob job = publish(T0);
    JobLease guessed = new JobLease(job.id(), "w1", 0);

    assertThat(store.renew(guessed, T0.plusSeconds(999), List.of())).isFalse();
    assertThat(store.finish(guessed, completeOutcome(), T0)).isFalse();
    assertThat(store.release(guessed, "x", "y", T0)).isFalse();
    assertThat(store.findJob(job.id())).contains(job);
  }

  @Test
  void aLeaseSweptAndReclaimedByAnotherWorkerCanNoLongerBeRenewedFinishedOrReleased() {
    publish(T0);
    TranscodeJob lost = claim("w1", T0).orElseThrow();
    Instant later = lost.lockedUntil().plusSeconds(1);
    store.requeueExpired(later);
    TranscodeJob taken = claim("w2", later).orElseThrow();

    assertThat(store.renew(lost.lease(), later.plus(LEASE), List.of())).isFalse();
    assertThat(store.finish(lost.lease(), completeOutcome(), later)).isFalse();
    assertThat(store.release(lost.lease(), "x", "y", later)).isFalse();

    assertThat(store.findJob(taken.id())).contains(taken);
    assertThat(store.renew(taken.lease(), later.plus(LEASE), List.of())).isTrue();
  }

  // ------------------------------------------------------------------ finish

  @Test
  void finishCompleteMakesTheJobCompleteAndTheVideoReadyTogether() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    JobOutcome outcome = completeOutcome();
    Instant now = T0.plusSeconds(120);

    assertThat(store.finish(claimed.lease(), outcome, now)).isTrue();

    TranscodeJob job = store.findJob(claimed.id()).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
    assertThat(job.renditions()).isEqualTo(outcome.renditions());
    assertThat(job.completedAt()).isEqualTo(now);
    assertThat(job.failedAt()).isNull();
    assertThat(job.startedAt()).isEqualTo(T0);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.lockedUntil()).isNull();
    Video video = store.findVideo(claimed.videoId()).orElseThrow();
    assertThat(video.status()).isEqualTo(VideoStatus.READY);
    assertThat(video.renditions()).isEqualTo(outcome.published());
    assertThat(video.durationSeconds()).isEqualTo(outcome.durationSeconds());
    assertThat(video.failureCode()).isNull();
    assertThat(video.failureMessage()).isNull();
    assertThat(video.updatedAt()).isEqualTo(now);
  }

  @Test
  void finishPartialMakesTheVideoPartialWithTheRenditionsThatWorked() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    JobOutcome outcome =
        new JobOutcome(
            JobStatus.PARTIAL,
            List.of(
                new RenditionProgress("360p", RenditionState.DONE, 100, null),
                new RenditionProgress("1080p", RenditionState.FAILED, 30, "encoder crashed")),
            List.of(rendition360()), 61.0, "transcode_failed", "1080p: encoder crashed");
    Instant now = T0.plusSeconds(200);

    assertThat(store.finish(claimed.lease(), outcome, now)).isTrue();

    TranscodeJob job = store.findJob(claimed.id()).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.PARTIAL);
    assertThat(job.renditions()).isEqualTo(outcome.renditions());
    assertThat(job.completedAt()).isEqualTo(now);
    assertThat(job.failedAt()).isNull();
    Video video = store.findVideo(claimed.videoId()).orElseThrow();
    assertThat(video.status()).isEqualTo(VideoStatus.PARTIAL);
    assertThat(video.renditions()).containsExactly(rendition360());
    assertThat(video.durationSeconds()).isEqualTo(61.0);
    assertThat(video.updatedAt()).isEqualTo(now);
  }

  @Test
  void finishFailedFailsTheJobAndTheVideoWithTheErrorTogether() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    JobOutcome outcome = failedOutcome();
    Instant now = T0.plusSeconds(30);

    assertThat(store.finish(claimed.lease(), outcome, now)).isTrue();

    TranscodeJob job = store.findJob(claimed.id()).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.failedAt()).isEqualTo(now);
    assertThat(job.completedAt()).isNull();
    assertThat(job.errorCode()).isEqualTo("media_rejected");
    assertThat(job.errorMessage()).isEqualTo("no video stream");
    assertThat(job.renditions()).isEqualTo(outcome.renditions());
    Video video = store.findVideo(claimed.videoId()).orElseThrow();
    assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(video.failureCode()).isEqualTo("media_rejected");
    assertThat(video.failureMessage()).isEqualTo("no video stream");
    assertThat(video.renditions()).isEmpty();
    assertThat(video.updatedAt()).isEqualTo(now);
  }

  @Test
  void aJobThatSucceedsOnARetryKeepsTheLastErrorForTheRecord() {
    publish(T0);
    TranscodeJob first = claim("w1", T0).orElseThrow();
    store.release(first.lease(), "storage_failed", "network down", T0.plusSeconds(1));
    TranscodeJob second = claim("w1", T0.plusSeconds(2)).orElseThrow();

    store.finish(second.lease(), completeOutcome(), T0.plusSeconds(60));

    TranscodeJob job = store.findJob(second.id()).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
    assertThat(job.attempt()).isEqualTo(2);
    assertThat(job.errorCode()).isEqualTo("storage_failed");
    assertThat(job.errorMessage()).isEqualTo("network down");
    assertThat(store.findVideo(job.videoId()).orElseThrow().failureCode()).isNull();
  }

  // ------------------------------------------------------------------ release

  @Test
  void releaseRequeuesTheJobWhileAttemptsRemainThenFailsItAndItsVideo() {
    Video video = createVideo(VideoStatus.UPLOADED);
    store.enqueue(TranscodeJob.queued("tjob_" + video.id(), video.id(), 2, T0, T0.plusSeconds(90)));
    TranscodeJob first = claim("w1", T0).orElseThrow();

    assertThat(store.release(first.lease(), "storage_failed", "network down", T0.plusSeconds(5)))
        .isTrue();

    TranscodeJob requeued = store.findJob(first.id()).orElseThrow();
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(requeued.attempt()).isEqualTo(1);
    assertThat(requeued.workerId()).isNull();
    assertThat(requeued.lockedUntil()).isNull();
    assertThat(requeued.errorCode()).isEqualTo("storage_failed");
    assertThat(requeued.errorMessage()).isEqualTo("network down");
    assertThat(requeued.failedAt()).isNull();
    assertThat(videoStatus(video.id())).isEqualTo(VideoStatus.TRANSCODING);

    TranscodeJob second = claim("w2", T0.plusSeconds(6)).orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    Instant now = T0.plusSeconds(9);
    assertThat(store.release(second.lease(), "transcode_failed", "ffmpeg exited 1", now)).isTrue();

    TranscodeJob failed = store.findJob(first.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.attempt()).isEqualTo(2);
    assertThat(failed.failedAt()).isEqualTo(now);
    assertThat(failed.lockedUntil()).isNull();
    assertThat(failed.errorCode()).isEqualTo("transcode_failed");
    assertThat(failed.errorMessage()).isEqualTo("ffmpeg exited 1");
    Video failedVideo = store.findVideo(video.id()).orElseThrow();
    assertThat(failedVideo.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(failedVideo.failureCode()).isEqualTo("transcode_failed");
    assertThat(failedVideo.failureMessage()).isEqualTo("ffmpeg exited 1");
    assertThat(failedVideo.updatedAt()).isEqualTo(now);
    assertThat(claim("w3", now)).isEmpty();
  }

  // ------------------------------------------------------------------ handBack

  @Test
  void handingBackOnTheLastAttemptRequeuesWithTheAttemptUndoneAndNoError() {
    Video video = createVideo(VideoStatus.UPLOADED);
    store.enqueue(TranscodeJob.queued("tjob_" + video.id(), video.id(), 1, T0, T0.plusSeconds(90)));
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    assertThat(claimed.attempt()).isEqualTo(1);

    assertThat(store.handBack(claimed.lease(), T0.plusSeconds(5))).isTrue();

    TranscodeJob back = store.findJob(claimed.id()).orElseThrow();
    assertThat(back.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(back.attempt()).isZero();
    assertThat(back.workerId()).isNull();
    assertThat(back.lockedUntil()).isNull();
    assertThat(back.errorCode()).isNull();
    assertThat(back.failedAt()).isNull();
    assertThat(videoStatus(video.id())).isEqualTo(VideoStatus.TRANSCODING);
    assertThat(store.outboxEvents(video.id())).isEmpty();
    assertThat(store.renew(claimed.lease(), T0.plus(LEASE), List.of())).isFalse();
    assertThat(store.handBack(claimed.lease(), T0.plusSeconds(6))).isFalse();
    TranscodeJob again = claim("w2", T0.plusSeconds(7)).orElseThrow();
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(again.startedAt()).isEqualTo(claimed.startedAt());
  }

  // ------------------------------------------------------------------ requeueExpired

  @Test
  void requeueExpiredRequeuesAnExpiredLeaseAndTheNextClaimIsAttemptTwo() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();

    assertThat(store.requeueExpired(claimed.lockedUntil())).isZero();
    assertThat(store.requeueExpired(claimed.lockedUntil().plusMillis(1))).isEqualTo(1);

    TranscodeJob requeued = store.findJob(claimed.id()).orElseThrow();
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(requeued.workerId()).isNull();
    assertThat(requeued.lockedUntil()).isNull();
    assertThat(requeued.errorCode()).isEqualTo("lease_expired");
    assertThat(store.renew(claimed.lease(), T0.plus(LEASE).plus(LEASE), List.of())).isFalse();
    assertThat(videoStatus(claimed.videoId())).isEqualTo(VideoStatus.TRANSCODING);

    TranscodeJob again = claim("w2", T0.plus(LEASE).plusSeconds(1)).orElseThrow();
    assertThat(again.id()).isEqualTo(claimed.id());
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.workerId()).isEqualTo("w2");
  }

  @Test
  void requeueExpiredFailsTheJobAndItsVideoOnceMaxAttemptsAreUsed() {
    Video video = createVideo(VideoStatus.UPLOADED);
    store.enqueue(TranscodeJob.queued("tjob_" + video.id(), video.id(), 2, T0, T0.plusSeconds(90)));
    Instant now = T0;
    for (int attempt = 1; attempt <= 2; attempt++) {
      TranscodeJob claimed = claim("w" + attempt, now).orElseThrow();
      assertThat(claimed.attempt()).isEqualTo(attempt);
      now = claimed.lockedUntil().plusSeconds(1);
      assertThat(store.requeueExpired(now)).isEqualTo(1);
    }

    TranscodeJob job = store.findJobForVideo(video.id()).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.failedAt()).isEqualTo(now);
    assertThat(job.errorCode()).isEqualTo("lease_expired");
    assertThat(job.lockedUntil()).isNull();
    Video failed = store.findVideo(video.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo("lease_expired");
    assertThat(failed.failureMessage()).isNotBlank();
    assertThat(claim("w3", now)).isEmpty();
    assertThat(store.requeueExpired(now.plus(LEASE))).isZero();
  }

  @Test
  void requeueExpiredLeavesLiveAndRenewedLeasesAlone() {
    publish(T0);
    publish(T0.plusMillis(1));
    TranscodeJob renewed = claim("w1", T0).orElseThrow();
    TranscodeJob expiring = claim("w2", T0).orElseThrow();
    publish(T0.plusMillis(2)); // stays queued
    store.renew(renewed.lease(), T0.plus(LEASE).plus(LEASE), List.of());

    assertThat(store.requeueExpired(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);

    assertThat(store.findJob(renewed.id()).orElseThrow().status()).isEqualTo(JobStatus.PROCESSING);
    assertThat(store.findJob(expiring.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store.renew(renewed.lease(), T0.plusSeconds(1000), List.of())).isTrue();
  }

  @Test
  void requeueExpiredRunConcurrentlyTouchesEveryExpiredJobOnce() throws Exception {
    int jobs = 40;
    for (int i = 0; i < jobs; i++) {
      publish(T0.plusMillis(i));
    }
    for (int i = 0; i < jobs; i++) {
      claim("w" + i, T0).orElseThrow();
    }
    Instant later = T0.plus(LEASE).plusSeconds(1);

    List<Integer> touched = race(8, () -> store.requeueExpired(later));

    assertThat(touched.stream().mapToInt(Integer::intValue).sum()).isEqualTo(jobs);
    assertThat(claimAll("after", later)).hasSize(jobs);
  }

  // ------------------------------------------------------------------ cancel and the outbox

  @Test
  void cancellingAQueuedJobCancelsItFailsTheVideoAndNothingCanClaimIt() {
    TranscodeJob queued = publish(T0);
    Instant now = T0.plusSeconds(3);

    assertThat(store.cancel(queued.id(), "changed my mind", now)).isTrue();

    TranscodeJob job = store.findJob(queued.id()).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.failedAt()).isEqualTo(now);
    assertThat(job.errorCode()).isEqualTo("cancelled");
    assertThat(job.errorMessage()).isEqualTo("changed my mind");
    Video video = store.findVideo(queued.videoId()).orElseThrow();
    assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(video.failureCode()).isEqualTo("cancelled");
    assertThat(claim("w1", now)).isEmpty();
    assertThat(store.cancel(queued.id(), "again", now)).isFalse();
  }

  @Test
  void cancellingARunningJobTakesTheLeaseAwayFromItsWorker() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();

    assertThat(store.cancel(claimed.id(), "stop", T0.plusSeconds(1))).isTrue();

    TranscodeJob job = store.findJob(claimed.id()).orElseThrow();
    assertThat(job.workerId()).isNull();
    assertThat(job.lockedUntil()).isNull();
    assertThat(store.renew(claimed.lease(), T0.plus(LEASE), List.of())).isFalse();
    assertThat(store.finish(claimed.lease(), completeOutcome(), T0.plusSeconds(2))).isFalse();
    assertThat(store.release(claimed.lease(), "x", "y", T0.plusSeconds(2))).isFalse();
    assertThat(store.findJob(claimed.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(store.outboxEvents(claimed.videoId())).hasSize(1);
  }

  @Test
  void cancellingAnEndedJobIsFalseAndAnUnknownJobIsNotFound() {
    publish(T0);
    TranscodeJob claimed = claim("w1", T0).orElseThrow();
    store.finish(claimed.lease(), completeOutcome(), T0.plusSeconds(1));

    assertThat(store.cancel(claimed.id(), "too late", T0.plusSeconds(2))).isFalse();
    assertThat(store.findJob(claimed.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETE);
    assertThatThrownBy(() -> store.cancel("tjob_nope", "x", T0))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void everyTerminalTransitionWritesExactlyOneOutboxEventNamedAfterJobAndAttempt() {
    TranscodeJob completed = publish(T0);
    TranscodeJob failed = publish(T0.plusMillis(1));
    TranscodeJob exhausted = publish(T0.plusMillis(2));
    TranscodeJob expired = publish(T0.plusMillis(3));
    TranscodeJob cancelled = publish(T0.plusMillis(4));
    TranscodeJob untouched = publish(T0.plusMillis(5));
    assertThat(store.outboxEvents(completed.videoId())).isEmpty();
    Instant t = T0.plusSeconds(10);

    store.finish(claimNext(completed, t).lease(), completeOutcome(), t);
    store.finish(claimNext(failed, t).lease(), failedOutcome(), t);
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      store.release(claimNext(exhausted, t).lease(), "storage_failed", "down", t);
    }
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      claimNext(expired, t);
      store.requeueExpired(t.plus(LEASE).plusSeconds(1));
    }
    store.cancel(cancelled.id(), "stop", t);
    // a second try at each transition changes nothing
    store.cancel(cancelled.id(), "stop", t);
    store.requeueExpired(t.plus(LEASE).plus(LEASE));

    assertOneEvent(completed, JobStatus.COMPLETE, 1, t);
    assertOneEvent(failed, JobStatus.FAILED, 1, t);
    assertOneEvent(exhausted, JobStatus.FAILED, MAX_ATTEMPTS, t);
    assertOneEvent(expired, JobStatus.FAILED, MAX_ATTEMPTS, t.plus(LEASE).plusSeconds(1));
    assertOneEvent(cancelled, JobStatus.CANCELLED, 0, t);
    assertThat(store.outboxEvents(untouched.videoId())).isEmpty();
  }

  @Test
  void outboxEventsOutliveTheVideoTheyDescribe() {
    TranscodeJob published = publish(T0);
    store.finish(claim("w1", T0).orElseThrow().lease(), completeOutcome(), T0.plusSeconds(1));

    store.deleteVideo(published.videoId());

    assertThat(store.outboxEvents(published.videoId())).hasSize(1);
  }

  /** Claims the next job, which must be {@code job} (the oldest queued one). */
  private TranscodeJob claimNext(TranscodeJob job, Instant now) {
    TranscodeJob claimed = claim("w-" + job.id(), now).orElseThrow();
    assertThat(claimed.id()).isEqualTo(job.id());
    return claimed;
  }

  private void assertOneEvent(TranscodeJob job, JobStatus status, int attempt, Instant at) {
    assertThat(store.outboxEvents(job.videoId()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventId()).isEqualTo("evt_" + job.id() + "_" + attempt);
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.videoId()).isEqualTo(job.videoId());
              assertThat(e.ownerId()).isEqualTo("owner-1");
              assertThat(e.jobId()).isEqualTo(job.id());
              assertThat(e.attempt()).isEqualTo(attempt);
              assertThat(e.occurredAt()).isEqualTo(at);
            });
  }

  @Test
  void jobCountsCountJobsPerStatus() {
    assertThat(store.jobCounts().values()).allMatch(n -> n == 0);
    publish(T0);
    publish(T0.plusMillis(1));
    TranscodeJob running = publish(T0.plusMillis(2));
    claim("w1", T0); // the oldest
    store.cancel(running.id(), "stop", T0);

    assertThat(store.jobCounts())
        .containsEntry(JobStatus.QUEUED, 1L)
        .containsEntry(JobStatus.PROCESSING, 1L)
        .containsEntry(JobStatus.CANCELLED, 1L)
        .doesNotContainKey(JobStatus.COMPLETE);
  }

  // ------------------------------------------------------------------ the claim race

  @Test
  void sixteenWorkersRacingForTwoHundredJobsClaimEachJobExactlyOnce() throws Exception {
    int jobs = 200;
    List<String> published = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      published.add(publish(T0.plusMillis(i)).id());
    }
    Queue<TranscodeJob> claimed = new ConcurrentLinkedQueue<>();
    AtomicInteger worker = new AtomicInteger();

    race(
        16,
        () -> {
          String workerId = "worker-" + worker.incrementAndGet();
          Optional<TranscodeJob> job;
          while ((job = store.claim(workerId, T0.plusSeconds(1), LEASE)).isPresent()) {
            claimed.add(job.get());
          }
          return null;
        });

    assertThat(claimed).hasSize(jobs);
    assertThat(claimed.stream().map(TranscodeJob::id))
        .containsExactlyInAnyOrderElementsOf(published);
    assertThat(claimed).allSatisfy(j -> assertThat(j.attempt()).isEqualTo(1));
    for (TranscodeJob j : claimed) {
      assertThat(store.findJob(j.id())).contains(j);
    }
    assertThat(claim("late", T0.plusSeconds(2))).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  /** A video in {@code status} with a fresh id, created at {@link #T0}. */
  protected Video video(String id, VideoStatus status) {
    return new Video(
        id, "owner-1", "Title of " + id, "", "video/mp4", 5_000_000L, status, null, List.of(), null,
        null, T0, T0);
  }

  /** A video of {@code ownerId} awaiting its upload, created at {@code createdAt}. */
  protected Video videoOf(String ownerId, String id, Instant createdAt) {
    return new Video(
        id, ownerId, "Title of " + id, "", "video/mp4", 5_000_000L, VideoStatus.AWAITING_UPLOAD,
        null, List.of(), null, null, createdAt, createdAt);
  }

  /** A one-part upload session for {@code videoId}. */
  protected UploadSession session(String videoId) {
    return new UploadSession(
        videoId, "upload-" + videoId, "raw/" + videoId + "/source", 5_000_000L, 5_000_000L,
        URI.create("https://storage.example/" + videoId), List.of(
            new PartUrl(1, 0, 5_000_000L, URI.create("https://storage.example/" + videoId + "/1"))),
        T0.plus(Duration.ofHours(24)));
  }

  /** Creates and returns a new video in {@code status}. */
  protected Video createVideo(VideoStatus status) {
    Video video = video(String.format("vid_%016d", ids.incrementAndGet()), status);
    store.createVideo(video, session(video.id()));
    return video;
  }

  /** A queued job for {@code videoId} created at {@code createdAt}. */
  protected TranscodeJob queuedJob(String videoId, Instant createdAt) {
    return TranscodeJob.queued(
        String.format("tjob_%016d", ids.incrementAndGet()), videoId, MAX_ATTEMPTS, createdAt,
        createdAt.plusSeconds(90));
  }

  /** Creates an uploaded video and enqueues its job created at {@code createdAt}. */
  protected TranscodeJob publish(Instant createdAt) {
    Video video = createVideo(VideoStatus.UPLOADED);
    return store.enqueue(queuedJob(video.id(), createdAt));
  }

  private VideoStatus videoStatus(String videoId) {
    return store.findVideo(videoId).orElseThrow().status();
  }

  private Optional<TranscodeJob> claim(String workerId, Instant now) {
    return store.claim(workerId, now, LEASE);
  }

  private List<TranscodeJob> claimAll(String workerId, Instant now) {
    List<TranscodeJob> all = new ArrayList<>();
    Optional<TranscodeJob> job;
    while ((job = claim(workerId, now)).isPresent()) {
      all.add(job.get());
    }
    return all;
  }

  private static Rendition rendition360() {
    return new Rendition("360p", 640, 360, 800, 850_000L, "avc1.4d401e,mp4a.40.2");
  }

  private static JobOutcome completeOutcome() {
    return new JobOutcome(
        JobStatus.COMPLETE,
        List.of(
            new RenditionProgress("360p", RenditionState.DONE, 100, null),
            new RenditionProgress("720p", RenditionState.DONE, 100, null)),
        List.of(
            rendition360(),
            new Rendition("720p", 1280, 720, 2800, 2_900_000L, "avc1.64001f,mp4a.40.2")),
        61.44, null, null);
  }

  private static JobOutcome failedOutcome() {
    return JobOutcome.failed(
        List.of(new RenditionProgress("360p", RenditionState.FAILED, 0, "no video stream")), null,
        "media_rejected", "no video stream");
  }

  /**
   * Runs {@code task} on {@code threads} threads released at the same moment; returns their
   * results and fails the test if any thread threw or the race takes over a minute.
   */
  private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS)); // rethrows any exception a thread hit
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
