package io.vodkit.ffmpeg;

import io.vodkit.VodkitException;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.bramp.ffmpeg.builder.FFprobeBuilder;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import org.apache.commons.lang3.math.Fraction;

/**
 * Turns what ffmpeg wrote into {@link PackagedRendition}s, measured from the files.
 *
 * <p>Per rendition folder: segment durations from the {@code #EXTINF} values of ffmpeg's own
 * variant playlist (which is then deleted: vodkit's manifest writers produce the real ones), the
 * init segment renamed to {@code init.mp4} (with several variants ffmpeg names it {@code
 * init_N.mp4}), sizes from the files, {@code CODECS} from the init segment's sample entry ({@link
 * Mp4Codecs}), and picture size, frame rate, sample rate and channels from ffprobe run on the init
 * segment followed by the first media segment. For video, each segment's keyframes (the byte
 * ranges of HLS I-frame playlists) from its movie fragments ({@link FragmentKeyframes}).
 *
 * <p>Bandwidth: {@code bandwidthBps} is the peak over segments of {@code size × 8 / duration};
 * a final segment shorter than 1 s is left out of the peak (a tiny tail makes a meaningless
 * rate), unless it is the only segment. {@code averageBandwidthBps} is all segment bits over the
 * total duration. Init segments are not counted.
 *
 * <p>Thread-safe; works only on the folders it is given.
 */
final class SegmentMeasurer {
  private static final Pattern MAP = Pattern.compile("#EXT-X-MAP:.*URI=\"([^\"]+)\".*");
  private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9]+(?:\\.[0-9]+)?)\\s*,.*");
  private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final double PEAK_MIN_SEGMENT_SECONDS = 1.0;

  private final FfprobeRunner ffprobe;

  SegmentMeasurer(FfprobeRunner ffprobe) {
    this.ffprobe = ffprobe;
  }

  /** Video renditions in rung order, then audio (its target bitrate is the AAC bitrate asked for). */
  List<PackagedRendition> measure(LadderCommand command, List<RungSpec> rungs, int audioBitrateKbps) {
    List<PackagedRendition> out = new ArrayList<>();
    for (RungSpec rung : rungs) {
      out.add(measure(command.workingDir().resolve(rung.name()), rung, command.frameRate(), 0));
    }
    if (command.audio()) {
      out.add(measure(command.workingDir().resolve(LadderCommand.AUDIO), null, null, audioBitrateKbps));
    }
    return out;
  }

  private PackagedRendition measure(Path dir, RungSpec rung, OutputFrameRate plannedRate, int audioKbps) {
    String name = dir.getFileName().toString();
    try {
      Playlist playlist = Playlist.read(dir.resolve(LadderCommand.PLAYLIST));
      if (playlist.segments().isEmpty()) {
        throw VodkitException.transcode("ffmpeg produced no segments for " + name, true, null);
      }
      Path init = dir.resolve(LadderCommand.INIT);
      if (!playlist.init().equals(LadderCommand.INIT)) {
        Files.move(dir.resolve(playlist.init()), init, StandardCopyOption.REPLACE_EXISTING);
      }
      FragmentKeyframes keyframes = rung != null ? FragmentKeyframes.of(init) : null;
      List<Segment> segments = new ArrayList<>();
      for (int i = 0; i < playlist.segments().size(); i++) {
        String file = playlist.segments().get(i);
        Path path = dir.resolve(file);
        segments.add(new Segment(
            file, playlist.durations().get(i), Files.size(path),
            keyframes != null ? keyframes.keyframes(path) : List.of()));
      }
      Files.delete(dir.resolve(LadderCommand.PLAYLIST));
      String codecs = Mp4Codecs.codecs(init);
      FFmpegStream stream = probe(dir, segments.get(0).fileName());
      if (rung != null) {
        double fps = rate(stream.getAvgFrameRate());
        if (fps <= 0) {
          fps = rate(stream.getRFrameRate());
        }
        return new PackagedRendition(
            name, PackagedRendition.Kind.VIDEO, stream.getWidth(), stream.getHeight(),
            fps > 0 && fps <= 1000 ? fps : plannedRate.value(), codecs, rung.bitrateKbps(),
            peakBps(segments), averageBps(segments), 0, 0, LadderCommand.INIT, segments);
      }
      return new PackagedRendition(
          name, PackagedRendition.Kind.AUDIO, 0, 0, 0, codecs, audioKbps, peakBps(segments), averageBps(segments),
          stream.getSampleRate(), stream.getChannels(), LadderCommand.INIT, segments);
    } catch (IOException e) {
      throw VodkitException.transcode("cannot measure rendition " + name + ": " + e.getMessage(), true, e);
    }
  }

  /** ffprobe on {@code init.mp4} + the first segment, as one byte stream. */
  private FFmpegStream probe(Path dir, String firstSegment) throws IOException {
    FFprobeBuilder builder =
        new FFprobeBuilder()
            .setInput("concat:" + LadderCommand.INIT + "|" + firstSegment)
            .setShowStreams(true)
            .setShowFormat(false)
            .addExtraArgs("-protocol_whitelist", "concat,file");
    try {
      FFmpegProbeResult result = ffprobe.run(builder, dir);
      if (result.getStreams() == null || result.getStreams().isEmpty()) {
        throw new IOException("ffprobe found no stream in " + dir.getFileName());
      }
      return result.getStreams().get(0);
    } catch (FfprobeRunner.Failure f) {
      throw new IOException("ffprobe of the produced " + dir.getFileName() + " failed: " + f.getMessage(), f);
    }
  }

  /** Peak segment bitrate; a short final segment does not count unless it is alone. */
  static long peakBps(List<Segment> segments) {
    double peak = 0;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      boolean shortTail = i == segments.size() - 1 && i > 0 && s.durationSeconds() < PEAK_MIN_SEGMENT_SECONDS;
      if (!shortTail && s.durationSeconds() > 0) {
        peak = Math.max(peak, s.sizeBytes() * 8.0 / s.durationSeconds());
      }
    }
    return (long) Math.ceil(peak);
  }

  /** All segment bits over the total duration. */
  static long averageBps(List<Segment> segments) {
    double seconds = segments.stream().mapToDouble(Segment::durationSeconds).sum();
    long bytes = segments.stream().mapToLong(Segment::sizeBytes).sum();
    return seconds > 0 ? (long) Math.ceil(bytes * 8.0 / seconds) : 0;
  }

  private static double rate(Fraction f) {
    return f == null || f.getDenominator() == 0 ? 0 : f.doubleValue();
  }

  /**
   * The parts of an ffmpeg media playlist we use.
   *
   * @param init the {@code #EXT-X-MAP} URI
   * @param segments segment file names in order
   * @param durations their {@code #EXTINF} durations
   */
  record Playlist(String init, List<String> segments, List<Double> durations) {
    static Playlist read(Path file) throws IOException {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Playlist parse(List<String> lines) throws IOException {
      String init = null;
      List<String> segments = new ArrayList<>();
      List<Double> durations = new ArrayList<>();
      Double pending = null;
      for (String raw : lines) {
        String line = raw.trim();
        Matcher m;
        if ((m = MAP.matcher(line)).matches()) {
          init = safe(m.group(1));
        } else if ((m = EXTINF.matcher(line)).matches()) {
          pending = Double.parseDouble(m.group(1));
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          if (pending == null) {
            throw new IOException("segment without #EXTINF: " + line);
          }
          segments.add(safe(line));
          durations.add(pending);
          pending = null;
        }
      }
      if (init == null) {
        throw new IOException("no #EXT-X-MAP in ffmpeg's playlist");
      }
      return new Playlist(init, segments, durations);
    }

    /** ffmpeg writes plain file names next to the playlist; anything else is not ours. */
    private static String safe(String name) throws IOException {
      if (!SAFE_FILE.matcher(name).matches() || name.startsWith(".")) {
        throw new IOException("unexpected file name in ffmpeg's playlist: " + name);
      }
      return name;
    }
  }
}
