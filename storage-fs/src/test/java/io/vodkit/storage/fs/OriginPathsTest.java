package io.vodkit.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The origin's own path rules, checked without Jetty in front: Jetty already refuses many of these
 * requests itself, and these rules must hold even if its URI compliance were relaxed.
 */
class OriginPathsTest {
  @ParameterizedTest
  @CsvSource({
    "/videos/vid_1/manifest.m3u8, videos/vid_1/manifest.m3u8",
    "/videos/vid_1/720p/seg_00000.m4s, videos/vid_1/720p/seg_00000.m4s",
    "/videos/vid_1/caf%C3%A9.vtt, videos/vid_1/café.vtt",
    "/videos/vid%201/a.mp4, videos/vid 1/a.mp4"
  })
  void aPathUnderVideosNamesTheDecodedKey(String rawPath, String key) throws OriginRejection {
    assertThat(OriginPaths.keyOf(rawPath)).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource({
    "/videos/../raw/vid_1/source, 400",
    "/videos/vid_1/../../raw/vid_1/source, 400",
    "/videos/%2e%2e/raw/vid_1/source, 400",
    "/videos/%2E%2E/raw/vid_1/source, 400",
    "/videos/%2e/vid_1/a.mp4, 400",
    "/videos/..%2fraw%2fsource, 400",
    "/videos%2F..%2Fraw, 400",
    "/videos\\..\\raw\\source, 400",
    "/videos/%5c..%5craw, 400",
    "//raw/vid_1/source, 400",
    "//etc/passwd, 400",
    "/videos//vid_1/a.mp4, 400",
    "/videos/a%00b.mp4, 400",
    "/videos/a%0ab.mp4, 400",
    "/videos/%ff%fe, 400",
    "/videos/%zz, 400",
    "videos/vid_1/a.mp4, 400",
    "/raw/vid_1/source, 404",
    "/meta/videos/vid_1/a.mp4, 404",
    "/.upload-secret, 404",
    "/, 404",
    "/videos/, 404",
    "/videos/vid_1/, 404",
    "/videos, 404"
  })
  void aPathThatMustNotBeServedIsRefusedWithItsStatus(String rawPath, int status) {
    OriginRejection r = catchThrowableOfType(OriginRejection.class, () -> OriginPaths.keyOf(rawPath));

    assertThat(r).as(rawPath).isNotNull();
    assertThat(r.status).as(rawPath).isEqualTo(status);
  }
}
