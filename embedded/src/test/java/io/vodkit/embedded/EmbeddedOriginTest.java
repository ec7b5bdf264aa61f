package io.vodkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.spi.ObjectMetadata;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded defaults serve the object tree over HTTP, on a loopback origin closed with the pipeline. */
class EmbeddedOriginTest {
  private static final byte[] PLAYLIST = "#EXTM3U\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void manifestUrlsAreHttpUrlsOfALoopbackOriginThatServesTheVideosTree() throws Exception {
    URI manifest;
    try (VideoPipeline vodkit = VideoPipeline.embedded(dir)) {
      manifest = vodkit.manifestUrl("vid_test");
      assertThat(manifest.getScheme()).isEqualTo("http");
      assertThat(manifest.getHost()).isEqualTo("127.0.0.1");
      assertThat(manifest.getPort()).isPositive().isNotEqualTo(vodkit.baseUrls().uploads().getPort());
      assertThat(manifest.getPath()).isEqualTo("/videos/vid_test/manifest.m3u8");
      assertThat(vodkit.dashManifestUrl("vid_test").getPath()).isEqualTo("/videos/vid_test/manifest.mpd");

      HttpResponse<byte[]> missing = get(manifest);
      assertThat(missing.statusCode()).isEqualTo(404);

      vodkit.storage().put("videos/vid_test/manifest.m3u8", PLAYLIST,
          ObjectMetadata.of("application/vnd.apple.mpegurl", "public, max-age=30"));
      HttpResponse<byte[]> found = get(manifest);
      assertThat(found.statusCode()).isEqualTo(200);
      assertThat(found.body()).isEqualTo(PLAYLIST);
      assertThat(found.headers().firstValue("Content-Type")).contains("application/vnd.apple.mpegurl");
      assertThat(found.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }
    // closed with the pipeline
    HttpClient fresh = HttpClient.newHttpClient(); // no pooled connection to the closed server
    assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(manifest).build(), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void withTheOriginOffTheCdnBaseIsTheObjectTreeOnDisk() {
    String before = System.getProperty(EmbeddedDefaultsProvider.ORIGIN_PROPERTY);
    System.setProperty(EmbeddedDefaultsProvider.ORIGIN_PROPERTY, "off");
    try (VideoPipeline vodkit = VideoPipeline.embedded(dir)) {
      URI manifest = vodkit.manifestUrl("vid_test");
      assertThat(manifest.getScheme()).isEqualTo("file");
      assertThat(Path.of(manifest)).isEqualTo(dir.toAbsolutePath().resolve("storage/objects/videos/vid_test/manifest.m3u8"));
    } finally {
      if (before == null) {
        System.clearProperty(EmbeddedDefaultsProvider.ORIGIN_PROPERTY);
      } else {
        System.setProperty(EmbeddedDefaultsProvider.ORIGIN_PROPERTY, before);
      }
    }
  }

  @Test
  void theOriginSwitchIsOnOrOff() {
    assertThat(EmbeddedDefaultsProvider.originWanted(null)).isTrue();
    assertThat(EmbeddedDefaultsProvider.originWanted("on")).isTrue();
    assertThat(EmbeddedDefaultsProvider.originWanted(" OFF ")).isFalse();
    assertThatThrownBy(() -> EmbeddedDefaultsProvider.originWanted("127.0.0.1:8080"))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
        .hasMessageContaining(EmbeddedDefaultsProvider.ORIGIN_PROPERTY);
  }

  private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
