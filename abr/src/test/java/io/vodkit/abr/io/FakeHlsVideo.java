package io.vodkit.abr.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a video folder laid out as vodkit writes it: {@code manifest.m3u8}, one {@code
 * NAME/playlist.m3u8} per rung with {@code init.mp4} and {@code seg_NNNNN.m4s} files of the given
 * sizes, and optionally {@code audio/}. The playlists copy vodkit's tags, including quoted
 * attribute values that contain commas ({@code CODECS}, an audio {@code NAME}).
 */
public final class FakeHlsVideo {
  /** The audio rendition's group, as vodkit names it. */
  public static final String AUDIO_GROUP = "aud";

  private final Path dir;
  private final StringBuilder master =
      new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
  private boolean audio;

  /** A video in {@code dir} (created if needed). */
  public FakeHlsVideo(Path dir) {
    this.dir = dir;
  }

  /** {@code count} durations of {@code seconds} each. */
  public static double[] every(double seconds, int count) {
    double[] durations = new double[count];
    Arrays.fill(durations, seconds);
    return durations;
  }

  /** Adds the audio rendition; call it before the rungs, which then play with it. */
  public FakeHlsVideo audio(double[] durationsS, long... segmentBytes) {
    audio = true;
    master.append(
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English, stereo\",DEFAULT=YES,"
            + "AUTOSELECT=YES,CHANNELS=\"2\",URI=\"audio/playlist.m3u8\"\n");
    writeMedia(dir.resolve("audio"), durationsS, segmentBytes);
    return this;
  }

  /** Adds a rung of 4 s segments. */
  public FakeHlsVideo rung(String name, long bandwidthBps, long... segmentBytes) {
    return rung(name, bandwidthBps, every(4.0, segmentBytes.length), segmentBytes);
  }

  /** Adds a rung with the given segment durations. */
  public FakeHlsVideo rung(
      String name, long bandwidthBps, double[] durationsS, long... segmentBytes) {
    master
        .append("#EXT-X-STREAM-INF:BANDWIDTH=")
        .append(bandwidthBps)
        .append(",AVERAGE-BANDWIDTH=")
        .append(bandwidthBps * 9 / 10)
        .append(",RESOLUTION=640x360,FRAME-RATE=30.000,CODECS=\"avc1.42c01e,mp4a.40.2\"")
        .append(audio ? ",AUDIO=\"aud\"" : "")
        .append('\n')
        .append(name)
        .append("/playlist.m3u8\n");
    writeMedia(dir.resolve(name), durationsS, segmentBytes);
    return this;
  }

  /** Writes {@code manifest.m3u8} and returns it. */
  public Path write() {
    return write(dir.resolve("manifest.m3u8"), master.toString());
  }

  /** A media playlist in {@code folder} listing {@code seg_NNNNN.m4s} files of these sizes. */
  public static Path writeMedia(Path folder, double[] durationsS, long[] segmentBytes) {
    StringBuilder playlist =
        new StringBuilder(
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-MAP:URI=\"init.mp4\"\n");
    writeBytes(folder.resolve("init.mp4"), 800);
    for (int s = 0; s < segmentBytes.length; s++) {
      String name = String.format(Locale.ROOT, "seg_%05d.m4s", s);
      playlist.append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n%s\n", durationsS[s], name));
      writeBytes(folder.resolve(name), segmentBytes[s]);
    }
    playlist.append("#EXT-X-ENDLIST\n");
    return write(folder.resolve("playlist.m3u8"), playlist.toString());
  }

  /** Writes {@code text} to {@code file}, creating its folder. */
  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeBytes(Path file, long size) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[Math.toIntExact(size)]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
