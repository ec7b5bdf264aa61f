package io.vodkit.abr.io;

import io.vodkit.abr.Ladder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A real encode as the simulator's video: an HLS master playlist on local disk, laid out as
 * vodkit writes it ({@code manifest.m3u8}, {@code 360p/playlist.m3u8}, {@code
 * 360p/seg_00000.m4s}, …, optionally {@code audio/playlist.m3u8}).
 *
 * <ul>
 *   <li><b>Rungs</b>: one per {@code EXT-X-STREAM-INF}, lowest {@code BANDWIDTH} first. A rung's
 *       bitrate is its {@code BANDWIDTH}, which is the variant's <em>peak</em> segment bit rate,
 *       audio included (RFC 8216 §4.3.4.2), not its average.
 *   <li><b>Chunk sizes</b>: the sizes on disk of the segment files each media playlist lists. When
 *       the variants play with an {@code EXT-X-MEDIA} audio rendition, a player downloads its
 *       segments too, so each audio segment's size is added to the video chunk during which the
 *       audio segment starts (one that starts after the video's end goes to the last chunk). Init
 *       segments ({@code EXT-X-MAP}) are not counted.
 *   <li><b>Chunk duration</b>: the median {@code EXTINF} of every video segment but the last. Every
 *       rung must have the same number of segments, every segment but the last must be within
 *       {@link #DURATION_TOLERANCE} of the median, and the last, which may be shorter, is simulated
 *       as a full chunk.
 * </ul>
 *
 * <p>The playlists are parsed by a minimal, strict reader (see {@code M3u8Reader}). Only files
 * inside the master playlist's folder are read: a URI that is absolute, has a scheme, contains
 * {@code ..}, or reaches outside through a symbolic link is refused. Problems are {@link
 * TraceFormatException}s naming the playlist.
 *
 * <p>Stateless; thread-safe.
 */
public final class HlsFormat {
  /** How far a segment's duration may be from the chunk duration, as a fraction of it. */
  public static final double DURATION_TOLERANCE = 0.10;

  /** {@code EXTINF} durations are written with 3 decimals. */
  private static final double EXTINF_PRECISION_S = 0.001;

  private HlsFormat() {}

  /** One media playlist: its segments' durations and sizes on disk. */
  private record Rendition(Path playlist, double[] durationsS, long[] bytes) {
    int segmentCount() {
      return bytes.length;
    }

    double lengthS() {
      double sum = 0;
      for (double d : durationsS) {
        sum += d;
      }
      return sum;
    }
  }

  /**
   * Reads the video that {@code masterPlaylist} describes.
   *
   * @param masterPlaylist e.g. {@code storage/objects/videos/ID/manifest.m3u8}
   * @throws TraceFormatException if a playlist is malformed, a URI is refused, a segment is
   *     missing, or the rungs do not line up
   */
  public static Ladder readVideo(Path masterPlaylist) {
    Path master = masterPlaylist.toAbsolutePath().normalize();
    Path root = realFolder(master);
    M3u8Reader.Master playlist = M3u8Reader.readMaster(master);
    List<M3u8Reader.Variant> variants = byBandwidth(playlist.variants(), master);
    List<Rendition> rungs =
        variants.stream().map(v -> rendition(root, v.uri(), master, root)).toList();
    requireEqualSegmentCounts(rungs, master);
    double chunkS = chunkDuration(rungs);

    int chunks = rungs.get(0).segmentCount();
    Optional<M3u8Reader.AudioRendition> audio = audioRendition(playlist, master);
    long[] audioBytes =
        audio
            .map(a -> audioPerChunk(rendition(root, a.uri(), master, root), rungs.get(0), chunkS))
            .orElseGet(() -> new long[chunks]);
    long[] bitratesBps = new long[variants.size()];
    long[][] sizes = new long[chunks][variants.size()];
    for (int r = 0; r < variants.size(); r++) {
      M3u8Reader.Variant variant = variants.get(r);
      bitratesBps[r] = variant.bandwidthBps();
      boolean withAudio = audio.isPresent() && playsWith(variant, audio.get());
      for (int c = 0; c < chunks; c++) {
        sizes[c][r] = rungs.get(r).bytes()[c] + (withAudio ? audioBytes[c] : 0);
      }
    }
    return Ladder.of(bitratesBps, chunkS, sizes);
  }

  /** The variants, lowest BANDWIDTH first; two with the same BANDWIDTH are an error. */
  private static List<M3u8Reader.Variant> byBandwidth(
      List<M3u8Reader.Variant> variants, Path master) {
    List<M3u8Reader.Variant> sorted = new ArrayList<>(variants);
    sorted.sort(Comparator.comparingLong(M3u8Reader.Variant::bandwidthBps));
    for (int r = 1; r < sorted.size(); r++) {
      if (sorted.get(r).bandwidthBps() == sorted.get(r - 1).bandwidthBps()) {
        throw new TraceFormatException(
            master
                + ": two variants have BANDWIDTH="
                + sorted.get(r).bandwidthBps()
                + "; the simulator needs one bitrate per rung");
      }
    }
    return sorted;
  }

  private static boolean playsWith(M3u8Reader.Variant variant, M3u8Reader.AudioRendition audio) {
    return variant.audioGroup().equals(Optional.of(audio.groupId()));
  }

  private static Path realFolder(Path master) {
    Path folder = master.getParent();
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new TraceFormatException(master + ": no such folder " + folder, e);
    }
  }

  /** The one audio rendition the variants play with, if they name one that has a playlist. */
  private static Optional<M3u8Reader.AudioRendition> audioRendition(
      M3u8Reader.Master playlist, Path master) {
    List<M3u8Reader.AudioRendition> used =
        playlist.audio().stream()
            .filter(a -> playlist.variants().stream().anyMatch(v -> playsWith(v, a)))
            .toList();
    if (used.size() > 1) {
      throw new TraceFormatException(
          master + ": " + used.size() + " audio renditions; only one (as vodkit writes) is read");
    }
    return used.stream().findFirst();
  }

  private static Rendition rendition(Path folder, String uri, Path master, Path root) {
    Path playlist = LocalUri.resolve(folder, uri, root, master.toString());
    List<M3u8Reader.Segment> segments = M3u8Reader.readMedia(playlist);
    double[] durationsS = new double[segments.size()];
    long[] bytes = new long[segments.size()];
    for (int s = 0; s < segments.size(); s++) {
      durationsS[s] = segments.get(s).durationS();
      Path file =
          LocalUri.resolve(playlist.getParent(), segments.get(s).uri(), root, playlist.toString());
      bytes[s] = size(file);
      if (bytes[s] == 0) {
        throw new TraceFormatException(playlist + ": segment " + file + " is empty");
      }
    }
    return new Rendition(playlist, durationsS, bytes);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }

  private static void requireEqualSegmentCounts(List<Rendition> rungs, Path master) {
    Rendition first = rungs.get(0);
    for (Rendition rung : rungs) {
      if (rung.segmentCount() != first.segmentCount()) {
        throw new TraceFormatException(
            master
                + ": every rung needs the same number of segments, but "
                + first.playlist()
                + " has "
                + first.segmentCount()
                + " and "
                + rung.playlist()
                + " has "
                + rung.segmentCount());
      }
    }
  }

  /** The median duration of every segment but the last; checks that the segments agree with it. */
  private static double chunkDuration(List<Rendition> rungs) {
    int count = rungs.get(0).segmentCount();
    int measured = Math.max(1, count - 1);
    double[] durationsS =
        rungs.stream()
            .flatMapToDouble(rung -> Arrays.stream(rung.durationsS(), 0, measured))
            .sorted()
            .toArray();
    int middle = durationsS.length / 2;
    double chunkS =
        durationsS.length % 2 == 1
            ? durationsS[middle]
            : (durationsS[middle - 1] + durationsS[middle]) / 2;
    if (!(chunkS > 0)) {
      throw new TraceFormatException(rungs.get(0).playlist() + ": the segments last 0 s");
    }
    double slackS = DURATION_TOLERANCE * chunkS + EXTINF_PRECISION_S;
    for (Rendition rung : rungs) {
      for (int s = 0; s < count; s++) {
        double d = rung.durationsS()[s];
        boolean last = s == count - 1;
        boolean ok = last ? d > 0 && d <= chunkS + slackS : Math.abs(d - chunkS) <= slackS;
        if (!ok) {
          throw new TraceFormatException(
              String.format(
                  Locale.ROOT,
                  "%s: segment %d lasts %.3f s, but the chunks last %.3f s (the median); the"
                      + " simulator needs chunks of one length (±%.0f%%, the last may be shorter)",
                  rung.playlist(),
                  s,
                  d,
                  chunkS,
                  100 * DURATION_TOLERANCE));
        }
      }
    }
    return chunkS;
  }

  /**
   * Audio bytes by video chunk: each audio segment counts towards the chunk during which it starts
   * (the last chunk for one that starts after the video's end).
   */
  private static long[] audioPerChunk(Rendition audio, Rendition video, double chunkS) {
    if (Math.abs(audio.lengthS() - video.lengthS()) > chunkS) {
      throw new TraceFormatException(
          String.format(
              Locale.ROOT,
              "%s lasts %.3f s but %s lasts %.3f s; they must match to within one chunk",
              audio.playlist(),
              audio.lengthS(),
              video.playlist(),
              video.lengthS()));
    }
    long[] perChunk = new long[video.segmentCount()];
    int chunk = 0;
    double chunkEndS = video.durationsS()[0];
    double startS = 0;
    for (int s = 0; s < audio.segmentCount(); s++) {
      while (chunk < perChunk.length - 1 && startS >= chunkEndS - EXTINF_PRECISION_S) {
        chunk++;
        chunkEndS += video.durationsS()[chunk];
      }
      perChunk[chunk] += audio.bytes()[s];
      startS += audio.durationsS()[s];
    }
    return perChunk;
  }
}
