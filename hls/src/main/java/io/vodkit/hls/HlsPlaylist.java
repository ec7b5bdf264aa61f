package io.vodkit.hls;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A parsed HLS playlist (RFC 8216): either a {@link Master} (multivariant) playlist or a {@link
 * Media} playlist. Produced by {@link HlsParser}; immutable.
 *
 * <p>{@link #variants()} and {@link #segments()} can be asked of either kind, so code that walks
 * a master and then its media playlists needs no casts: a media playlist has no variants and a
 * master has no segments.
 */
public sealed interface HlsPlaylist permits HlsPlaylist.Master, HlsPlaylist.Media {
  /** {@code EXT-X-VERSION}, 1 when the tag is absent (RFC 8216 §4.3.1.2). */
  int version();

  /** True when {@code EXT-X-INDEPENDENT-SEGMENTS} is present. */
  boolean independentSegments();

  /** The variant streams of a master playlist; empty for a media playlist. */
  default List<Variant> variants() {
    return List.of();
  }

  /** The media segments of a media playlist; empty for a master playlist. */
  default List<Segment> segments() {
    return List.of();
  }

  /**
   * A master playlist.
   *
   * @param version {@code EXT-X-VERSION}
   * @param independentSegments {@code EXT-X-INDEPENDENT-SEGMENTS} present
   * @param variants every {@code EXT-X-STREAM-INF} with its URI, in playlist order
   * @param renditions every {@code EXT-X-MEDIA}, in playlist order
   * @param iFrameVariants every {@code EXT-X-I-FRAME-STREAM-INF}, its {@code URI} attribute as uri
   */
  record Master(
      int version,
      boolean independentSegments,
      List<Variant> variants,
      List<Rendition> renditions,
      List<Variant> iFrameVariants)
      implements HlsPlaylist {
    /** Copies the lists. */
    public Master {
      variants = List.copyOf(variants);
      renditions = List.copyOf(renditions);
      iFrameVariants = List.copyOf(iFrameVariants);
    }

    /** The renditions of one {@code TYPE} (e.g. {@code AUDIO}) and {@code GROUP-ID}. */
    public List<Rendition> group(String type, String groupId) {
      return renditions.stream()
          .filter(r -> r.type().equals(type) && r.groupId().equals(groupId))
          .toList();
    }
  }

  /**
   * A media playlist.
   *
   * @param version {@code EXT-X-VERSION}
   * @param independentSegments {@code EXT-X-INDEPENDENT-SEGMENTS} present
   * @param targetDurationSeconds {@code EXT-X-TARGETDURATION}
   * @param mediaSequence {@code EXT-X-MEDIA-SEQUENCE}, 0 when absent
   * @param playlistType {@code EXT-X-PLAYLIST-TYPE} ({@code VOD} or {@code EVENT}), if present
   * @param mapUri the {@code URI} of {@code EXT-X-MAP} (the init segment), if present
   * @param segments the media segments in order
   * @param endList {@code EXT-X-ENDLIST} present
   * @param iFramesOnly {@code EXT-X-I-FRAMES-ONLY} present: every segment is one I-frame (usually
   *     an {@code EXT-X-BYTERANGE} into a media segment) and its duration runs to the next I-frame
   */
  record Media(
      int version,
      boolean independentSegments,
      long targetDurationSeconds,
      long mediaSequence,
      Optional<String> playlistType,
      Optional<String> mapUri,
      List<Segment> segments,
      boolean endList,
      boolean iFramesOnly)
      implements HlsPlaylist {
    /** Checks nulls and copies the segments. */
    public Media {
      Objects.requireNonNull(playlistType, "playlistType");
      Objects.requireNonNull(mapUri, "mapUri");
      segments = List.copyOf(segments);
    }

    /** Sum of the {@code EXTINF} durations. */
    public double durationSeconds() {
      return segments.stream().mapToDouble(Segment::durationSeconds).sum();
    }
  }

  /**
   * A variant stream: an {@code EXT-X-STREAM-INF} (or {@code EXT-X-I-FRAME-STREAM-INF}) and its
   * URI. {@code BANDWIDTH} is required and every typed attribute present must parse, so the
   * accessors never fail on a constructed variant.
   *
   * @param attributes every attribute as written, in order, quoted-strings without the quotes
   *     (e.g. {@code CODECS} → {@code avc1.64001f,mp4a.40.2}); unmodifiable
   * @param uri the variant's media playlist URI, as written (relative or absolute)
   */
  record Variant(Map<String, String> attributes, String uri) {
    /** Copies the attributes and validates those this type exposes. */
    public Variant {
      attributes = HlsAttributes.copyOf(attributes);
      Objects.requireNonNull(uri, "uri");
      if (HlsAttributes.getLong(attributes, "BANDWIDTH").isEmpty()) {
        throw new IllegalArgumentException("variant " + uri + " has no BANDWIDTH");
      }
      HlsAttributes.getLong(attributes, "AVERAGE-BANDWIDTH");
      HlsAttributes.getDouble(attributes, "FRAME-RATE");
      HlsAttributes.get(attributes, "RESOLUTION").ifPresent(Resolution::parse);
    }

    /** {@code BANDWIDTH}: peak bits per second. */
    public long bandwidth() {
      return HlsAttributes.getLong(attributes, "BANDWIDTH").orElseThrow();
    }

    /** {@code AVERAGE-BANDWIDTH}: average bits per second. */
    public OptionalLong averageBandwidth() {
      return HlsAttributes.getLong(attributes, "AVERAGE-BANDWIDTH");
    }

    /** {@code RESOLUTION}. */
    public Optional<Resolution> resolution() {
      return HlsAttributes.get(attributes, "RESOLUTION").map(Resolution::parse);
    }

    /** {@code FRAME-RATE}. */
    public OptionalDouble frameRate() {
      return HlsAttributes.getDouble(attributes, "FRAME-RATE");
    }

    /** {@code CODECS} split into its RFC 6381 entries; empty when absent. */
    public List<String> codecs() {
      return HlsAttributes.get(attributes, "CODECS")
          .map(c -> Arrays.stream(c.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
          .orElse(List.of());
    }

    /** {@code AUDIO}: the group id of the audio renditions this variant plays with. */
    public Optional<String> audioGroup() {
      return HlsAttributes.get(attributes, "AUDIO");
    }
  }

  /**
   * An {@code EXT-X-MEDIA} tag: an alternative rendition (audio, subtitles, ...) in a group.
   * {@code TYPE}, {@code GROUP-ID} and {@code NAME} are required.
   *
   * @param attributes every attribute as written, in order, quoted-strings without the quotes;
   *     unmodifiable
   */
  record Rendition(Map<String, String> attributes) {
    /** Copies the attributes and checks the required ones. */
    public Rendition {
      attributes = HlsAttributes.copyOf(attributes);
      HlsAttributes.require(attributes, "TYPE");
      HlsAttributes.require(attributes, "GROUP-ID");
      HlsAttributes.require(attributes, "NAME");
    }

    /** {@code TYPE}: {@code AUDIO}, {@code VIDEO}, {@code SUBTITLES} or {@code CLOSED-CAPTIONS}. */
    public String type() {
      return HlsAttributes.require(attributes, "TYPE");
    }

    /** {@code GROUP-ID}. */
    public String groupId() {
      return HlsAttributes.require(attributes, "GROUP-ID");
    }

    /** {@code NAME}. */
    public String name() {
      return HlsAttributes.require(attributes, "NAME");
    }

    /** {@code URI} of the rendition's media playlist; absent when muxed into the variants. */
    public Optional<String> uri() {
      return HlsAttributes.get(attributes, "URI");
    }

    /** {@code DEFAULT=YES}. */
    public boolean isDefault() {
      return "YES".equals(attributes.get("DEFAULT"));
    }

    /** {@code AUTOSELECT=YES}. */
    public boolean autoselect() {
      return "YES".equals(attributes.get("AUTOSELECT"));
    }

    /** {@code CHANNELS}, e.g. {@code 2} or {@code 16/JOC}. */
    public Optional<String> channels() {
      return HlsAttributes.get(attributes, "CHANNELS");
    }

    /** {@code LANGUAGE}. */
    public Optional<String> language() {
      return HlsAttributes.get(attributes, "LANGUAGE");
    }
  }

  /**
   * One media segment.
   *
   * @param durationSeconds the {@code EXTINF} duration
   * @param title the {@code EXTINF} title after the comma, often empty
   * @param uri the segment URI, as written
   * @param byteRange the {@code EXT-X-BYTERANGE} sub-range, offset resolved, if the segment is one
   */
  record Segment(double durationSeconds, String title, String uri, Optional<ByteRange> byteRange) {
    /** Checks the values. */
    public Segment {
      if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
        throw new IllegalArgumentException("bad segment duration " + durationSeconds);
      }
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(byteRange, "byteRange");
    }
  }

  /**
   * A byte range of a resource.
   *
   * @param length number of bytes
   * @param offset first byte, from the start of the resource
   */
  record ByteRange(long length, long offset) {
    /** Checks the values. */
    public ByteRange {
      if (length < 0 || offset < 0) {
        throw new IllegalArgumentException("bad byte range " + length + "@" + offset);
      }
    }
  }

  /**
   * A {@code RESOLUTION} value.
   *
   * @param width pixels
   * @param height pixels
   */
  record Resolution(int width, int height) {
    /** Parses {@code WxH}, e.g. {@code 1280x720}. */
    public static Resolution parse(String text) {
      int x = text.indexOf('x');
      try {
        if (x > 0) {
          return new Resolution(
              Integer.parseInt(text.substring(0, x)), Integer.parseInt(text.substring(x + 1)));
        }
      } catch (NumberFormatException e) {
        // falls through
      }
      throw new IllegalArgumentException("not a decimal-resolution: " + text);
    }

    /** Checks the values. */
    public Resolution {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("bad resolution " + width + "x" + height);
      }
    }

    @Override
    public String toString() {
      return width + "x" + height;
    }
  }
}
