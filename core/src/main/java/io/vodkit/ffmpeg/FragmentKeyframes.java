package io.vodkit.ffmpeg;

import io.vodkit.spi.Segment;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the keyframes of the CMAF media segments of one track, as the byte ranges an HLS I-frame
 * playlist points at ({@link Segment.Keyframe}).
 *
 * <p>Built from the track's init segment (track id and timescale from {@code moov}, sample
 * defaults from {@code mvex/trex}). For each media segment it walks the top-level boxes, reads
 * only the {@code moof} boxes (the {@code mdat} payload is skipped) and, in each movie fragment,
 * follows {@code tfhd}, {@code tfdt} and every {@code trun} of the track (ISO/IEC 14496-12
 * §8.8: per-sample values, else the {@code tfhd} defaults, else the {@code trex} ones; the data
 * offset base from {@code base_data_offset}, {@code default-base-is-moof} or the preceding track
 * fragment) to the first sample's flags, position and presentation time.
 *
 * <p>A movie fragment whose first sample is a sync sample gives one keyframe: from the first byte
 * of the {@code moof} through the last byte of that sample. Apple's HLS authoring specification
 * requires an fMP4 I-frame segment to include the {@code moof} of its I-frame, so only the first
 * sample of a fragment can be an I-frame segment (a later sync sample would drag the samples before
 * it along); the segments vodkit's encoder makes are one fragment starting with an IDR frame.
 *
 * <p>Immutable and thread-safe.
 */
final class FragmentKeyframes {
  /** A movie fragment header larger than this is not something our encoder wrote. */
  static final int MAX_MOOF_BYTES = 16 * 1024 * 1024;

  private static final int BASE_DATA_OFFSET_PRESENT = 0x1;
  private static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x2;
  private static final int DEFAULT_DURATION_PRESENT = 0x8;
  private static final int DEFAULT_SIZE_PRESENT = 0x10;
  private static final int DEFAULT_FLAGS_PRESENT = 0x20;
  private static final int DEFAULT_BASE_IS_MOOF = 0x20000;

  private static final int DATA_OFFSET_PRESENT = 0x1;
  private static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x4;
  private static final int SAMPLE_DURATION_PRESENT = 0x100;
  private static final int SAMPLE_SIZE_PRESENT = 0x200;
  private static final int SAMPLE_FLAGS_PRESENT = 0x400;
  private static final int SAMPLE_CTO_PRESENT = 0x800;

  private static final int SAMPLE_IS_NON_SYNC = 0x10000;

  private final long trackId;
  private final long timescale;
  private final SampleDefaults trex;

  private FragmentKeyframes(long trackId, long timescale, SampleDefaults trex) {
    this.trackId = trackId;
    this.timescale = timescale;
    this.trex = trex;
  }

  /** Reads the first track of {@code initSegment}. */
  static FragmentKeyframes of(Path initSegment) throws IOException {
    long size = Files.size(initSegment);
    if (size > Mp4Codecs.MAX_INIT_BYTES) {
      throw new IOException(initSegment + " is too large for an init segment: " + size + " bytes");
    }
    return of(ByteBuffer.wrap(Files.readAllBytes(initSegment)));
  }

  /** Reads the first track of an init segment held in {@code init}. */
  static FragmentKeyframes of(ByteBuffer init) throws IOException {
    try {
      ByteBuffer moov = Mp4Box.child(init, "moov").orElseThrow(() -> new IOException("no moov box"));
      ByteBuffer tkhd = Mp4Box.path(moov, "trak", "tkhd").orElseThrow(() -> new IOException("no tkhd box"));
      int tkhdVersion = tkhd.get(tkhd.position()) & 0xff;
      long trackId = u32(tkhd, 4 + (tkhdVersion == 1 ? 16 : 8));
      ByteBuffer mdhd = Mp4Box.path(moov, "trak", "mdia", "mdhd").orElseThrow(() -> new IOException("no mdhd box"));
      int mdhdVersion = mdhd.get(mdhd.position()) & 0xff;
      long timescale = u32(mdhd, 4 + (mdhdVersion == 1 ? 16 : 8));
      if (timescale == 0) {
        throw new IOException("the track's timescale is 0");
      }
      SampleDefaults defaults = new SampleDefaults(0, 0, 0);
      Optional<ByteBuffer> mvex = Mp4Box.child(moov, "mvex");
      if (mvex.isPresent()) {
        ByteBuffer boxes = mvex.get().duplicate();
        Optional<Mp4Box> box;
        while ((box = Mp4Box.next(boxes)).isPresent()) {
          ByteBuffer trex = box.get().body();
          if (box.get().type().equals("trex") && u32(trex, 4) == trackId) {
            defaults = new SampleDefaults(u32(trex, 12), u32(trex, 16), trex.getInt(trex.position() + 20));
          }
        }
      }
      return new FragmentKeyframes(trackId, timescale, defaults);
    } catch (IndexOutOfBoundsException e) {
      throw new IOException("truncated box in the init segment", e);
    }
  }

  /** The track's timescale (units per second), from {@code mdhd}. */
  long timescale() {
    return timescale;
  }

  /**
   * The keyframes of one media segment of this track, in file order.
   *
   * @throws IOException when the file is not a sequence of well-formed boxes, a {@code moof} cannot
   *     be followed, or a keyframe's sample lies outside the file
   */
  List<Segment.Keyframe> keyframes(Path segment) throws IOException {
    List<Found> found = new ArrayList<>();
    long[] earliest = {Long.MAX_VALUE};
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      long fileSize = ch.size();
      long pos = 0;
      long nextDecodeTime = 0;
      boolean sawMoof = false;
      while (fileSize - pos >= 8) {
        ByteBuffer header = read(ch, pos, (int) Math.min(16, fileSize - pos));
        long size = header.getInt() & 0xffffffffL;
        String type = fourcc(header);
        int headerSize = 8;
        if (size == 1) {
          if (header.remaining() < 8) {
            throw new IOException("box '" + type + "' at " + pos + " is truncated");
          }
          size = header.getLong();
          headerSize = 16;
        } else if (size == 0) {
          size = fileSize - pos;
        }
        if (size < headerSize || size > fileSize - pos) {
          throw new IOException("box '" + type + "' at " + pos + " has a bad size " + size);
        }
        if (type.equals("moof")) {
          if (size > MAX_MOOF_BYTES) {
            throw new IOException("moof at " + pos + " is too large: " + size + " bytes");
          }
          sawMoof = true;
          ByteBuffer body = read(ch, pos + headerSize, (int) (size - headerSize));
          nextDecodeTime = fragment(body, pos, pos + size, fileSize, nextDecodeTime, found, earliest);
        }
        pos += size;
      }
      if (pos != fileSize) {
        throw new IOException(segment.getFileName() + " ends inside a box header");
      }
      if (!sawMoof) {
        throw new IOException(segment.getFileName() + " has no movie fragment (moof)");
      }
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IOException("truncated box in " + segment.getFileName(), e);
    }
    List<Segment.Keyframe> out = new ArrayList<>();
    for (Found f : found) {
      out.add(new Segment.Keyframe(f.offset(), f.length(), (double) (f.presentationTime() - earliest[0]) / timescale));
    }
    return out;
  }

  /**
   * Follows one movie fragment; adds its keyframe, if its first sample of this track is one, and
   * lowers {@code earliest} to the earliest presentation time seen. Returns the decode time after
   * its last sample of this track.
   */
  private long fragment(
      ByteBuffer moof, long moofStart, long moofEnd, long fileSize, long decodeTime, List<Found> found, long[] earliest)
      throws IOException {
    long previousTrafEnd = moofStart;
    boolean firstTraf = true;
    long nextDecodeTime = decodeTime;
    ByteBuffer boxes = moof.duplicate();
    Optional<Mp4Box> box;
    while ((box = Mp4Box.next(boxes)).isPresent()) {
      if (!box.get().type().equals("traf")) {
        continue;
      }
      ByteBuffer traf = box.get().body();
      ByteBuffer tfhd = Mp4Box.child(traf, "tfhd").orElseThrow(() -> new IOException("traf without tfhd"));
      int tfhdFlags = tfhd.getInt() & 0xffffff;
      long trafTrack = tfhd.getInt() & 0xffffffffL;
      long base;
      if ((tfhdFlags & BASE_DATA_OFFSET_PRESENT) != 0) {
        base = tfhd.getLong();
      } else if ((tfhdFlags & DEFAULT_BASE_IS_MOOF) != 0 || firstTraf) {
        base = moofStart;
      } else {
        base = previousTrafEnd;
      }
      if ((tfhdFlags & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0) {
        tfhd.getInt();
      }
      long duration = (tfhdFlags & DEFAULT_DURATION_PRESENT) != 0 ? tfhd.getInt() & 0xffffffffL : trex.duration();
      long size = (tfhdFlags & DEFAULT_SIZE_PRESENT) != 0 ? tfhd.getInt() & 0xffffffffL : trex.size();
      int flags = (tfhdFlags & DEFAULT_FLAGS_PRESENT) != 0 ? tfhd.getInt() : trex.flags();
      boolean ours = trafTrack == trackId;
      long dts = ours ? decodeTime : 0;
      Optional<ByteBuffer> tfdt = Mp4Box.child(traf, "tfdt");
      if (tfdt.isPresent()) {
        ByteBuffer t = tfdt.get();
        int version = t.get() & 0xff;
        t.position(t.position() + 3);
        dts = version == 1 ? t.getLong() : t.getInt() & 0xffffffffL;
      }
      long dataPos = base;
      boolean firstSample = true;
      ByteBuffer children = traf.duplicate();
      Optional<Mp4Box> run;
      while ((run = Mp4Box.next(children)).isPresent()) {
        if (!run.get().type().equals("trun")) {
          continue;
        }
        ByteBuffer trun = run.get().body();
        int versionAndFlags = trun.getInt();
        int version = versionAndFlags >>> 24;
        int trunFlags = versionAndFlags & 0xffffff;
        long count = trun.getInt() & 0xffffffffL;
        if ((trunFlags & DATA_OFFSET_PRESENT) != 0) {
          dataPos = base + trun.getInt();
        }
        Integer firstFlags = (trunFlags & FIRST_SAMPLE_FLAGS_PRESENT) != 0 ? trun.getInt() : null;
        int perSample = Integer.bitCount(trunFlags & 0xf00) * 4;
        if (count * perSample > trun.remaining()) {
          throw new IOException("trun declares " + count + " samples but holds fewer");
        }
        for (long i = 0; i < count; i++) {
          long d = (trunFlags & SAMPLE_DURATION_PRESENT) != 0 ? trun.getInt() & 0xffffffffL : duration;
          long s = (trunFlags & SAMPLE_SIZE_PRESENT) != 0 ? trun.getInt() & 0xffffffffL : size;
          int f = (trunFlags & SAMPLE_FLAGS_PRESENT) != 0 ? trun.getInt() : flags;
          if (i == 0 && firstFlags != null) {
            f = firstFlags;
          }
          long cto = 0;
          if ((trunFlags & SAMPLE_CTO_PRESENT) != 0) {
            cto = version == 0 ? trun.getInt() & 0xffffffffL : trun.getInt();
          }
          if (ours) {
            long pts = dts + cto;
            earliest[0] = Math.min(earliest[0], pts);
            if (firstSample && (f & SAMPLE_IS_NON_SYNC) == 0) {
              if (dataPos < moofEnd || dataPos + s > fileSize) {
                throw new IOException(
                    "keyframe sample at " + dataPos + " (" + s + " bytes) is not in the fragment's data");
              }
              found.add(new Found(moofStart, dataPos + s - moofStart, pts));
            }
          }
          firstSample = false;
          dataPos += s;
          dts += d;
        }
      }
      if (ours) {
        nextDecodeTime = dts;
      }
      previousTrafEnd = dataPos;
      firstTraf = false;
    }
    return nextDecodeTime;
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new IOException("unexpected end of file at " + (position + buf.position()));
      }
    }
    return buf.flip();
  }

  private static String fourcc(ByteBuffer b) {
    byte[] type = new byte[4];
    b.get(type);
    return new String(type, StandardCharsets.ISO_8859_1);
  }

  private static long u32(ByteBuffer b, int offset) {
    return b.getInt(b.position() + offset) & 0xffffffffL;
  }

  /** {@code trex} defaults of the track. */
  private record SampleDefaults(long duration, long size, int flags) {}

  /** A keyframe range with its presentation time in track units. */
  private record Found(long offset, long length, long presentationTime) {}
}
