package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSupportTest {
  @Test
  void debiansFfmpegHasZscaleAndTonemapSoHdrIsToneMappedNotJustTagged() {
    assertThat(new FilterSupport(TestMedia.FFMPEG, List.of()).zscale()).isTrue();
  }

  @Test
  void aBinaryWithoutTheFiltersMeansMarkingOnly() {
    FilterSupport none = new FilterSupport(Path.of("/bin/echo"), List.of());
    assertThat(none.zscale()).isFalse();
    VideoFacts hdr10 = new VideoFacts("yuv420p10le", 10, "smpte2084", "bt2020", "bt2020nc");
    assertThat(SdrConversion.forSource(hdr10, none.zscale()))
        .isEqualTo(new SdrConversion("format=yuv420p", true));
  }

  @Test
  void sdrSourcesNeedNoConversionAndWideGamutSdrSkipsTheToneMap() {
    assertThat(SdrConversion.forSource(new VideoFacts("yuv420p10le", 10, "bt709", "bt709", "bt709"), true))
        .isEqualTo(SdrConversion.NONE);
    assertThat(SdrConversion.forSource(new VideoFacts("yuv420p10le", 10, "bt2020-10", "bt2020", "bt2020nc"), true).filter())
        .isEqualTo("zscale=tin=bt2020-10:pin=bt2020:min=bt2020nc:p=bt709:t=bt709:m=bt709:r=tv,format=yuv420p");
    assertThat(SdrConversion.forSource(new VideoFacts("yuv420p10le", 10, "arib-std-b67", "", ""), true).filter())
        .startsWith("zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:t=linear:npl=100,")
        .contains("tonemap=tonemap=hable");
  }
}
