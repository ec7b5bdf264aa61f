package io.vodkit.internal;

import io.vodkit.Ladder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The tunables a built pipeline hands to its workers, in one immutable value.
 *
 * @param ladder rendition ladder
 * @param segmentDuration target segment duration
 * @param audioBitrateKbps AAC bitrate
 * @param leaseDuration claim length
 * @param heartbeatInterval lease renewal and progress save interval
 * @param pollInterval idle worker poll interval
 * @param supervisorInterval expired-lease sweep interval
 * @param maxAttempts claims before failing
 * @param uploadTtl upload URL lifetime
 * @param workDir scratch directory
 */
public record PipelineSettings(
    Ladder ladder,
    Duration segmentDuration,
    int audioBitrateKbps,
    Duration leaseDuration,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration supervisorInterval,
    int maxAttempts,
    Duration uploadTtl,
    Path workDir) {

  /** Heartbeat period: the configured interval, but never more than a third of the lease. */
  public Duration effectiveHeartbeat() {
    Duration third = leaseDuration.dividedBy(3);
    return heartbeatInterval.compareTo(third) < 0 ? heartbeatInterval : third;
  }
}
