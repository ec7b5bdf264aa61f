package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.VideoPipeline;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.fs.FsOriginServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** src-docs/delivery.md's origin example: serve a stored manifest over HTTP. */
class DeliverySnippetsTest {
  @TempDir Path tmp;

  @Test
  void theOriginServesWhatTheStorageHolds() throws Exception {
    String videoId = "vid_docsorigin00001";
    try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(tmp).workers(0).build()) {
      vodkit.storage().put(
          "videos/" + videoId + "/manifest.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8),
          ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> answer;
      // snippet:delivery-origin
      FsObjectStorage storage = (FsObjectStorage) vodkit.storage();
      try (FsOriginServer origin = FsOriginServer.start(storage, new InetSocketAddress("127.0.0.1", 0))) {
        URI cdn = origin.baseUri();                        // http://127.0.0.1:<port>/
        URI master = cdn.resolve("videos/" + videoId + "/manifest.m3u8");
        answer = http.send(HttpRequest.newBuilder(master).build(), HttpResponse.BodyHandlers.ofString());
      }
      // end:delivery-origin
      // snippet:delivery-origin-builder
      // or tuned: more threads, and a throttle that makes players switch rungs in tests
      FsOriginServer.builder(storage).threads(64).throttleBytesPerSecond(150_000)
          .start(new InetSocketAddress("127.0.0.1", 0)).close();
      // end:delivery-origin-builder
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("#EXTM3U\n");
      assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
    }
  }
}
