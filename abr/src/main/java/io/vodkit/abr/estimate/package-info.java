/**
 * Bandwidth estimators: EWMA (Shaka / dash.js), sliding-window harmonic mean (MPC, FESTIVE), a
 * sqrt-bytes-weighted sliding percentile (ExoPlayer) and the latest sample (the spec's "measured").
 * All of them pass samples through a {@link io.vodkit.abr.estimate.SampleGate} first.
 */
package io.vodkit.abr.estimate;
