package io.vodkit.abr.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.sim.ThroughputTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Sabre's JSON formats (Spiteri et al., MMSys 2018; {@code UMass-LIDS/sabre}).
 *
 * <ul>
 *   <li><b>Network</b>: an array of {@code {"duration_ms", "bandwidth_kbps", "latency_ms"}}
 *       periods, looping; kbps = 1000 bit/s. Becomes a {@link ThroughputTrace} with latencies.
 *   <li><b>Manifest</b>: {@code {"segment_duration_ms", "bitrates_kbps": [...],
 *       "segment_sizes_bits": [[size per rung] per segment]}}; sizes in <b>bits</b>, converted to
 *       bytes (rounded up).
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class SabreFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SabreFormat() {}

  /** Whether {@code file} holds a JSON array (a Sabre network trace) rather than an object. */
  public static boolean isNetworkTrace(Path file) {
    return tree(file).isArray();
  }

  /** Reads a network trace; its name is the file name. */
  public static ThroughputTrace readNetwork(Path file) {
    JsonNode root = tree(file);
    if (!root.isArray() || root.isEmpty()) {
      throw new TraceFormatException(
          file + ": a Sabre network trace is a non-empty JSON array of periods");
    }
    int n = root.size();
    double[] durationS = new double[n];
    double[] bps = new double[n];
    double[] latencyS = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode p = root.get(i);
      durationS[i] = field(file, p, "duration_ms", i) / 1000.0;
      bps[i] = field(file, p, "bandwidth_kbps", i) * 1000.0;
      latencyS[i] = field(file, p, "latency_ms", i) / 1000.0;
    }
    try {
      return ThroughputTrace.ofPeriods(file.getFileName().toString(), durationS, bps, latencyS);
    } catch (IllegalArgumentException e) {
      throw new TraceFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a manifest into a ladder (sizes converted from bits to bytes). */
  public static Ladder readManifest(Path file) {
    JsonNode root = tree(file);
    JsonNode bitrates = root.path("bitrates_kbps");
    JsonNode segments = root.path("segment_sizes_bits");
    JsonNode duration = root.path("segment_duration_ms");
    if (!bitrates.isArray() || !segments.isArray() || !duration.isNumber()) {
      throw new TraceFormatException(
          file
              + ": a Sabre manifest needs segment_duration_ms, bitrates_kbps and"
              + " segment_sizes_bits");
    }
    long[] bitratesBps = new long[bitrates.size()];
    for (int r = 0; r < bitratesBps.length; r++) {
      bitratesBps[r] = Math.round(bitrates.get(r).asDouble() * 1000);
    }
    long[][] sizes = new long[segments.size()][bitratesBps.length];
    for (int c = 0; c < sizes.length; c++) {
      JsonNode row = segments.get(c);
      if (!row.isArray() || row.size() != bitratesBps.length) {
        throw new TraceFormatException(file + ": segment " + c + " needs one size per bitrate");
      }
      for (int r = 0; r < bitratesBps.length; r++) {
        sizes[c][r] = (long) Math.ceil(row.get(r).asDouble() / 8.0);
      }
    }
    try {
      return Ladder.of(bitratesBps, duration.asDouble() / 1000.0, sizes);
    } catch (IllegalArgumentException e) {
      throw new TraceFormatException(file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode tree(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new TraceFormatException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static double field(Path file, JsonNode period, String name, int index) {
    JsonNode v = period.get(name);
    if (v == null || !v.isNumber()) {
      throw new TraceFormatException(file + ": period " + index + " needs a number '" + name + "'");
    }
    return v.asDouble();
  }
}
