package io.vodkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriPathsTest {
  @Test
  void unreservedCharactersStayAndEverythingElseIsPercentEncodedAsUtf8() {
    assertThat(UriPaths.segment("seg_00000.m4s")).isEqualTo("seg_00000.m4s");
    assertThat(UriPaths.segment("a b/c")).isEqualTo("a%20b%2Fc");
    assertThat(UriPaths.segment("é")).isEqualTo("%C3%A9");
  }

  @Test
  void anEmptyNameIsRefused() {
    assertThatThrownBy(() -> UriPaths.segment("")).isInstanceOf(IllegalArgumentException.class);
  }
}
