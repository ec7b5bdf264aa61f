package io.vodkit.abr.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal, strict reader of the two HLS playlists (RFC 8216) that vodkit writes: a master
 * playlist of {@code EXT-X-STREAM-INF} variants plus an optional {@code EXT-X-MEDIA} audio
 * rendition, and VOD media playlists of {@code EXTINF} segments.
 *
 * <p>The first line must be {@code #EXTM3U}. Blank lines, comments and tags that do not change
 * which bytes a player downloads ({@code EXT-X-VERSION}, {@code EXT-X-TARGETDURATION}, …) are
 * skipped. Everything else that this reader does not model is an error rather than a guess: a
 * media tag in a master playlist or the reverse, {@code EXT-X-BYTERANGE}, a media playlist without
 * {@code EXT-X-ENDLIST} (live), a URI line without its tag, a malformed attribute list (see {@link
 * M3u8Attributes}). Every URI must pass {@link LocalUri#check}; URIs are returned decoded and
 * relative, not resolved. Errors are {@link TraceFormatException}s naming the file and line.
 *
 * <p>Stateless; thread-safe.
 */
final class M3u8Reader {
  private M3u8Reader() {}

  /**
   * A variant stream of a master playlist.
   *
   * @param bandwidthBps {@code BANDWIDTH}: the peak bit rate of the variant, audio included
   * @param audioGroup {@code AUDIO}: the group of the audio rendition it plays with, if any
   * @param uri the media playlist, relative to the master playlist's folder
   */
  record Variant(long bandwidthBps, Optional<String> audioGroup, String uri) {}

  /**
   * An {@code EXT-X-MEDIA} audio rendition that has its own media playlist.
   *
   * @param groupId {@code GROUP-ID}
   * @param uri the media playlist, relative to the master playlist's folder
   */
  record AudioRendition(String groupId, String uri) {}

  /** A master playlist: variants in written order, audio renditions with a URI. */
  record Master(List<Variant> variants, List<AudioRendition> audio) {}

  /**
   * A media segment.
   *
   * @param durationS its {@code EXTINF} duration, in seconds
   * @param uri the segment file, relative to the media playlist's folder
   */
  record Segment(double durationS, String uri) {}

  /** Reads a master playlist. */
  static Master readMaster(Path file) {
    List<String> lines = lines(file);
    List<Variant> variants = new ArrayList<>();
    List<AudioRendition> audio = new ArrayList<>();
    Map<String, String> pending = null;
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      String where = file + ":" + (n + 1);
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("#")) {
        if (pending == null) {
          throw error(where, "URI line '" + line + "' without #EXT-X-STREAM-INF before it");
        }
        Optional<String> group = Optional.ofNullable(pending.get("AUDIO"));
        variants.add(new Variant(bandwidth(pending, where), group, LocalUri.check(line, where)));
        pending = null;
        continue;
      }
      switch (tagName(line)) {
        case "#EXT-X-STREAM-INF" -> {
          if (pending != null) {
            throw error(where, "#EXT-X-STREAM-INF follows another without a URI between");
          }
          pending = M3u8Attributes.parse(value(line, where), where);
        }
        case "#EXT-X-MEDIA" -> {
          Map<String, String> attrs = M3u8Attributes.parse(value(line, where), where);
          if ("AUDIO".equals(attrs.get("TYPE")) && attrs.containsKey("URI")) {
            String group = required(attrs, "GROUP-ID", where);
            audio.add(new AudioRendition(group, LocalUri.check(attrs.get("URI"), where)));
          }
        }
        case "#EXTINF", "#EXT-X-MAP", "#EXT-X-BYTERANGE", "#EXT-X-ENDLIST" ->
            throw error(
                where,
                tagName(line)
                    + " belongs in a media playlist; give the master playlist (manifest.m3u8)");
        default -> {
          // other tags and comments do not change what a player downloads
        }
      }
    }
    if (pending != null) {
      throw error(file.toString(), "ends after #EXT-X-STREAM-INF without its URI");
    }
    if (variants.isEmpty()) {
      throw error(file.toString(), "no #EXT-X-STREAM-INF variant");
    }
    return new Master(List.copyOf(variants), List.copyOf(audio));
  }

  /** Reads a finished (VOD) media playlist's segments, in order. */
  static List<Segment> readMedia(Path file) {
    List<String> lines = lines(file);
    List<Segment> segments = new ArrayList<>();
    Double pendingS = null;
    boolean ended = false;
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      String where = file + ":" + (n + 1);
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("#")) {
        if (pendingS == null) {
          throw error(where, "URI line '" + line + "' without #EXTINF before it");
        }
        segments.add(new Segment(pendingS, LocalUri.check(line, where)));
        pendingS = null;
        continue;
      }
      switch (tagName(line)) {
        case "#EXTINF" -> {
          if (pendingS != null) {
            throw error(where, "#EXTINF follows another without a URI between");
          }
          pendingS = extinf(value(line, where), where);
        }
        case "#EXT-X-MAP" -> {
          Map<String, String> attrs = M3u8Attributes.parse(value(line, where), where);
          if (attrs.containsKey("BYTERANGE")) {
            throw error(where, "byte-range init segments are not supported");
          }
          LocalUri.check(required(attrs, "URI", where), where);
        }
        case "#EXT-X-BYTERANGE" ->
            throw error(where, "byte-range segments are not supported (sizes come from files)");
        case "#EXT-X-ENDLIST" -> ended = true;
        case "#EXT-X-STREAM-INF", "#EXT-X-MEDIA", "#EXT-X-I-FRAME-STREAM-INF" ->
            throw error(where, tagName(line) + " belongs in a master playlist");
        default -> {
          // other tags and comments do not change what a player downloads
        }
      }
    }
    if (pendingS != null) {
      throw error(file.toString(), "ends after #EXTINF without its URI");
    }
    if (!ended) {
      throw error(file.toString(), "no #EXT-X-ENDLIST: not a finished (VOD) playlist");
    }
    if (segments.isEmpty()) {
      throw error(file.toString(), "no segments");
    }
    return List.copyOf(segments);
  }

  private static List<String> lines(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(file + ": no such playlist", e);
    } catch (CharacterCodingException e) {
      throw new TraceFormatException(file + ": not an M3U8 playlist (not UTF-8 text)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals("#EXTM3U")) {
      throw error(file.toString(), "not an M3U8 playlist (the first line is not #EXTM3U)");
    }
    return lines;
  }

  private static String tagName(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? line : line.substring(0, colon);
  }

  private static String value(String line, String where) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw error(where, line + " needs a value after ':'");
    }
    return line.substring(colon + 1);
  }

  private static String required(Map<String, String> attrs, String name, String where) {
    String value = attrs.get(name);
    if (value == null) {
      throw error(where, "missing attribute " + name);
    }
    return value;
  }

  private static long bandwidth(Map<String, String> attrs, String where) {
    String text = required(attrs, "BANDWIDTH", where);
    if (!text.matches("[0-9]{1,18}") || Long.parseLong(text) == 0) {
      throw error(where, "BANDWIDTH must be a positive integer, not '" + text + "'");
    }
    return Long.parseLong(text);
  }

  /** {@code <duration>,[<title>]}, the duration a non-negative decimal. */
  private static double extinf(String value, String where) {
    int comma = value.indexOf(',');
    String duration = comma < 0 ? value : value.substring(0, comma);
    if (comma < 0 || !duration.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
      throw error(where, "#EXTINF must be '<seconds>,[title]', not '" + value + "'");
    }
    return Double.parseDouble(duration);
  }

  private static TraceFormatException error(String where, String message) {
    return new TraceFormatException(where + ": " + message);
  }
}
