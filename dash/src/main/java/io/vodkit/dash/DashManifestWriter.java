package io.vodkit.dash;

import io.vodkit.ManifestUrls;
import io.vodkit.spi.ManifestFile;
import io.vodkit.spi.ManifestWriter;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.Segment;
import io.vodkit.spi.UriPaths;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a static MPEG-DASH MPD (ISO/IEC 23009-1, live and CMAF profiles) over the same CMAF
 * segments the HLS playlists use.
 *
 * <p>{@link #master} produces {@code manifest.mpd}: one Period with a video AdaptationSet holding
 * a Representation per video rendition (ladder order) and, when the video has audio, an audio
 * AdaptationSet. Every Representation has a {@code SegmentTemplate} ({@code
 * {name}/seg_$Number%05d$.m4s} from number 0, timescale {@value #TIMESCALE}) with a {@code
 * SegmentTimeline} built from the measured segment durations, runs of equal durations compressed
 * with {@code @r}. DASH needs no per-rendition manifests, so {@link #renditionManifests} is empty.
 *
 * <p>Every number comes from the {@link PackagedRendition}s. The XML is built with the JDK DOM,
 * so it is always well-formed and escaped; names in URIs are percent-encoded. Segment files must
 * be named {@code seg_00000.m4s}, {@code seg_00001.m4s}, ... in order (what the transcoder
 * produces); anything else is an {@link IllegalArgumentException}, since the template could not
 * address it. Stateless and thread-safe.
 */
public final class DashManifestWriter implements ManifestWriter {
  /** MIME type of the MPD. */
  public static final String CONTENT_TYPE = "application/dash+xml";

  /** Path of the MPD, relative to the video's folder. */
  public static final String MASTER_PATH = ManifestUrls.DASH_MASTER;

  /** The MPD XML namespace. */
  public static final String NAMESPACE = "urn:mpeg:dash:schema:mpd:2011";

  /** {@code MPD@profiles}: ISO live profile (SegmentTemplate) and the CMAF profile. */
  public static final String PROFILES =
      "urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019";

  /** Ticks per second of every SegmentTemplate: segment boundaries are exact to the millisecond. */
  public static final long TIMESCALE = 1000;

  /** {@code MPD@minBufferTime}. */
  static final String MIN_BUFFER_TIME = "PT4S";

  /** Scheme of {@code AudioChannelConfiguration} whose value is a plain channel count. */
  static final String AUDIO_CHANNEL_SCHEME = "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";

  /** File name pattern the {@code $Number%05d$} template addresses. */
  private static final String SEGMENT_NAME = "seg_%05d.m4s";

  /** Creates a writer; it holds no state. */
  public DashManifestWriter() {}

  /** Always empty: the MPD describes every rendition itself. */
  @Override
  public List<ManifestFile> renditionManifests(PackagedVideo video) {
    return List.of();
  }

  @Override
  public ManifestFile master(PackagedVideo video) {
    return new ManifestFile(MASTER_PATH, CONTENT_TYPE, XmlOutput.toBytes(mpd(video)));
  }

  /** The MPD of {@code video} as a DOM document. */
  static Document mpd(PackagedVideo video) {
    List<PackagedRendition> videos = video.video();
    if (videos.isEmpty()) {
      throw new IllegalArgumentException("video " + video.videoId() + " has no video rendition");
    }
    Document doc = newDocument();
    Element mpd = doc.createElementNS(NAMESPACE, "MPD");
    doc.appendChild(mpd);
    mpd.setAttribute("profiles", PROFILES);
    mpd.setAttribute("type", "static");
    mpd.setAttribute("mediaPresentationDuration", DashValues.isoDuration(video.durationSeconds()));
    mpd.setAttribute("minBufferTime", MIN_BUFFER_TIME);

    Element period = child(mpd, "Period");
    period.setAttribute("id", "0");
    period.setAttribute("start", "PT0S");
    videoAdaptationSet(period, videos);
    video.audio().ifPresent(a -> audioAdaptationSet(period, a));
    return doc;
  }

  private static void videoAdaptationSet(Element period, List<PackagedRendition> videos) {
    Element set = child(period, "AdaptationSet");
    set.setAttribute("id", "0");
    set.setAttribute("contentType", "video");
    set.setAttribute("mimeType", "video/mp4");
    set.setAttribute("segmentAlignment", "true");
    set.setAttribute("startWithSAP", "1");
    int maxWidth = videos.stream().mapToInt(PackagedRendition::width).max().orElse(0);
    int maxHeight = videos.stream().mapToInt(PackagedRendition::height).max().orElse(0);
    set.setAttribute("maxWidth", Integer.toString(maxWidth));
    set.setAttribute("maxHeight", Integer.toString(maxHeight));
    Optional<PackagedRendition> fastest = videos.stream()
        .filter(r -> r.frameRate() > 0)
        .max(Comparator.comparingDouble(PackagedRendition::frameRate));
    fastest.ifPresent(r -> set.setAttribute("maxFrameRate", DashValues.frameRate(r.frameRate())));
    for (PackagedRendition r : videos) {
      Element rep = representation(set, r);
      rep.setAttribute("width", Integer.toString(r.width()));
      rep.setAttribute("height", Integer.toString(r.height()));
      if (r.frameRate() > 0) {
        rep.setAttribute("frameRate", DashValues.frameRate(r.frameRate()));
      }
      segmentTemplate(rep, r);
    }
  }

  private static void audioAdaptationSet(Element period, PackagedRendition audio) {
    Element set = child(period, "AdaptationSet");
    set.setAttribute("id", "1");
    set.setAttribute("contentType", "audio");
    set.setAttribute("mimeType", "audio/mp4");
    set.setAttribute("lang", "und");
    set.setAttribute("segmentAlignment", "true");
    set.setAttribute("startWithSAP", "1");
    Element rep = representation(set, audio);
    if (audio.audioSampleRate() > 0) {
      rep.setAttribute("audioSamplingRate", Integer.toString(audio.audioSampleRate()));
    }
    if (audio.audioChannels() > 0) {
      Element channels = child(rep, "AudioChannelConfiguration");
      channels.setAttribute("schemeIdUri", AUDIO_CHANNEL_SCHEME);
      channels.setAttribute("value", Integer.toString(audio.audioChannels()));
    }
    segmentTemplate(rep, audio);
  }

  /** A Representation with the attributes video and audio share. */
  private static Element representation(Element set, PackagedRendition r) {
    if (r.name().isEmpty() || r.name().codePoints().anyMatch(DashManifestWriter::isSpace)) {
      throw new IllegalArgumentException("rendition name cannot be a Representation@id: '" + r.name() + "'");
    }
    Element rep = child(set, "Representation");
    rep.setAttribute("id", r.name());
    rep.setAttribute("bandwidth", Long.toString(r.bandwidthBps()));
    if (!r.codecs().isBlank()) {
      rep.setAttribute("codecs", r.codecs());
    }
    return rep;
  }

  private static void segmentTemplate(Element rep, PackagedRendition r) {
    List<Segment> segments = r.segments();
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("rendition " + r.name() + " has no segments");
    }
    for (int i = 0; i < segments.size(); i++) {
      String expected = String.format(Locale.ROOT, SEGMENT_NAME, i);
      if (!segments.get(i).fileName().equals(expected)) {
        throw new IllegalArgumentException("rendition " + r.name() + ": segment " + i + " is "
            + segments.get(i).fileName() + ", the SegmentTemplate addresses " + expected);
      }
    }
    String folder = UriPaths.segment(r.name()) + "/";
    Element template = child(rep, "SegmentTemplate");
    template.setAttribute("timescale", Long.toString(TIMESCALE));
    template.setAttribute("initialization", folder + UriPaths.segment(r.initSegment()));
    template.setAttribute("media", folder + "seg_$Number%05d$.m4s");
    template.setAttribute("startNumber", "0");
    Element timeline = child(template, "SegmentTimeline");
    boolean first = true;
    for (SegmentTimeline.Run run : SegmentTimeline.of(segments, TIMESCALE).runs()) {
      Element s = child(timeline, "S");
      if (first) {
        s.setAttribute("t", "0");
        first = false;
      }
      s.setAttribute("d", Long.toString(run.duration()));
      if (run.repeat() > 0) {
        s.setAttribute("r", Integer.toString(run.repeat()));
      }
    }
  }

  private static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  private static Element child(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
    parent.appendChild(e);
    return e;
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document doc = factory.newDocumentBuilder().newDocument();
      doc.setXmlStandalone(true);
      return doc;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser is not configured", e);
    }
  }
}
