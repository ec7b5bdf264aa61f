package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Ladder;
import java.util.OptionalDouble;

/**
 * BOLA-E as shipped in dash.js ({@code src/streaming/rules/abr/BolaRule.js}, v3/v4): Spiteri,
 * Urgaonkar, Sitaraman, "BOLA: Near-Optimal Bitrate Adaptation for Online Videos", INFOCOM 2016,
 * with the enhancements of Spiteri, Sitaraman, Sparacio, "From Theory to Practice: Improving
 * Bitrate Adaptation in the DASH Reference Player", MMSys 2018.
 *
 * <p><b>Core.</b> Utilities are {@code u_i = ln(R_i / R_0) + 1}. With {@code bufferTime = max(
 * stableBufferTime, 10 s + 2 s × rungs)}: {@code gp = (u_max − 1) / (bufferTime / 10 s − 1)},
 * {@code Vp = 10 s / gp}. For an effective buffer level {@code Q} the rung maximising {@code (Vp ·
 * (u_i + gp) − Q) / R_i} is chosen (ties to the higher rung).
 *
 * <p><b>Startup state.</b> Until a segment has been loaded and the buffer holds at least one
 * segment, the rung comes from the safe throughput ({@code estimate × 0.9}), and the placeholder
 * buffer is set so BOLA would pick that rung: {@code max(0, minBufferLevelForQuality(q) − B)}.
 *
 * <p><b>Steady state.</b> The <i>placeholder buffer</i> grows by any time between the last
 * segment's end and this call (sleeping because the buffer was full, or a pause BOLA asked for),
 * decays by 0.99 per segment, is capped after each segment so it never exceeds what BOLA would have
 * wanted for the segment just loaded, and is zeroed on a rebuffer. The rung is chosen on {@code B +
 * placeholder}; <i>BOLA-O</i>: an up-switch above the safe-throughput rung is clipped to {@code
 * max(throughputRung, lastRung)}. If {@code B + placeholder} exceeds the highest buffer at which
 * the rung is still worth fetching ({@code Vp · (u_q + gp)}), the excess first shrinks the
 * placeholder, then becomes a pause (never at the top rung).
 *
 * <p><b>Simulator adaptations.</b> dash.js's clock is {@link AbrInput#nowS()}; segment events are
 * read from {@link AbrInput#history()} (all of it, as if the rule had existed from the first
 * request); replacement segments (fast switching) do not occur; throughput samples include the
 * round trip, so dash.js's latency dead-time correction is not applied. dash.js pairs this rule
 * with {@link InsufficientBufferRule} and takes the lower rung ({@code abr-sim}'s {@code bola}).
 *
 * <p>One instance per session; not thread-safe.
 */
public final class BolaRule implements AbrRule {
  /**
   * BOLA never adds artificial delay below this buffer level (dash.js {@code MINIMUM_BUFFER_S}).
   */
  public static final double MINIMUM_BUFFER_S = 10.0;

  /** Extra buffer target per rung (dash.js {@code MINIMUM_BUFFER_PER_BITRATE_LEVEL_S}). */
  public static final double MINIMUM_BUFFER_PER_RUNG_S = 2.0;

  /** Placeholder decay per loaded segment (dash.js {@code PLACEHOLDER_BUFFER_DECAY}). */
  public static final double PLACEHOLDER_BUFFER_DECAY = 0.99;

  /** dash.js {@code streaming.buffer.stableBufferTime} default, in seconds. */
  public static final double DASHJS_STABLE_BUFFER_S = 12.0;

  private enum State {
    STARTUP,
    STEADY
  }

  private final double stableBufferS;
  private final double safetyFactor;

  private Ladder ladder;
  private double[] utilities;
  private double vp;
  private double gp;
  private State state = State.STARTUP;
  private double placeholderS;
  private int lastQuality;
  private double lastCallS = Double.NaN;
  private double lastSegmentFinishS = Double.NaN;
  private double lastSegmentDurationS = Double.NaN;
  private int seenDownloads;

  /** dash.js defaults: stable buffer 12 s, safety factor 0.9. */
  public BolaRule() {
    this(DASHJS_STABLE_BUFFER_S, ThroughputRule.DASHJS_SAFETY_FACTOR);
  }

  /**
   * Custom settings.
   *
   * @param stableBufferS dash.js {@code stableBufferTime}, seconds
   * @param safetyFactor multiplier on estimated throughput in start-up and BOLA-O, in (0, 1]
   */
  public BolaRule(double stableBufferS, double safetyFactor) {
    if (!(stableBufferS > 0) || !(safetyFactor > 0 && safetyFactor <= 1)) {
      throw new IllegalArgumentException("stable buffer > 0 and safety factor in (0, 1] required");
    }
    this.stableBufferS = stableBufferS;
    this.safetyFactor = safetyFactor;
  }

  /** {@code Vp}, in seconds (after the first call). */
  double vp() {
    return vp;
  }

  /** {@code gp} (after the first call). */
  double gp() {
    return gp;
  }

  /** The placeholder buffer, in seconds. */
  double placeholderS() {
    return placeholderS;
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    observe(in);
    if (ladder.rungCount() == 1) {
      return AbrDecision.of(0);
    }
    OptionalDouble estimate = in.estimator().estimateBps();
    if (estimate.isEmpty()) {
      return AbrDecision.of(Math.max(0, in.lastRung()));
    }
    double safeBps = estimate.getAsDouble() * safetyFactor;
    double buffer = in.bufferS();
    if (state == State.STARTUP) {
      int q = ladder.highestRungAtOrBelow(safeBps);
      placeholderS = Math.max(0, minBufferLevelForQuality(q) - buffer);
      lastQuality = q;
      if (!Double.isNaN(lastSegmentDurationS) && buffer >= lastSegmentDurationS) {
        state = State.STEADY;
      }
      return AbrDecision.of(q);
    }
    updatePlaceholder(in.nowS());
    int q = qualityFromBufferLevel(buffer + placeholderS);
    int throughputQuality = ladder.highestRungAtOrBelow(safeBps);
    if (q > lastQuality && q > throughputQuality) {
      q = Math.max(throughputQuality, lastQuality); // BOLA-O
    }
    double delayS = Math.max(0, buffer + placeholderS - maxBufferLevelForQuality(q));
    if (delayS <= placeholderS) {
      placeholderS -= delayS;
      delayS = 0;
    } else {
      delayS -= placeholderS;
      placeholderS = 0;
      if (q == ladder.topRung()) {
        delayS = 0;
      }
    }
    lastQuality = q;
    return new AbrDecision(q, Math.min(delayS, buffer));
  }

  /**
   * Catches up with segment events (dash.js's {@code onMediaFragmentLoaded}, {@code onMetricAdded},
   * {@code onBufferEmpty}) for every download not seen yet. {@link DynamicRule} calls this while
   * BOLA is not the active rule, as dash.js keeps listening.
   */
  void observe(AbrInput in) {
    if (ladder != in.ladder()) {
      initialise(in.ladder());
    }
    while (seenDownloads < in.history().size()) {
      ChunkDownload d = in.history().get(seenDownloads++);
      if (d.stallS() > 0 && state == State.STEADY) {
        placeholderS = 0; // onBufferEmpty
      }
      lastSegmentDurationS = ladder.chunkDurationS();
      lastQuality = d.rung();
      lastSegmentFinishS = d.finishS();
      placeholderS *= PLACEHOLDER_BUFFER_DECAY;
      double bufferAtRequest = d.bufferAfterS() + d.downloadS(); // dash.js's estimate
      double maxPlaceholder = Math.max(0, maxBufferLevelForQuality(lastQuality) - bufferAtRequest);
      placeholderS = Math.min(maxPlaceholder, placeholderS);
    }
  }

  private void initialise(Ladder newLadder) {
    ladder = newLadder;
    int n = ladder.rungCount();
    utilities = new double[n];
    for (int i = 0; i < n; i++) {
      utilities[i] = Math.log((double) ladder.bitrateBps(i) / ladder.bitrateBps(0)) + 1;
    }
    if (n > 1) {
      double bufferTimeS =
          Math.max(stableBufferS, MINIMUM_BUFFER_S + MINIMUM_BUFFER_PER_RUNG_S * n);
      gp = (utilities[n - 1] - 1) / (bufferTimeS / MINIMUM_BUFFER_S - 1);
      vp = MINIMUM_BUFFER_S / gp;
    }
    state = State.STARTUP;
    placeholderS = 0;
    lastQuality = 0;
    lastCallS = Double.NaN;
    lastSegmentFinishS = Double.NaN;
    lastSegmentDurationS = Double.NaN;
    seenDownloads = 0;
  }

  private void updatePlaceholder(double nowS) {
    if (!Double.isNaN(lastSegmentFinishS)) {
      placeholderS += Math.max(0, nowS - lastSegmentFinishS);
    } else if (!Double.isNaN(lastCallS)) {
      placeholderS += Math.max(0, nowS - lastCallS);
    }
    lastCallS = nowS;
    lastSegmentFinishS = Double.NaN;
  }

  /** The rung BOLA picks at effective buffer level {@code levelS} (ties to the higher rung). */
  int qualityFromBufferLevel(double levelS) {
    int quality = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < utilities.length; i++) {
      double score = (vp * (utilities[i] + gp) - levelS) / ladder.bitrateBps(i);
      if (score >= best) {
        best = score;
        quality = i;
      }
    }
    return quality;
  }

  /** Highest buffer level (seconds) at which BOLA still prefers fetching {@code q} to waiting. */
  double maxBufferLevelForQuality(int q) {
    return vp * (utilities[q] + gp);
  }

  /** Lowest buffer level (seconds) at which BOLA prefers {@code q} to every lower rung. */
  double minBufferLevelForQuality(int q) {
    double qBitrate = ladder.bitrateBps(q);
    double min = 0;
    for (int i = q - 1; i >= 0; i--) {
      if (utilities[i] < utilities[q]) {
        double iBitrate = ladder.bitrateBps(i);
        double level =
            vp * (gp + (qBitrate * utilities[i] - iBitrate * utilities[q]) / (qBitrate - iBitrate));
        min = Math.max(min, level);
      }
    }
    return min;
  }

  @Override
  public String name() {
    return "bola";
  }
}
