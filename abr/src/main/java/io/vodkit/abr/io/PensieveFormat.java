package io.vodkit.abr.io;

import io.vodkit.abr.Ladder;
import io.vodkit.abr.sim.ThroughputTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pensieve's text formats (Mao et al., SIGCOMM 2017; {@code sim/load_trace.py}).
 *
 * <ul>
 *   <li><b>Traces</b>: one sample per line, {@code <time_s> <throughput_Mbps>} separated by any
 *       whitespace; CRLF or LF; blank lines ignored. See {@link ThroughputTrace#ofSamples}.
 *   <li><b>Chunk sizes</b>: a folder of {@code video_size_0} … {@code video_size_N}, one per rung
 *       (0 lowest), line {@code k} the size in bytes of chunk {@code k}.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class PensieveFormat {
  /** Pensieve's ladder, in bits per second: 300, 750, 1200, 1850, 2850, 4300 kbps. */
  public static final long[] PENSIEVE_BITRATES_BPS = {
    300_000, 750_000, 1_200_000, 1_850_000, 2_850_000, 4_300_000
  };

  /** Pensieve's chunk duration, in seconds. */
  public static final double PENSIEVE_CHUNK_S = 4.0;

  /** Pensieve's video length, in chunks. */
  public static final int PENSIEVE_CHUNKS = 48;

  private PensieveFormat() {}

  /** Reads one trace; its name is the file name. */
  public static ThroughputTrace readTrace(Path file) {
    List<String> lines = lines(file);
    List<double[]> samples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length < 2) {
        throw new TraceFormatException(
            file + ":" + (i + 1) + ": expected '<time_s> <Mbps>', got '" + line + "'");
      }
      samples.add(new double[] {number(file, i, fields[0]), number(file, i, fields[1])});
    }
    double[] time = new double[samples.size()];
    double[] mbps = new double[samples.size()];
    for (int i = 0; i < time.length; i++) {
      time[i] = samples.get(i)[0];
      mbps[i] = samples.get(i)[1];
    }
    try {
      return ThroughputTrace.ofSamples(file.getFileName().toString(), time, mbps);
    } catch (IllegalArgumentException e) {
      throw new TraceFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a chunk-size folder into a ladder.
   *
   * @param folder holds {@code video_size_0} … one file per rung
   * @param bitratesBps the nominal bitrate of each rung (as many as files)
   * @param chunkDurationS chunk duration, seconds
   * @param chunkCount chunks to use from the start of each file (Pensieve: 48 of 49)
   */
  public static Ladder readVideoSizes(
      Path folder, long[] bitratesBps, double chunkDurationS, int chunkCount) {
    long[][] byRung = new long[bitratesBps.length][];
    for (int r = 0; r < bitratesBps.length; r++) {
      Path file = folder.resolve("video_size_" + r);
      if (!Files.isRegularFile(file)) {
        throw new TraceFormatException(
            file + ": missing (one video_size_N file per rung is needed)");
      }
      List<Long> sizes = new ArrayList<>();
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.isEmpty()) {
          double v = number(file, i, line);
          if (v <= 0 || v != Math.rint(v)) {
            throw new TraceFormatException(
                file + ":" + (i + 1) + ": expected a positive byte count, got '" + line + "'");
          }
          sizes.add((long) v);
        }
      }
      if (sizes.size() < chunkCount) {
        throw new TraceFormatException(
            file + ": has " + sizes.size() + " chunks, " + chunkCount + " needed");
      }
      byRung[r] = sizes.stream().mapToLong(Long::longValue).toArray();
    }
    long[][] byChunk = new long[chunkCount][bitratesBps.length];
    for (int c = 0; c < chunkCount; c++) {
      for (int r = 0; r < bitratesBps.length; r++) {
        byChunk[c][r] = byRung[r][c];
      }
    }
    return Ladder.of(bitratesBps, chunkDurationS, byChunk);
  }

  /**
   * Pensieve's video: {@link #PENSIEVE_BITRATES_BPS}, 48 chunks of 4 s, sizes from {@code folder}.
   */
  public static Ladder readPensieveVideo(Path folder) {
    return readVideoSizes(folder, PENSIEVE_BITRATES_BPS, PENSIEVE_CHUNK_S, PENSIEVE_CHUNKS);
  }

  /** Pensieve's ladder with constant-bitrate chunk sizes (when the size files are absent). */
  public static Ladder pensieveConstantBitrateVideo() {
    return Ladder.constantBitrate(PENSIEVE_BITRATES_BPS, PENSIEVE_CHUNK_S, PENSIEVE_CHUNKS);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static double number(Path file, int lineIndex, String text) {
    try {
      double v = Double.parseDouble(text);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new TraceFormatException(
          file + ":" + (lineIndex + 1) + ": not a number: '" + text + "'", e);
    }
  }
}
