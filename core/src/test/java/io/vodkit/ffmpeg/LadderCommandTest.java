package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.TranscodeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderCommandTest {
  private static final MediaInfo SOURCE =
      new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 10, 1280, 720, 30, "h264", true, 7_000_000, 9_000_000);
  private static final List<RungSpec> TWO_RUNGS =
      List.of(
          new RungSpec("360p", 640, 360, "h264", "baseline", 400),
          new RungSpec("720p", 1280, 720, "h264", "main", 2500));
  private static final LadderCommand.EncoderOptions VERYFAST = new LadderCommand.EncoderOptions("veryfast", 0);

  private static LadderCommand build(TranscodeRequest request, LadderCommand.EncoderOptions options, SdrConversion sdr) {
    return LadderCommand.build(Path.of("/usr/bin/ffmpeg"), request, options, SourceLimits.DEFAULT, sdr);
  }

  @Test
  void twoRungsAndAudioInOneProcessReadingTheSourceUnderTheGuards() {
    TranscodeRequest request =
        new TranscodeRequest(
            Path.of("/data/in/source"), SOURCE, TWO_RUNGS, 128, Duration.ofSeconds(4), Path.of("/data/out"));
    LadderCommand c = build(request, VERYFAST, SdrConversion.NONE);
    assertThat(c.workingDir()).isEqualTo(Path.of("/data/out"));
    assertThat(c.videoNames()).containsExactly("360p", "720p");
    assertThat(c.audio()).isTrue();
    assertThat(c.args())
        .containsExactly(
            "/usr/bin/ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning",
            "-progress", "pipe:1", "-y",
            "-max_alloc", "536870912",
            "-protocol_whitelist", "file",
            "-format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mxf,ogg",
            "-probesize", "10000000", "-analyzeduration", "10000000", "-max_streams", "64",
            "-max_pixels", "67108864",
            "-i", "file:/data/in/source",
            "-filter_complex",
            "[0:V:0]fps=30,split=2[s0][s1];[s0]scale=640:360,setsar=1,format=yuv420p[v0];"
                + "[s1]scale=1280:720,setsar=1,format=yuv420p[v1]",
            "-map", "[v0]", "-map", "[v1]", "-map", "0:a:0",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-c:v:0", "libx264", "-preset:v:0", "veryfast", "-profile:v:0", "baseline",
            "-b:v:0", "400k", "-maxrate:v:0", "440k", "-bufsize:v:0", "800k",
            "-g:v:0", "120", "-keyint_min:v:0", "120", "-sc_threshold:v:0", "0", "-flags:v:0", "+cgop",
            "-forced-idr:v:0", "1", "-x264-params:v:0", "scenecut=0:open_gop=0",
            "-c:v:1", "libx264", "-preset:v:1", "veryfast", "-profile:v:1", "main",
            "-b:v:1", "2500k", "-maxrate:v:1", "2750k", "-bufsize:v:1", "5000k",
            "-g:v:1", "120", "-keyint_min:v:1", "120", "-sc_threshold:v:1", "0", "-flags:v:1", "+cgop",
            "-forced-idr:v:1", "1", "-x264-params:v:1", "scenecut=0:open_gop=0",
            "-force_key_frames:v", "expr:gte(t,n_forced*4)",
            "-c:a:0", "aac", "-profile:a:0", "aac_low", "-b:a:0", "128k", "-ac:a:0", "2", "-ar:a:0", "48000",
            "-max_muxing_queue_size", "1024", "-t", "12",
            "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
            "-hls_fmp4_init_filename", "init.mp4", "-hls_flags", "independent_segments",
            "-hls_segment_filename", "%v/seg_%05d.m4s",
            "-var_stream_map", "v:0,name:360p v:1,name:720p a:0,name:audio",
            "%v/ffmpeg.m3u8");
  }

  @Test
  void hevcRungNoAudioThreadsAndFractionalSegments() {
    MediaInfo silent = new MediaInfo("matroska,webm", 10, 1920, 1080, 29.97, "vp9", false, 0, 1);
    TranscodeRequest request =
        new TranscodeRequest(
            Path.of("/in"), silent, List.of(new RungSpec("4K", 256, 144, "h265", "main", 300)), 128,
            Duration.ofMillis(2500), Path.of("/out"));
    LadderCommand c = build(request, new LadderCommand.EncoderOptions("fast", 2), SdrConversion.NONE);
    String joined = String.join(" ", c.args());
    assertThat(c.audio()).isFalse();
    assertThat(joined)
        .contains("[0:V:0]fps=30000/1001,split=1[s0];[s0]scale=256:144,setsar=1,format=yuv420p[v0]")
        .contains("-c:v:0 libx265 -tag:v:0 hvc1 -preset:v:0 fast -profile:v:0 main")
        .contains("-x265-params:v:0 log-level=error:scenecut=0:open-gop=0:keyint=75:min-keyint=75")
        .contains("-force_key_frames:v expr:gte(t,n_forced*2.5)")
        .contains("-threads 2")
        .contains("-hls_time 2.5")
        .contains("-var_stream_map v:0,name:4K %v/ffmpeg.m3u8")
        .doesNotContain("0:a:0")
        .doesNotContain("aac")
        .doesNotContain("-color_primaries");
  }

  @Test
  void anHdrSourceIsToneMappedOnceBeforeTheSplitAndTaggedBt709() {
    VideoFacts hdr10 = new VideoFacts("yuv420p10le", 10, "smpte2084", "bt2020", "bt2020nc");
    TranscodeRequest request =
        new TranscodeRequest(Path.of("/in"), SOURCE, TWO_RUNGS, 128, Duration.ofSeconds(4), Path.of("/out"));
    LadderCommand c = build(request, VERYFAST, SdrConversion.forSource(hdr10, true));
    String joined = String.join(" ", c.args());
    assertThat(joined)
        .contains(
            "[0:V:0]fps=30,zscale=tin=smpte2084:pin=bt2020:min=bt2020nc:t=linear:npl=100,format=gbrpf32le,"
                + "zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p,"
                + "split=2[s0][s1];")
        .contains("-color_primaries:v bt709 -color_trc:v bt709 -colorspace:v bt709 -color_range:v tv");
  }

  @Test
  void theOutputIsCappedJustPastTheDeclaredDuration() {
    assertThat(LadderCommand.outputCap(10)).isEqualTo("12");
    assertThat(LadderCommand.outputCap(3600)).isEqualTo("3672");
    assertThat(LadderCommand.outputCap(1.2345)).isEqualTo("3.235");
  }

  @Test
  void refusesNamesThatWouldBreakTheStreamMapOrTheFolders() {
    // RungSpec itself refuses unsafe names; the command checks again for specs built elsewhere
    for (String bad : List.of("audio", "a b", "../x", "name,agroup:x")) {
      assertThatThrownBy(() -> new RungSpec(bad, 640, 360, "h264", "main", 400))
          .isInstanceOf(IllegalArgumentException.class);
    }
    TranscodeRequest duplicate =
        new TranscodeRequest(
            Path.of("/in"), SOURCE,
            List.of(new RungSpec("x", 640, 360, "h264", "main", 400), new RungSpec("x", 640, 360, "h264", "main", 400)),
            128, Duration.ofSeconds(4), Path.of("/out"));
    assertThatThrownBy(() -> build(duplicate, VERYFAST, SdrConversion.NONE))
        .isInstanceOf(VodkitException.class)
        .hasMessageContaining("duplicate")
        .satisfies(e -> assertThat(((VodkitException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    TranscodeRequest vp9 =
        new TranscodeRequest(
            Path.of("/in"), SOURCE, List.of(new RungSpec("x", 640, 360, "vp9", "0", 400)), 128,
            Duration.ofSeconds(4), Path.of("/out"));
    assertThatThrownBy(() -> build(vp9, VERYFAST, SdrConversion.NONE)).hasMessageContaining("unsupported codec");
  }
}
