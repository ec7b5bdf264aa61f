package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.Ladder;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.Segment;
import io.vodkit.spi.TranscodeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentKeyframesTest {
  private static final int SYNC = 0x02000000; // sample_depends_on = 2 (I-frame), sync
  private static final int NON_SYNC = 0x01010000; // depends on others, sample_is_non_sync_sample

  @TempDir Path dir;

  // ------------------------------------------------------------------ synthetic fragments

  @Test
  void firstSampleOfEachFragmentThatIsSyncIsAKeyframeFromTheMoofThroughItsSample() throws IOException {
    FragmentKeyframes track = FragmentKeyframes.of(ByteBuffer.wrap(init(7, 1000, 0, 0, NON_SYNC)));
    // fragment 1: dts 0, starts with a non-sync sample; fragment 2: dts 3000, starts with a keyframe
    // whose flags come from first_sample_flags, the rest from tfhd's defaults
    byte[] moof1 = moof(7, 0x20000 | 0x20, NON_SYNC, 0, 0x1 | 0x100 | 0x200, new int[] {1000, 1000}, new int[] {50, 60}, null);
    byte[] moof2 = moof(7, 0x20000 | 0x20, NON_SYNC, 3000, 0x1 | 0x4 | 0x100 | 0x200, new int[] {1000, 1000}, new int[] {70, 80}, SYNC);
    Path segment = write(concat(box("styp", new byte[8]), moof1, mdat(110), moof2, mdat(150)));

    List<Segment.Keyframe> keyframes = track.keyframes(segment);

    long moof2Start = 16 + moof1.length + 118;
    assertThat(keyframes).containsExactly(new Segment.Keyframe(moof2Start, moof2.length + 8 + 70, 3.0));
    assertThat(bytesAt(segment, moof2Start + 4, 4)).isEqualTo("moof");
  }

  @Test
  void sampleValuesFallBackToTheTrexDefaultsAndCompositionOffsetsMoveTheTime() throws IOException {
    FragmentKeyframes track = FragmentKeyframes.of(ByteBuffer.wrap(init(1, 90_000, 3000, 200, SYNC)));
    // no tfhd defaults and no per-sample sizes: 200-byte samples from trex; first sample presented at
    // dts 9000 + cto 6000, the earliest presentation of the segment is the second sample at 12000 + 0
    byte[] moof = moofWithCto(1, 9000, new int[] {6000, 0});
    Path segment = write(concat(moof, mdat(400)));

    assertThat(track.timescale()).isEqualTo(90_000);
    assertThat(track.keyframes(segment))
        .containsExactly(new Segment.Keyframe(0, moof.length + 8 + 200, (15_000 - 12_000) / 90_000.0));
  }

  @Test
  void aFragmentOfAnotherTrackGivesNoKeyframe() throws IOException {
    FragmentKeyframes track = FragmentKeyframes.of(ByteBuffer.wrap(init(2, 1000, 0, 0, SYNC)));
    byte[] moof = moof(9, 0x20000, 0, 0, 0x1 | 0x100 | 0x200, new int[] {1000}, new int[] {10}, null);
    assertThat(track.keyframes(write(concat(moof, mdat(10))))).isEmpty();
  }

  @Test
  void brokenSegmentsAreIoErrors() throws IOException {
    FragmentKeyframes track = FragmentKeyframes.of(ByteBuffer.wrap(init(1, 1000, 1000, 100, SYNC)));
    byte[] moof = moof(1, 0x20000, 0, 0, 0x1 | 0x100 | 0x200, new int[] {1000}, new int[] {100}, null);
    byte[] whole = concat(moof, mdat(100));

    // the keyframe sample runs past the end of the file
    assertThatThrownBy(() -> track.keyframes(write(Arrays.copyOf(whole, whole.length - 1))))
        .isInstanceOf(IOException.class);
    // cut inside the moof
    assertThatThrownBy(() -> track.keyframes(write(Arrays.copyOf(whole, 20))))
        .isInstanceOf(IOException.class).hasMessageContaining("bad size");
    // no movie fragment at all
    assertThatThrownBy(() -> track.keyframes(write(mdat(10))))
        .isInstanceOf(IOException.class).hasMessageContaining("no movie fragment");
    // a trun without a data offset: its data would start inside the moof
    byte[] noOffset = moof(1, 0, 0, 0, 0x100 | 0x200, new int[] {1000}, new int[] {100}, null);
    assertThatThrownBy(() -> track.keyframes(write(concat(noOffset, mdat(100)))))
        .isInstanceOf(IOException.class).hasMessageContaining("not in the fragment's data");
    // an init segment without a track
    assertThatThrownBy(() -> FragmentKeyframes.of(ByteBuffer.wrap(box("moov", new byte[0]))))
        .isInstanceOf(IOException.class);
  }

  // ------------------------------------------------------------------ a real encode

  @Test
  void everySegmentOfARealEncodeHasOneKeyframeRangeThatDecodesToOneFrame() throws IOException {
    Path source = TestMedia.clip(dir.resolve("in.mp4"), 640, 360, 30, 9, true);
    FfmpegTranscoder transcoder =
        FfmpegTranscoder.builder().ffmpegPath(TestMedia.FFMPEG).ffprobePath(TestMedia.FFPROBE).build();
    MediaInfo media = transcoder.probe(source);
    List<RungSpec> rungs = Ladder.DEFAULT.plan(media);
    Path out = dir.resolve("out");

    List<PackagedRendition> produced =
        transcoder.transcode(new TranscodeRequest(source, media, rungs, 128, Duration.ofSeconds(4), out), f -> {});

    PackagedRendition video = produced.get(0);
    assertThat(video.kind()).isEqualTo(PackagedRendition.Kind.VIDEO);
    assertThat(video.segments()).hasSize(3);
    Path rendition = out.resolve(video.name());
    long initSize = Files.size(rendition.resolve("init.mp4"));
    for (Segment s : video.segments()) {
      Path file = rendition.resolve(s.fileName());
      assertThat(s.keyframes()).as(s.fileName()).hasSize(1);
      Segment.Keyframe k = s.keyframes().get(0);
      assertThat(k.timeSeconds()).isCloseTo(0, within(1e-9));
      assertThat(k.offset() + k.length()).isLessThanOrEqualTo(Files.size(file));
      assertThat(bytesAt(file, k.offset() + 4, 4)).isEqualTo("moof");

      // ffprobe, on init + segment: the first video packet is the keyframe and ends where the range does
      Path joined = TestMedia.joined(rendition, List.of(s.fileName()), dir.resolve("joined.mp4"));
      String first = TestMedia.run(List.of(
              TestMedia.FFPROBE.toString(), "-v", "error", "-select_streams", "v:0",
              "-show_entries", "packet=pos,size,flags", "-of", "csv=p=0", joined.toString()))
          .lines().findFirst().orElseThrow();
      List<String> f = List.of(first.split(","));
      assertThat(f.get(2)).startsWith("K");
      long packetEnd = Long.parseLong(f.get(1)) + Long.parseLong(f.get(0)) - initSize;
      assertThat(k.offset() + k.length()).isEqualTo(packetEnd);

      // init + the range alone is a playable I-frame: exactly one decoded frame (the mov demuxer
      // logs "partial file" at error level for the mdat the range cuts short, hence -v fatal)
      Path iFrame = dir.resolve("iframe.mp4");
      Files.write(iFrame, concat(Files.readAllBytes(rendition.resolve("init.mp4")), slice(file, k)));
      String frames = TestMedia.run(List.of(
              TestMedia.FFPROBE.toString(), "-v", "fatal", "-count_frames", "-select_streams", "v:0",
              "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", iFrame.toString()))
          .trim();
      assertThat(frames).isEqualTo("1");
    }
    PackagedRendition audio = produced.get(produced.size() - 1);
    assertThat(audio.kind()).isEqualTo(PackagedRendition.Kind.AUDIO);
    assertThat(audio.segments()).allSatisfy(s -> assertThat(s.keyframes()).isEmpty());
  }

  // ------------------------------------------------------------------ box building

  private Path write(byte[] bytes) throws IOException {
    Path p = Files.createTempFile(dir, "seg", ".m4s");
    Files.write(p, bytes);
    return p;
  }

  private static String bytesAt(Path file, long offset, int n) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return new String(all, (int) offset, n, StandardCharsets.ISO_8859_1);
  }

  private static byte[] slice(Path file, Segment.Keyframe k) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return Arrays.copyOfRange(all, (int) k.offset(), (int) (k.offset() + k.length()));
  }

  private static byte[] init(int trackId, int timescale, int defaultDuration, int defaultSize, int defaultFlags) {
    byte[] tkhd = ints(0, 0, 0, trackId, 0);
    byte[] mdhd = ints(0, 0, 0, timescale, 0);
    byte[] trex = ints(0, trackId, 1, defaultDuration, defaultSize, defaultFlags);
    byte[] trak = box("trak", concat(box("tkhd", tkhd), box("mdia", box("mdhd", mdhd))));
    return concat(box("ftyp", new byte[8]), box("moov", concat(trak, box("mvex", box("trex", trex)))));
  }

  /** A moof with one traf and one trun holding the samples' durations and sizes. */
  private static byte[] moof(
      int trackId, int tfhdFlags, int defaultFlags, long dts, int trunFlags, int[] durations, int[] sizes,
      Integer firstFlags) {
    byte[] tfhd = (tfhdFlags & 0x20) != 0 ? ints(tfhdFlags, trackId, defaultFlags) : ints(tfhdFlags, trackId);
    byte[] tfdt = concat(ints(1 << 24), longBytes(dts));
    // data_offset is filled in once the moof's size is known: moof + mdat header
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    run.writeBytes(ints(trunFlags, durations.length));
    int dataOffsetAt = run.size();
    if ((trunFlags & 0x1) != 0) {
      run.writeBytes(ints(0));
    }
    if (firstFlags != null) {
      run.writeBytes(ints(firstFlags));
    }
    for (int i = 0; i < durations.length; i++) {
      run.writeBytes(ints(durations[i], sizes[i]));
    }
    byte[] trun = run.toByteArray();
    byte[] moof = box("moof", concat(box("mfhd", ints(0, 1)), box("traf", concat(box("tfhd", tfhd), box("tfdt", tfdt), box("trun", trun)))));
    if ((trunFlags & 0x1) != 0) {
      int trunBodyAt = moof.length - trun.length;
      ByteBuffer.wrap(moof).putInt(trunBodyAt + dataOffsetAt, moof.length + 8);
    }
    return moof;
  }

  /** Two samples with trex durations, sizes and flags, per-sample composition offsets (trun v1). */
  private static byte[] moofWithCto(int trackId, long dts, int[] ctos) {
    byte[] tfhd = ints(0x20000, trackId);
    byte[] tfdt = concat(ints(1 << 24), longBytes(dts));
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    run.writeBytes(ints((1 << 24) | 0x1 | 0x800, ctos.length, 0));
    for (int c : ctos) {
      run.writeBytes(ints(c));
    }
    byte[] trun = run.toByteArray();
    byte[] moof = box("moof", concat(box("mfhd", ints(0, 1)), box("traf", concat(box("tfhd", tfhd), box("tfdt", tfdt), box("trun", trun)))));
    ByteBuffer.wrap(moof).putInt(moof.length - trun.length + 8, moof.length + 8);
    return moof;
  }

  private static byte[] mdat(int payload) {
    return box("mdat", new byte[payload]);
  }

  private static byte[] box(String type, byte[] body) {
    return concat(ints(8 + body.length), type.getBytes(StandardCharsets.ISO_8859_1), body);
  }

  private static byte[] ints(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
