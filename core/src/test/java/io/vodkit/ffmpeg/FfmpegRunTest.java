package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import org.junit.jupiter.api.Test;

class FfmpegRunTest {

  @Test
  void inputErrorsAreMediaRejections() {
    VodkitException e =
        FfmpegRun.failure(1, "[h264 @ 0x55] Invalid NAL unit size (31092 > 10040). | Error while decoding stream #0:0: Invalid data found when processing input");
    assertThat(e).isInstanceOf(MediaRejectedException.class);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("exited with code 1").contains("Invalid NAL unit size");
    assertThat(FfmpegRun.failure(1, "[hls @ 0x1] Format not on whitelist 'mov,...' | in: Invalid argument"))
        .isInstanceOf(MediaRejectedException.class);
  }

  @Test
  void resourceErrorsAreRetryableEvenWithDecodeNoise() {
    VodkitException e =
        FfmpegRun.failure(1, "Error while decoding stream #0:0 | 360p/seg_00003.m4s: No space left on device");
    assertThat(e).isNotInstanceOf(MediaRejectedException.class);
    assertThat(e.code()).isEqualTo(ErrorCode.TRANSCODE_FAILED);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void missingEncoderIsConfiguration() {
    VodkitException e = FfmpegRun.failure(1, "Unknown encoder 'libx265'");
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void anythingElseIsARetryableTranscodeFailure() {
    VodkitException e = FfmpegRun.failure(1, "");
    assertThat(e.code()).isEqualTo(ErrorCode.TRANSCODE_FAILED);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aCrashIsAMediaRejectionButAKillFromOutsideIsRetried() {
    VodkitException segv = FfmpegRun.failure(128 + 11, "");
    assertThat(segv).isInstanceOf(MediaRejectedException.class);
    assertThat(segv.getMessage()).contains("crashed on the source (signal 11)");
    VodkitException oom = FfmpegRun.failure(128 + 9, "[h264 @ 0x1] Invalid data found when processing input");
    assertThat(oom).isNotInstanceOf(MediaRejectedException.class);
    assertThat(oom.isRetryable()).isTrue();
    assertThat(oom.getMessage()).contains("killed by signal 9");
  }
}
