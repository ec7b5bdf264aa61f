package io.vodkit.internal;

import io.vodkit.ErrorCode;
import io.vodkit.PipelineEvent;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's upload sweep: a session that expired more than {@link #GRACE} ago while its
 * video still awaited the upload is cleaned up — the video fails with {@code upload_expired}
 * (first, by compare-and-set, so a completion that won the race keeps its video), then the
 * multipart upload is aborted and whatever reached {@code raw/<id>/} is deleted. Clients get
 * {@code UPLOAD_EXPIRED} from then on; a half-assembled source never survives. Safe to run from
 * several processes: the compare-and-set lets one of them clean each session.
 */
public final class UploadSweeper {
  /** How long after {@code expires_at} a session is swept: room for a completion in flight. */
  public static final Duration GRACE = Duration.ofMinutes(1);

  /** Sessions cleaned per sweep; the next sweep takes the rest. */
  static final int BATCH = 100;

  private static final Logger log = LoggerFactory.getLogger(UploadSweeper.class);

  private final MetadataStore store;
  private final ObjectStorage storage;
  private final InstantSource clock;
  private final Consumer<PipelineEvent> events;

  public UploadSweeper(
      MetadataStore store, ObjectStorage storage, InstantSource clock, Consumer<PipelineEvent> events) {
    this.store = store;
    this.storage = storage;
    this.clock = clock;
    this.events = events;
  }

  /** Cleans up to {@link #BATCH} expired sessions; returns how many videos it failed. */
  public int sweep() {
    Instant now = clock.instant();
    int swept = 0;
    for (UploadSession session : store.expiredUploads(now.minus(GRACE), BATCH)) {
      Video video = store.findVideo(session.videoId()).orElse(null);
      if (video == null || video.status() != VideoStatus.AWAITING_UPLOAD) {
        continue;
      }
      Video expired =
          video.failed(
              ErrorCode.UPLOAD_EXPIRED.wireName(),
              "upload session expired at " + session.expiresAt() + " before it was completed",
              now);
      if (!store.updateVideo(expired, VideoStatus.AWAITING_UPLOAD)) {
        continue;
      }
      storage.uploads().abort(session.objectKey(), session.uploadId());
      storage.deletePrefix("raw/" + session.videoId() + "/");
      log.info("upload of {} expired at {}: parts aborted and deleted", video.id(), session.expiresAt());
      events.accept(new PipelineEvent(PipelineEvent.Type.UPLOAD_EXPIRED, video.id(), null, now));
      swept++;
    }
    return swept;
  }
}
