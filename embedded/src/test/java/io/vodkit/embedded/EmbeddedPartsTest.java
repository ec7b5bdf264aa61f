package io.vodkit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.BaseUrls;
import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.store.jdbc.JdbcViewStore;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one embedded wiring with other listeners, URLs and places than the defaults. */
class EmbeddedPartsTest {
  @TempDir Path dir;

  @Test
  void defaultsAreLoopbackListenersWithTheirOwnUrls() {
    EmbeddedOptions defaults = EmbeddedOptions.defaults();
    assertThat(defaults.uploadsBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
    assertThat(defaults.cdnBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
    assertThat(defaults.startOrigin()).isTrue();
    assertThat(defaults.uploadsPublicUrl()).isEmpty();
    assertThat(defaults.cdnPublicUrl()).isEmpty();
    assertThat(defaults.apiUrl()).isEqualTo(EmbeddedOptions.API_PLACEHOLDER);
    assertThat(defaults.storageRoot()).isEmpty();
    assertThat(defaults.database()).isEmpty();
    assertThat(defaults.startOrigin(false)).isNotSameAs(defaults);
    assertThat(defaults.startOrigin()).isTrue(); // setters copy
  }

  @Test
  void publicUrlsAreHandedOutWhileTheListenersBindWhereTold() throws Exception {
    EmbeddedOptions options =
        EmbeddedOptions.defaults()
            .apiUrl(URI.create("https://api.example.com/"))
            .uploadsBind(InetSocketAddress.createUnresolved("127.0.0.1", 0))
            .uploadsPublicUrl(URI.create("https://uploads.example.com/"))
            .cdnBind(InetSocketAddress.createUnresolved("127.0.0.1", 0))
            .cdnPublicUrl(URI.create("https://cdn.example.com/"));
    EmbeddedParts parts = EmbeddedParts.open(dir, options);
    URI originUrl = parts.origin().orElseThrow().baseUri().resolve("videos/x/manifest.m3u8");
    try (VideoPipeline vodkit = parts.configure(VideoPipeline.builder()).workers(0).build()) {
      BaseUrls urls = vodkit.baseUrls();
      assertThat(urls.api()).isEqualTo(URI.create("https://api.example.com/"));
      assertThat(urls.uploads()).isEqualTo(URI.create("https://uploads.example.com/"));
      assertThat(urls.cdn()).isEqualTo(URI.create("https://cdn.example.com/"));
      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "clip", "video/mp4", 1000));
      assertThat(up.uploadUrl().toString()).startsWith("https://uploads.example.com/");
      assertThat(dir.resolve("vodkit.db")).isRegularFile();
      assertThat(dir.resolve("storage")).isDirectory();
      assertThat(dir.resolve("work")).isDirectory();
      // the origin still runs behind the public URL, on the bound address; the pipeline closes it
      assertThat(originUrl.getHost()).isEqualTo("127.0.0.1");
      assertThat(get(HttpClient.newHttpClient(), originUrl)).isEqualTo(404);
    }
    assertThatThrownBy(() -> get(HttpClient.newHttpClient(), originUrl)).isInstanceOf(ConnectException.class);
  }

  @Test
  void theBuilderEntryAppliesTheOptions() {
    EmbeddedOptions options = EmbeddedOptions.defaults().startOrigin(false).apiUrl(URI.create("https://api.example.com/"));
    try (VideoPipeline vodkit = EmbeddedDefaultsProvider.configure(VideoPipeline.builder(), dir, options).workers(0).build()) {
      assertThat(vodkit.baseUrls().api()).isEqualTo(URI.create("https://api.example.com/"));
      assertThat(vodkit.baseUrls().uploads().toString()).startsWith("http://127.0.0.1:");
      assertThat(vodkit.manifestUrl("vid_x").getScheme()).isEqualTo("file");
    }
  }

  @Test
  void withoutAnOriginTheCdnIsThePublicUrlAndPlacesCanMove() {
    EmbeddedOptions options =
        EmbeddedOptions.defaults()
            .startOrigin(false)
            .cdnPublicUrl(URI.create("https://cdn.example.com/media/"))
            .storageRoot(dir.resolve("elsewhere/objects-root"))
            .database(dir.resolve("db/other.db"));
    EmbeddedParts parts = EmbeddedParts.open(dir.resolve("data"), options);
    try (VideoPipeline vodkit = parts.configure(VideoPipeline.builder()).workers(0).build()) {
      assertThat(parts.origin()).isEmpty();
      assertThat(vodkit.manifestUrl("vid_x")).isEqualTo(URI.create("https://cdn.example.com/media/videos/vid_x/manifest.m3u8"));
      assertThat(vodkit.store()).isSameAs(parts.store());
      assertThat(vodkit.storage()).isSameAs(parts.storage());
      assertThat(dir.resolve("elsewhere/objects-root")).isDirectory();
      assertThat(dir.resolve("db/other.db")).isRegularFile();
      assertThat(dir.resolve("data/vodkit.db")).doesNotExist();
      assertThat(parts.workDir()).isEqualTo(dir.resolve("data/work").toAbsolutePath().normalize()).isDirectory();
    }
  }

  @Test
  void givenStoresAreUsedAndClosedWithTheParts() throws Exception {
    Path db = dir.resolve("given.db");
    JdbcStore store = JdbcStore.sqlite(db);
    JdbcViewStore viewStore = JdbcViewStore.sqlite(db);
    EmbeddedParts parts = EmbeddedParts.open(dir, EmbeddedOptions.defaults(), store, viewStore);
    assertThat(parts.store()).isSameAs(store);
    assertThat(parts.viewStore()).isSameAs(viewStore);
    assertThat(dir.resolve("vodkit.db")).doesNotExist();
    URI uploads = parts.baseUrls().uploads();
    URI origin = parts.origin().orElseThrow().baseUri();
    assertThat(uploads.getPort()).isPositive().isNotEqualTo(origin.getPort());
    parts.close(); // never built into a pipeline: the parts close everything
    assertThatThrownBy(() -> get(HttpClient.newHttpClient(), origin)).isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> get(HttpClient.newHttpClient(), uploads)).isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> store.findVideo("vid_missing")).isInstanceOf(RuntimeException.class);
  }

  private static int get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
