/**
 * Player-side adaptive bitrate (ABR): the small API a player or the simulator drives.
 *
 * <p>A {@link io.vodkit.abr.Ladder} (bitrates plus per-chunk sizes) comes in, every finished
 * download is fed to a {@link io.vodkit.abr.BandwidthEstimator}, and before each chunk an {@link
 * io.vodkit.abr.AbrRule} turns an {@link io.vodkit.abr.AbrInput} into an {@link
 * io.vodkit.abr.AbrDecision}. Estimators live in {@code io.vodkit.abr.estimate}, rules in {@code
 * io.vodkit.abr.rules}, the trace-driven simulator in {@code io.vodkit.abr.sim}, trace readers in
 * {@code io.vodkit.abr.io}, plots in {@code io.vodkit.abr.plot} and the {@code abr-sim} command in
 * {@code io.vodkit.abr.cli}.
 *
 * <p>Units: bitrates and throughput in bits per second ({@code Bps} suffix), sizes in bytes, times
 * in seconds ({@code S} suffix). Nothing here depends on the rest of vodkit. Arguments and results
 * are non-null unless a method says otherwise.
 */
package io.vodkit.abr;
