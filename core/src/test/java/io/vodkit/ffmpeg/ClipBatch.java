package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many small generated clips from ONE ffmpeg process (one lavfi input per stream, one output per
 * clip): each ffmpeg start costs about 0.3 s of CPU on Debian (215 shared libraries), far more
 * than encoding a 1 s 320x180 clip, so batching keeps the corpus quick.
 */
final class ClipBatch {
  /** The default video encoding of a clip. */
  static final List<String> X264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");

  /**
   * One clip.
   *
   * @param name file name, its extension picks the container
   * @param video lavfi graph of the video input, null for none
   * @param audio lavfi graph of the audio input, null for none
   * @param args output options (codecs, filters, muxer flags)
   */
  record Clip(String name, String video, String audio, List<String> args) {
    /** A {@code testsrc2} clip encoded with {@link #X264} (+ AAC), then {@code extra} options. */
    static Clip of(String name, int w, int h, int fps, double seconds, boolean audio, String... extra) {
      List<String> args = new ArrayList<>(X264);
      if (audio) {
        args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
      }
      args.addAll(Arrays.asList(extra));
      return new Clip(
          name,
          "testsrc2=size=" + w + "x" + h + ":rate=" + fps + ":duration=" + seconds,
          audio ? "sine=frequency=440:sample_rate=44100:duration=" + seconds : null,
          args);
    }
  }

  private ClipBatch() {}

  /** Writes every clip into {@code dir} with one ffmpeg run. */
  static void make(Path dir, List<Clip> clips) throws IOException {
    List<String> args = new ArrayList<>();
    for (Clip c : clips) {
      for (String graph : new String[] {c.video(), c.audio()}) {
        if (graph != null) {
          args.addAll(List.of("-f", "lavfi", "-i", graph));
        }
      }
    }
    int input = 0;
    for (Clip c : clips) {
      for (String graph : new String[] {c.video(), c.audio()}) {
        if (graph != null) {
          args.addAll(List.of("-map", input++ + ":0"));
        }
      }
      args.addAll(c.args());
      args.add(dir.resolve(c.name()).toString());
    }
    TestMedia.ffmpeg(args.toArray(String[]::new));
  }
}
