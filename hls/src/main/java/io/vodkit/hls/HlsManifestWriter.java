package io.vodkit.hls;

import io.vodkit.ManifestUrls;
import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.ManifestWriter;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.Segment;
import io.vodkit.spi.UriPaths;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes HLS (RFC 8216, protocol version 7) playlists over the CMAF renditions of a video.
 *
 * <ul>
 *   <li>{@link #renditionManifests}: one VOD media playlist per rendition, video and audio alike,
 *       at {@code {name}/playlist.m3u8}, with {@code EXT-X-MAP} pointing at the init segment; and,
 *       for each video rendition whose segments carry measured keyframes, an I-frame playlist at
 *       {@code {name}/iframes.m3u8} ({@code EXT-X-I-FRAMES-ONLY}, the same {@code EXT-X-MAP}, one
 *       {@code EXTINF} + {@code EXT-X-BYTERANGE} per keyframe into the same segment files: the
 *       {@code moof} through the keyframe sample, see {@link Segment.Keyframe}).
 *   <li>{@link #master}: {@code manifest.m3u8}, one {@code EXT-X-STREAM-INF} per video rendition
 *       in ladder order (lowest first) and, when the video has audio, one {@code EXT-X-MEDIA} audio
 *       rendition in group {@value #AUDIO_GROUP} that every variant references; then one {@code
 *       EXT-X-I-FRAME-STREAM-INF} per I-frame playlist, its {@code BANDWIDTH} the peak segment bit
 *       rate of the I-frames (RFC 8216 §4.3.4.2–§4.3.4.3) and {@code AVERAGE-BANDWIDTH} their mean.
 * </ul>
 *
 * <p>Every number (durations, bandwidths, resolution, frame rate, codecs, channels) comes from
 * the {@link PackagedRendition}s. Values HLS cannot represent (a quote in a codecs string, say)
 * are rejected with {@link IllegalArgumentException}; names in URIs are percent-encoded.
 * Stateless and thread-safe.
 */
public final class HlsManifestWriter implements ManifestWriter {
  /** MIME type of every playlist this writer produces. */
  public static final String CONTENT_TYPE = "application/vnd.apple.mpegurl";

  /** Path of the master playlist, relative to the video's folder. */
  public static final String MASTER_PATH = ManifestUrls.HLS_MASTER;

  /** File name of each rendition's media playlist inside the rendition's folder. */
  public static final String MEDIA_PLAYLIST = "playlist.m3u8";

  /** File name of each video rendition's I-frame playlist inside the rendition's folder. */
  public static final String IFRAME_PLAYLIST = "iframes.m3u8";

  /** {@code GROUP-ID} of the audio rendition and {@code AUDIO} of every variant. */
  public static final String AUDIO_GROUP = "aud";

  /** The {@code EXT-X-VERSION} written: 7 covers EXT-X-MAP in media playlists of CMAF segments. */
  public static final int VERSION = 7;

  /** Creates a writer; it holds no state. */
  public HlsManifestWriter() {}

  @Override
  public List<ManifestFile> renditionManifests(PackagedVideo video) {
    List<ManifestFile> files = new ArrayList<>();
    for (PackagedRendition r : video.renditions()) {
      files.add(file(mediaPlaylistPath(r), mediaPlaylist(r)));
    }
    for (PackagedRendition r : video.video()) {
      IFramePlaylist iFrames = IFramePlaylist.of(r);
      if (!iFrames.isEmpty()) {
        files.add(file(iFramePlaylistPath(r), iFramePlaylist(r, iFrames)));
      }
    }
    return files;
  }

  @Override
  public ManifestFile master(PackagedVideo video) {
    return file(MASTER_PATH, masterPlaylist(video));
  }

  /** Where the media playlist of {@code rendition} goes, relative to the video's folder. */
  public static String mediaPlaylistPath(PackagedRendition rendition) {
    return rendition.name() + "/" + MEDIA_PLAYLIST;
  }

  /** Where the I-frame playlist of a video {@code rendition} goes, relative to the video's folder. */
  public static String iFramePlaylistPath(PackagedRendition rendition) {
    return rendition.name() + "/" + IFRAME_PLAYLIST;
  }

  static String masterPlaylist(PackagedVideo video) {
    List<PackagedRendition> variants = video.video();
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("video " + video.videoId() + " has no video rendition");
    }
    Optional<PackagedRendition> audio = video.audio();
    StringBuilder out = new StringBuilder();
    line(out, "#EXTM3U");
    line(out, "#EXT-X-VERSION:" + VERSION);
    line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
    audio.ifPresent(a -> line(out, "#EXT-X-MEDIA:" + audioMedia(a)));
    for (PackagedRendition v : variants) {
      line(out, "#EXT-X-STREAM-INF:" + streamInf(v, audio));
      line(out, uriOf(v));
    }
    for (PackagedRendition v : variants) {
      IFramePlaylist iFrames = IFramePlaylist.of(v);
      if (!iFrames.isEmpty()) {
        line(out, "#EXT-X-I-FRAME-STREAM-INF:" + iFrameStreamInf(v, iFrames));
      }
    }
    return out.toString();
  }

  static String mediaPlaylist(PackagedRendition rendition) {
    List<Segment> segments = rendition.segments();
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("rendition " + rendition.name() + " has no segments");
    }
    StringBuilder out = new StringBuilder();
    line(out, "#EXTM3U");
    line(out, "#EXT-X-VERSION:" + VERSION);
    line(out, "#EXT-X-TARGETDURATION:" + targetDuration(segments));
    line(out, "#EXT-X-MEDIA-SEQUENCE:0");
    line(out, "#EXT-X-PLAYLIST-TYPE:VOD");
    line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
    line(out, "#EXT-X-MAP:" + new AttributeListWriter()
        .quoted("URI", UriPaths.segment(rendition.initSegment())).build());
    for (Segment s : segments) {
      line(out, "#EXTINF:" + extinf(s.durationSeconds()) + ",");
      line(out, UriPaths.segment(s.fileName()));
    }
    line(out, "#EXT-X-ENDLIST");
    return out.toString();
  }

  static String iFramePlaylist(PackagedRendition rendition, IFramePlaylist iFrames) {
    StringBuilder out = new StringBuilder();
    line(out, "#EXTM3U");
    line(out, "#EXT-X-VERSION:" + VERSION);
    line(out, "#EXT-X-TARGETDURATION:" + targetDurationOf(iFrames.durations()));
    line(out, "#EXT-X-MEDIA-SEQUENCE:0");
    line(out, "#EXT-X-PLAYLIST-TYPE:VOD");
    line(out, "#EXT-X-I-FRAMES-ONLY");
    line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
    line(out, "#EXT-X-MAP:" + new AttributeListWriter()
        .quoted("URI", UriPaths.segment(rendition.initSegment())).build());
    for (IFramePlaylist.Entry e : iFrames.entries()) {
      line(out, "#EXTINF:" + extinf(e.durationSeconds()) + ",");
      line(out, "#EXT-X-BYTERANGE:" + e.length() + "@" + e.offset());
      line(out, UriPaths.segment(e.fileName()));
    }
    line(out, "#EXT-X-ENDLIST");
    return out.toString();
  }

  /**
   * The {@code EXT-X-TARGETDURATION} for {@code segments}: the smallest integer that every
   * {@code EXTINF} as written (3 decimals), rounded to the nearest integer (halves up), does not
   * exceed (RFC 8216 §4.3.3.1); at least 1.
   */
  static long targetDuration(List<Segment> segments) {
    return targetDurationOf(segments.stream().map(Segment::durationSeconds).toList());
  }

  /** {@link #targetDuration} of plain durations in seconds. */
  static long targetDurationOf(List<Double> durations) {
    long target = 1;
    for (double seconds : durations) {
      long rounded = new BigDecimal(extinf(seconds))
          .setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
      target = Math.max(target, rounded);
    }
    return target;
  }

  /** A segment duration as written after {@code #EXTINF:}, with 3 decimals. */
  static String extinf(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("segment duration must be finite and >= 0: " + seconds);
    }
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  private static String audioMedia(PackagedRendition audio) {
    AttributeListWriter attrs = new AttributeListWriter()
        .enumerated("TYPE", "AUDIO")
        .quoted("GROUP-ID", AUDIO_GROUP)
        .quoted("NAME", "default")
        .enumerated("DEFAULT", "YES")
        .enumerated("AUTOSELECT", "YES");
    if (audio.audioChannels() > 0) {
      attrs.quoted("CHANNELS", Integer.toString(audio.audioChannels()));
    }
    return attrs.quoted("URI", uriOf(audio)).build();
  }

  private static String streamInf(PackagedRendition video, Optional<PackagedRendition> audio) {
    long peak = video.bandwidthBps() + audio.map(PackagedRendition::bandwidthBps).orElse(0L);
    AttributeListWriter attrs = new AttributeListWriter().integer("BANDWIDTH", peak);
    boolean averageKnown =
        video.averageBandwidthBps() > 0 && audio.map(a -> a.averageBandwidthBps() > 0).orElse(true);
    if (averageKnown) {
      long average =
          video.averageBandwidthBps() + audio.map(PackagedRendition::averageBandwidthBps).orElse(0L);
      attrs.integer("AVERAGE-BANDWIDTH", average);
    }
    if (video.width() > 0 && video.height() > 0) {
      attrs.resolution("RESOLUTION", video.width(), video.height());
    }
    if (video.frameRate() > 0) {
      attrs.decimal("FRAME-RATE", video.frameRate(), 3);
    }
    String codecs = Stream.concat(Stream.of(video), audio.stream())
        .map(PackagedRendition::codecs)
        .filter(c -> !c.isBlank())
        .collect(Collectors.joining(","));
    if (!codecs.isEmpty()) {
      attrs.quoted("CODECS", codecs);
    }
    audio.ifPresent(a -> attrs.quoted("AUDIO", AUDIO_GROUP));
    return attrs.build();
  }

  /** RFC 8216 §4.3.4.3: the EXT-X-STREAM-INF attributes but FRAME-RATE and AUDIO, plus URI. */
  private static String iFrameStreamInf(PackagedRendition video, IFramePlaylist iFrames) {
    long target = targetDurationOf(iFrames.durations());
    AttributeListWriter attrs = new AttributeListWriter()
        .integer("BANDWIDTH", iFrames.peakBandwidth(target))
        .integer("AVERAGE-BANDWIDTH", iFrames.averageBandwidth());
    if (video.width() > 0 && video.height() > 0) {
      attrs.resolution("RESOLUTION", video.width(), video.height());
    }
    if (!video.codecs().isBlank()) {
      attrs.quoted("CODECS", video.codecs());
    }
    return attrs.quoted("URI", UriPaths.segment(video.name()) + "/" + IFRAME_PLAYLIST).build();
  }

  private static String uriOf(PackagedRendition rendition) {
    return UriPaths.segment(rendition.name()) + "/" + MEDIA_PLAYLIST;
  }

  private static void line(StringBuilder out, String line) {
    out.append(line).append('\n');
  }

  private static ManifestFile file(String path, String text) {
    return new ManifestFile(path, CONTENT_TYPE, text.getBytes(StandardCharsets.UTF_8));
  }
}
