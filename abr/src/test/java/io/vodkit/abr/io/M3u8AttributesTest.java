package io.vodkit.abr.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class M3u8AttributesTest {
  @Test
  void quotedValuesMayContainCommasAndLoseTheirQuotes() {
    Map<String, String> attributes =
        M3u8Attributes.parse(
            "BANDWIDTH=552863,RESOLUTION=640x360,CODECS=\"avc1.42c01e,mp4a.40.2\",AUDIO=\"aud\"",
            "m:1");

    assertThat(attributes)
        .containsExactly(
            Map.entry("BANDWIDTH", "552863"),
            Map.entry("RESOLUTION", "640x360"),
            Map.entry("CODECS", "avc1.42c01e,mp4a.40.2"),
            Map.entry("AUDIO", "aud"));
  }

  @Test
  void anEmptyQuotedValueIsAValue() {
    assertThat(M3u8Attributes.parse("NAME=\"\"", "m:1")).containsEntry("NAME", "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "BANDWIDTH",
        "BANDWIDTH=",
        "bandwidth=1",
        "BANDWIDTH=1,",
        "BANDWIDTH=1, AUDIO=\"a\"",
        "BANDWIDTH=1 ",
        "CODECS=\"avc1,mp4a",
        "CODECS=\"avc1\"x",
        "CODECS=avc1\"x\"",
        "BANDWIDTH=1,BANDWIDTH=2",
      })
  void malformedListsAreRejectedNamingTheLine(String list) {
    assertThatThrownBy(() -> M3u8Attributes.parse(list, "manifest.m3u8:4"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageStartingWith("manifest.m3u8:4: ");
  }
}
