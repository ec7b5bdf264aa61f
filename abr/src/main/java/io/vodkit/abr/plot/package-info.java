/**
 * Paper-style PNG plots drawn with Java2D (no plotting dependency): per-trace throughput, bitrate
 * and buffer over time, and the CDF of per-trace QoE.
 */
package io.vodkit.abr.plot;
