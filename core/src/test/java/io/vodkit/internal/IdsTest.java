package io.vodkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsAreUrlSafePrefixedAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.videoId();
      assertThat(id).matches("vid_[0-9A-Za-z]{16}");
      assertThat(Ids.isValid(id, "vid_")).isTrue();
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
    assertThat(Ids.jobId()).startsWith("tjob_");
  }

  @Test
  void validationRefusesWhatWeCouldNotHaveIssued() {
    assertThat(Ids.isValid("vid_../../etc/passwd", "vid_")).isFalse();
    assertThat(Ids.isValid("vid_short", "vid_")).isFalse();
    assertThat(Ids.isValid(null, "vid_")).isFalse();
    assertThat(Ids.isValid("tjob_0123456789abcdef", "vid_")).isFalse();
  }
}
