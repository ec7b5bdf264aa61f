package io.vodkit.examples.cli;

import io.vodkit.ErrorCode;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.PartInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of {@code vodkit upload} has to do: the session, the parts storage already holds
 * (with their ETags) and the parts still to send (with URLs to send them to). Made once per run,
 * then read only.
 */
final class UploadPlan {
  private final UploadState state;
  private final UploadSession session;
  private final Map<Integer, String> held;
  private final List<PartUrl> toSend;
  private final boolean alreadyCompleted;

  private UploadPlan(
      UploadState state, UploadSession session, Map<Integer, String> held, List<PartUrl> toSend, boolean alreadyCompleted) {
    this.state = state;
    this.session = session;
    this.held = held;
    this.toSend = List.copyOf(toSend);
    this.alreadyCompleted = alreadyCompleted;
  }

  /** Creates the upload and its state file: every part is to send, to the session's URLs. */
  static UploadPlan start(VideoPipeline vodkit, NewUpload request, Path file, FileStamp stamp, Path stateFile)
      throws IOException {
    UploadSession session = vodkit.createUpload(request);
    UploadState state =
        UploadState.begin(stateFile, file, stamp, session.videoId(), session.uploadId(), session.partSizeBytes());
    return new UploadPlan(state, session, new TreeMap<>(), session.parts(), false);
  }

  /**
   * Picks up the upload in {@code state}: asks storage which parts it holds (the truth: a run
   * killed between a part's PUT and writing the state file still counts that part) and plans the
   * rest. The URLs of the missing parts are signed afresh, because the embedded upload endpoint
   * of the earlier run (and its port) is gone. SESSION_EXPIRED failure when the session is over.
   */
  static UploadPlan resume(VideoPipeline vodkit, UploadState state, Instant now) throws CliFailure {
    UploadSession session;
    try {
      session = vodkit.uploadSession(state.videoId());
    } catch (VodkitException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        throw new CliFailure(ExitCodes.SESSION_EXPIRED, "the upload session of " + state.videoId()
            + " no longer exists in this data directory; delete " + state.path() + " to start over");
      }
      throw e;
    }
    if (!session.uploadId().equals(state.uploadId())) {
      throw new CliFailure(ExitCodes.SESSION_EXPIRED, "the upload of " + state.videoId() + " in " + state.path()
          + " is not the session's current one; delete the state file to start over");
    }
    if (vodkit.video(state.videoId()).status() != VideoStatus.AWAITING_UPLOAD) {
      return new UploadPlan(state, session, new TreeMap<>(), List.of(), true);
    }
    if (!now.isBefore(session.expiresAt())) {
      throw new CliFailure(ExitCodes.SESSION_EXPIRED, "the upload session of " + state.videoId() + " expired at "
          + session.expiresAt() + "; delete " + state.path() + " to start over");
    }
    Map<Integer, PartInfo> stored = new TreeMap<>();
    for (PartInfo p : vodkit.uploadedParts(state.videoId())) {
      stored.put(p.partNumber(), p);
    }
    DirectUploads uploads = vodkit.storage().uploads();
    Map<Integer, String> held = new TreeMap<>();
    List<PartUrl> toSend = new ArrayList<>();
    for (PartUrl planned : session.parts()) {
      PartInfo p = stored.get(planned.partNumber());
      if (p != null && p.sizeBytes() == planned.sizeBytes()) {
        held.put(planned.partNumber(), p.etag());
      } else {
        toSend.add(
            new PartUrl(
                planned.partNumber(), planned.offsetBytes(), planned.sizeBytes(),
                uploads.presignPart(session.objectKey(), session.uploadId(), planned.partNumber(),
                    planned.sizeBytes(), session.expiresAt())));
      }
    }
    return new UploadPlan(state, session, held, toSend, false);
  }

  UploadState state() {
    return state;
  }

  UploadSession session() {
    return session;
  }

  /** ETags of the parts storage held before this run, by part number. */
  Map<Integer, String> held() {
    return held;
  }

  /** The parts this run sends. */
  List<PartUrl> toSend() {
    return toSend;
  }

  /** True when an earlier run completed the upload but did not get to delete the state file. */
  boolean alreadyCompleted() {
    return alreadyCompleted;
  }

  /** Bytes of the parts held before this run. */
  long heldBytes() {
    long bytes = 0;
    for (PartUrl p : session.parts()) {
      if (held.containsKey(p.partNumber())) {
        bytes += p.sizeBytes();
      }
    }
    return bytes;
  }
}
