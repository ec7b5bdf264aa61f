package io.vodkit.examples;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.Transcoder;
import java.nio.file.Path;
import java.util.List;

/**
 * Test double: probes with the real ffmpeg, but runs {@code encode} instead of encoding, so a test
 * can make the encode fail, hang or count its calls.
 */
final class ProbingTranscoder implements Transcoder {
  /** What the double does in place of encoding. */
  @FunctionalInterface
  interface Encode {
    List<PackagedRendition> run(TranscodeRequest request) throws InterruptedException;
  }

  private final Transcoder real = FfmpegTranscoder.onPath();
  private final Encode encode;

  ProbingTranscoder(Encode encode) {
    this.encode = encode;
  }

  @Override
  public void screen(byte[] firstBytes) {
    real.screen(firstBytes);
  }

  @Override
  public MediaInfo probe(Path source) {
    return real.probe(source);
  }

  @Override
  public List<PackagedRendition> transcode(TranscodeRequest request, ProgressListener progress) {
    try {
      return encode.run(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VodkitException(ErrorCode.CANCELLED, "interrupted", false, null, e);
    }
  }
}
