/**
 * A deterministic, trace-driven playback simulator compatible with Pensieve's {@code fixed_env.py}
 * (and with Sabre's latency model for Sabre traces), plus per-session scoring and summaries.
 */
package io.vodkit.abr.sim;
