package io.vodkit.hls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses HLS playlists (RFC 8216): what {@link HlsManifestWriter} writes and what ffmpeg and
 * Apple's tools typically produce, I-frame playlists ({@code EXT-X-I-FRAME-STREAM-INF}, {@code
 * EXT-X-I-FRAMES-ONLY}, {@code EXT-X-BYTERANGE}) included.
 *
 * <p>The first line must be {@code #EXTM3U} (a UTF-8 byte order mark and CRLF line ends are
 * accepted). Blank lines and comments are skipped, tags this parser does not model (e.g. {@code
 * EXT-X-PROGRAM-DATE-TIME}, {@code EXT-X-SESSION-DATA}) are ignored, and structural errors (a
 * URI with no {@code EXTINF}, a variant with no URI, an unparsable number) are reported as
 * {@link IllegalArgumentException} with the line number. URIs are returned as written, not
 * resolved. Stateless and thread-safe.
 */
public final class HlsParser {
  private static final Set<String> MASTER_TAGS =
      Set.of("#EXT-X-STREAM-INF", "#EXT-X-MEDIA", "#EXT-X-I-FRAME-STREAM-INF");
  private static final Set<String> MEDIA_TAGS =
      Set.of("#EXTINF", "#EXT-X-TARGETDURATION", "#EXT-X-MAP", "#EXT-X-ENDLIST",
          "#EXT-X-MEDIA-SEQUENCE", "#EXT-X-PLAYLIST-TYPE", "#EXT-X-BYTERANGE", "#EXT-X-I-FRAMES-ONLY");

  private HlsParser() {}

  /** Parses UTF-8 playlist bytes, e.g. a {@code ManifestFile}'s content. */
  public static HlsPlaylist parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  /**
   * Parses a master or a media playlist, deciding by its tags.
   *
   * @throws IllegalArgumentException if the text is not an HLS playlist or is malformed
   */
  public static HlsPlaylist parse(String text) {
    List<Line> lines = lines(text);
    boolean master = lines.stream().anyMatch(l -> MASTER_TAGS.contains(l.tagName()));
    boolean media = lines.stream().anyMatch(l -> MEDIA_TAGS.contains(l.tagName()));
    if (master && media) {
      throw new IllegalArgumentException("playlist mixes master and media playlist tags");
    }
    if (master) {
      return master(lines);
    }
    if (media) {
      return media(lines);
    }
    throw new IllegalArgumentException("playlist has neither variant streams nor media segments");
  }

  /** Parses a master playlist; anything else is an {@link IllegalArgumentException}. */
  public static HlsPlaylist.Master parseMaster(String text) {
    if (parse(text) instanceof HlsPlaylist.Master m) {
      return m;
    }
    throw new IllegalArgumentException("not a master playlist (it is a media playlist)");
  }

  /** Parses a media playlist; anything else is an {@link IllegalArgumentException}. */
  public static HlsPlaylist.Media parseMedia(String text) {
    if (parse(text) instanceof HlsPlaylist.Media m) {
      return m;
    }
    throw new IllegalArgumentException("not a media playlist (it is a master playlist)");
  }

  private static HlsPlaylist.Master master(List<Line> lines) {
    int version = 1;
    boolean independent = false;
    List<HlsPlaylist.Variant> variants = new ArrayList<>();
    List<HlsPlaylist.Rendition> renditions = new ArrayList<>();
    List<HlsPlaylist.Variant> iFrames = new ArrayList<>();
    Line pending = null;
    Map<String, String> pendingAttributes = null;
    for (Line l : lines) {
      try {
        if (l.isUri()) {
          if (pending == null) {
            throw new IllegalArgumentException("URI without a preceding #EXT-X-STREAM-INF");
          }
          variants.add(new HlsPlaylist.Variant(pendingAttributes, l.text()));
          pending = null;
          continue;
        }
        if (pending != null && l.tag() != null) {
          throw new IllegalArgumentException(
              "#EXT-X-STREAM-INF on line " + pending.number() + " is not followed by its URI");
        }
        switch (l.tagName()) {
          case "#EXT-X-VERSION" -> version = (int) number(l);
          case "#EXT-X-INDEPENDENT-SEGMENTS" -> independent = true;
          case "#EXT-X-STREAM-INF" -> {
            pendingAttributes = HlsAttributes.parse(l.value());
            pending = l;
          }
          case "#EXT-X-MEDIA" -> renditions.add(new HlsPlaylist.Rendition(HlsAttributes.parse(l.value())));
          case "#EXT-X-I-FRAME-STREAM-INF" -> {
            Map<String, String> attributes = HlsAttributes.parse(l.value());
            iFrames.add(new HlsPlaylist.Variant(attributes, HlsAttributes.require(attributes, "URI")));
          }
          default -> {
            // a tag this parser does not model, or a comment
          }
        }
      } catch (IllegalArgumentException e) {
        throw l.error(e);
      }
    }
    if (pending != null) {
      throw pending.error(new IllegalArgumentException("#EXT-X-STREAM-INF without a URI"));
    }
    return new HlsPlaylist.Master(version, independent, variants, renditions, iFrames);
  }

  private static HlsPlaylist.Media media(List<Line> lines) {
    int version = 1;
    boolean independent = false;
    Long targetDuration = null;
    long mediaSequence = 0;
    Optional<String> playlistType = Optional.empty();
    Optional<String> mapUri = Optional.empty();
    boolean endList = false;
    boolean iFramesOnly = false;
    List<HlsPlaylist.Segment> segments = new ArrayList<>();
    Line extinf = null;
    Line byteRange = null;
    for (Line l : lines) {
      try {
        if (l.isUri()) {
          if (extinf == null) {
            throw new IllegalArgumentException("segment URI without a preceding #EXTINF");
          }
          segments.add(segment(extinf, byteRange, l.text(), segments));
          extinf = null;
          byteRange = null;
          continue;
        }
        switch (l.tagName()) {
          case "#EXT-X-VERSION" -> version = (int) number(l);
          case "#EXT-X-INDEPENDENT-SEGMENTS" -> independent = true;
          case "#EXT-X-TARGETDURATION" -> targetDuration = number(l);
          case "#EXT-X-MEDIA-SEQUENCE" -> mediaSequence = number(l);
          case "#EXT-X-PLAYLIST-TYPE" -> playlistType = Optional.of(l.value().strip());
          case "#EXT-X-MAP" ->
              mapUri = Optional.of(HlsAttributes.require(HlsAttributes.parse(l.value()), "URI"));
          case "#EXT-X-ENDLIST" -> endList = true;
          case "#EXT-X-I-FRAMES-ONLY" -> iFramesOnly = true;
          case "#EXT-X-BYTERANGE" -> byteRange = l;
          case "#EXTINF" -> {
            if (extinf != null) {
              throw new IllegalArgumentException(
                  "#EXTINF on line " + extinf.number() + " is not followed by its URI");
            }
            extinf = l;
          }
          default -> {
            // a tag this parser does not model, or a comment
          }
        }
      } catch (IllegalArgumentException e) {
        throw l.error(e);
      }
    }
    if (extinf != null) {
      throw extinf.error(new IllegalArgumentException("#EXTINF without a segment URI"));
    }
    if (targetDuration == null) {
      throw new IllegalArgumentException("media playlist has no #EXT-X-TARGETDURATION");
    }
    return new HlsPlaylist.Media(
        version, independent, targetDuration, mediaSequence, playlistType, mapUri, segments, endList, iFramesOnly);
  }

  private static HlsPlaylist.Segment segment(
      Line extinf, Line byteRange, String uri, List<HlsPlaylist.Segment> previous) {
    String value = extinf.value();
    int comma = value.indexOf(',');
    String duration = (comma < 0 ? value : value.substring(0, comma)).strip();
    String title = comma < 0 ? "" : value.substring(comma + 1);
    if (!duration.matches("[0-9]+(\\.[0-9]*)?")) {
      throw extinf.error(new IllegalArgumentException("bad #EXTINF duration '" + duration + "'"));
    }
    Optional<HlsPlaylist.ByteRange> range = Optional.empty();
    if (byteRange != null) {
      range = Optional.of(byteRange(byteRange, uri, previous));
    }
    return new HlsPlaylist.Segment(Double.parseDouble(duration), title, uri, range);
  }

  /** {@code n[@o]}; without {@code @o} the range continues the previous segment's range. */
  private static HlsPlaylist.ByteRange byteRange(
      Line line, String uri, List<HlsPlaylist.Segment> previous) {
    String[] parts = line.value().strip().split("@", -1);
    try {
      long length = Long.parseLong(parts[0]);
      if (parts.length == 2) {
        return new HlsPlaylist.ByteRange(length, Long.parseLong(parts[1]));
      }
      if (parts.length == 1 && !previous.isEmpty()) {
        HlsPlaylist.Segment last = previous.get(previous.size() - 1);
        if (last.uri().equals(uri) && last.byteRange().isPresent()) {
          HlsPlaylist.ByteRange r = last.byteRange().get();
          return new HlsPlaylist.ByteRange(length, r.offset() + r.length());
        }
      }
    } catch (NumberFormatException e) {
      throw line.error(new IllegalArgumentException("bad #EXT-X-BYTERANGE", e));
    }
    throw line.error(new IllegalArgumentException(
        "#EXT-X-BYTERANGE without an offset must follow a sub-range of the same resource"));
  }

  /** A decimal-integer tag value, e.g. of {@code #EXT-X-TARGETDURATION:6}. */
  private static long number(Line l) {
    String v = l.value().strip();
    try {
      if (v.matches("[0-9]{1,9}")) {
        return Long.parseLong(v);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("bad integer in " + l.tag() + ": '" + v + "'");
  }

  private static List<Line> lines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> raw = body.lines().toList();
    if (raw.isEmpty() || !raw.get(0).strip().equals("#EXTM3U")) {
      throw new IllegalArgumentException("not an HLS playlist: the first line must be #EXTM3U");
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < raw.size(); i++) {
      String s = raw.get(i).strip();
      if (!s.isEmpty()) {
        lines.add(new Line(i + 1, s));
      }
    }
    return lines;
  }

  /** One non-blank line after {@code #EXTM3U}. */
  private record Line(int number, String text) {
    boolean isUri() {
      return !text.startsWith("#");
    }

    /** The tag name up to the colon, e.g. {@code #EXTINF}; null for URIs and comments. */
    String tag() {
      if (!text.startsWith("#EXT")) {
        return null;
      }
      int colon = text.indexOf(':');
      return colon < 0 ? text : text.substring(0, colon);
    }

    /** {@link #tag()}, or the empty string for URIs and comments, for use in a switch. */
    String tagName() {
      String tag = tag();
      return tag == null ? "" : tag;
    }

    /** What follows the colon; empty for tags without a value. */
    String value() {
      int colon = text.indexOf(':');
      return colon < 0 ? "" : text.substring(colon + 1);
    }

    /** {@code cause} with this line's number in front, unless it already names a line. */
    IllegalArgumentException error(IllegalArgumentException cause) {
      if (cause instanceof LineError) {
        return cause;
      }
      return new LineError("line " + number + ": " + cause.getMessage(), cause);
    }
  }

  /** An error that already names its line. */
  private static final class LineError extends IllegalArgumentException {
    LineError(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
