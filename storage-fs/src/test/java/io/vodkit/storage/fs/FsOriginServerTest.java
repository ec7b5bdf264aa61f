package io.vodkit.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FsOriginServerTest {
  private static final String SEGMENT = "videos/vid_1/720p/seg_00000.m4s";
  private static final String PLAYLIST = "videos/vid_1/720p/playlist.m3u8";
  private static final String SECRET = "TOP-SECRET-RAW-UPLOAD";

  @TempDir static Path root;
  @TempDir static Path outside;
  private static FsObjectStorage storage;
  private static FsOriginServer origin;
  private static byte[] segment;

  @BeforeAll
  static void start() {
    storage = FsObjectStorage.create(root, URI.create("http://127.0.0.1:1/"));
    segment = new byte[300_000];
    new Random(3).nextBytes(segment);
    storage.put(SEGMENT, segment, ObjectMetadata.of("video/iso.segment", CachePolicy.IMMUTABLE));
    storage.put(PLAYLIST, "#EXTM3U\n".getBytes(StandardCharsets.UTF_8),
        ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST));
    storage.put("raw/vid_1/source", SECRET.getBytes(StandardCharsets.UTF_8),
        ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE));
    origin = FsOriginServer.start(storage, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterAll
  static void stop() {
    origin.close();
    storage.close();
  }

  @Test
  void aSegmentIsServedWhole_withItsType_length_validators_andYearLongImmutableCaching() throws Exception {
    HttpResponse<byte[]> r = get(SEGMENT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(segment);
    assertThat(header(r, "Content-Type")).isEqualTo("video/iso.segment");
    assertThat(header(r, "Content-Length")).isEqualTo("300000");
    assertThat(header(r, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(header(r, "ETag")).isEqualTo("\"" + md5Hex(segment) + "\"");
    assertThat(header(r, "Accept-Ranges")).isEqualTo("bytes");
    Instant lastModified = Instant.from(Validators.HTTP_DATE.parse(header(r, "Last-Modified")));
    assertThat(lastModified).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
  }

  @Test
  void aManifestIsCachedForThirtySecondsOnly() throws Exception {
    HttpResponse<byte[]> r = get(PLAYLIST);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Cache-Control")).isEqualTo("public, max-age=30");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("#EXTM3U\n");
  }

  @ParameterizedTest
  @CsvSource({
    "manifest.m3u8, application/vnd.apple.mpegurl",
    "manifest.mpd, application/dash+xml",
    "720p/init.mp4, video/mp4",
    "720p/seg_00001.m4s, video/iso.segment",
    "thumbs/0001.jpg, image/jpeg",
    "captions/en.vtt, text/vtt"
  })
  void eachExtensionIsServedWithItsContentType_whateverTypeWasStored(String path, String type) throws Exception {
    storage.put("videos/vid_3/" + path, new byte[] {1}, ObjectMetadata.of("application/octet-stream", CachePolicy.IMMUTABLE));

    assertThat(header(get("videos/vid_3/" + path), "Content-Type")).isEqualTo(type);
  }

  @Test
  void headAnswersGetsHeaders_withoutABody() throws Exception {
    HttpResponse<byte[]> head = send(request(SEGMENT).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<byte[]> get = get(SEGMENT);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    for (String name : new String[] {"Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control"}) {
      assertThat(header(head, name)).as(name).isEqualTo(header(get, name));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "bytes=0-99, 0, 99",
    "bytes=1000-1999, 1000, 1999",
    "bytes=299990-, 299990, 299999",
    "bytes=-10, 299990, 299999",
    "bytes=299000-999999999, 299000, 299999",
    "bytes=0-0, 0, 0",
    // above the 64 KiB one-write size: sent from a memory mapping of the range
    "bytes=100-200099, 100, 200099",
    "bytes=65536-, 65536, 299999"
  })
  void aSingleRangeIsAnswered206WithExactlyThoseBytesAndTheirContentRange(String range, long first, long last)
      throws Exception {
    HttpResponse<byte[]> r = send(request(SEGMENT).header("Range", range));

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(header(r, "Content-Range")).isEqualTo("bytes " + first + "-" + last + "/300000");
    assertThat(header(r, "Content-Length")).isEqualTo(Long.toString(last - first + 1));
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(segment, (int) first, (int) last + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=300000-", "bytes=400000-400010", "bytes=-0"})
  void aRangeThatCannotBeSatisfiedIs416_namingTheSize(String range) throws Exception {
    HttpResponse<byte[]> r = send(request(SEGMENT).header("Range", range));

    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(header(r, "Content-Range")).isEqualTo("bytes */300000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-9,20-29", "bytes=5-2", "bytes=abc", "items=0-9", "bytes=-", "bytes=0-9, 50-"})
  void multipleOrMalformedRangesAreIgnored_andTheWholeObjectIsSent(String range) throws Exception {
    HttpResponse<byte[]> r = send(request(SEGMENT).header("Range", range));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(segment);
  }

  @Test
  void ifNoneMatchWithTheCurrentEtagAnswers304WithoutABody_andAnyOtherEtagGetsTheObject() throws Exception {
    String etag = header(get(SEGMENT), "ETag");

    HttpResponse<byte[]> same = send(request(SEGMENT).header("If-None-Match", etag));
    HttpResponse<byte[]> weak = send(request(SEGMENT).header("If-None-Match", "\"x\", W/" + etag));
    HttpResponse<byte[]> star = send(request(SEGMENT).header("If-None-Match", "*"));
    HttpResponse<byte[]> other = send(request(SEGMENT).header("If-None-Match", "\"0123\""));

    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(header(same, "ETag")).isEqualTo(etag);
    assertThat(header(same, "Cache-Control")).isEqualTo(CachePolicy.IMMUTABLE);
    assertThat(weak.statusCode()).isEqualTo(304);
    assertThat(star.statusCode()).isEqualTo(304);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(segment);
  }

  @Test
  void ifModifiedSinceAtOrAfterLastModifiedAnswers304_andAnEarlierDateGetsTheObject() throws Exception {
    String lastModified = header(get(PLAYLIST), "Last-Modified");
    Instant at = Instant.from(Validators.HTTP_DATE.parse(lastModified));

    HttpResponse<byte[]> same = send(request(PLAYLIST).header("If-Modified-Since", lastModified));
    HttpResponse<byte[]> later = send(request(PLAYLIST).header("If-Modified-Since", Validators.HTTP_DATE.format(at.plusSeconds(5))));
    HttpResponse<byte[]> earlier = send(request(PLAYLIST).header("If-Modified-Since", Validators.HTTP_DATE.format(at.minusSeconds(5))));
    HttpResponse<byte[]> garbage = send(request(PLAYLIST).header("If-Modified-Since", "yesterday"));

    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(later.statusCode()).isEqualTo(304);
    assertThat(earlier.statusCode()).isEqualTo(200);
    assertThat(garbage.statusCode()).isEqualTo(200);
  }

  @Test
  void ifNoneMatchWinsOverIfModifiedSince() throws Exception {
    String lastModified = header(get(PLAYLIST), "Last-Modified");

    HttpResponse<byte[]> r =
        send(request(PLAYLIST).header("If-None-Match", "\"stale\"").header("If-Modified-Since", lastModified));

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aRangeIsHonouredOnlyWhileIfRangeStillMatches() throws Exception {
    String etag = header(get(SEGMENT), "ETag");

    HttpResponse<byte[]> current = send(request(SEGMENT).header("Range", "bytes=0-9").header("If-Range", etag));
    HttpResponse<byte[]> stale = send(request(SEGMENT).header("Range", "bytes=0-9").header("If-Range", "\"stale\""));

    assertThat(current.statusCode()).isEqualTo(206);
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(segment);
  }

  @Test
  void aRewrittenManifestIsServedWithItsNewBytesAndEtag() throws Exception {
    String key = "videos/vid_2/manifest.m3u8";
    ObjectMetadata manifest = ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST);
    storage.put(key, "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), manifest);
    HttpResponse<byte[]> before = get(key);
    storage.put(key, "#EXTM3V\n".getBytes(StandardCharsets.UTF_8), manifest);

    HttpResponse<byte[]> after = get(key);

    assertThat(new String(after.body(), StandardCharsets.UTF_8)).isEqualTo("#EXTM3V\n");
    assertThat(header(after, "ETag")).isNotEqualTo(header(before, "ETag"));
  }

  @Test
  void anEmptyObjectIsServedEmpty_andNoRangeOfItIsSatisfiable() throws Exception {
    storage.put("videos/vid_1/empty.vtt", new byte[0], ObjectMetadata.of("text/vtt", CachePolicy.MANIFEST));

    HttpResponse<byte[]> whole = get("videos/vid_1/empty.vtt");
    HttpResponse<byte[]> range = send(request("videos/vid_1/empty.vtt").header("Range", "bytes=0-"));

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEmpty();
    assertThat(header(whole, "Content-Length")).isEqualTo("0");
    assertThat(range.statusCode()).isEqualTo(416);
  }

  @Test
  void everyAnswerCarriesCorsHeaders_soPlayersOnOtherOriginsCanReadRangesAndEtags() throws Exception {
    for (HttpResponse<byte[]> r :
        List.of(get(SEGMENT), get("videos/vid_1/missing.m4s"), send(request(SEGMENT).header("Range", "bytes=0-1")))) {
      assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
      assertThat(header(r, "Access-Control-Expose-Headers"))
          .contains("Content-Range").contains("Content-Length").contains("ETag");
    }
  }

  @Test
  void aCorsPreflightIsAnswered204_allowingGetHeadAndTheRangeAndValidatorHeaders() throws Exception {
    HttpResponse<byte[]> r = send(request(SEGMENT)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://player.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "range"));

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(r, "Access-Control-Allow-Methods")).contains("GET").contains("HEAD");
    assertThat(header(r, "Access-Control-Allow-Headers")).contains("Range").contains("If-None-Match");
    assertThat(header(r, "Access-Control-Max-Age")).isNotBlank();
  }

  @Test
  void aMissingObjectIs404_asJson_andNotCached() throws Exception {
    HttpResponse<byte[]> r = get("videos/vid_1/720p/seg_09999.m4s");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"code\":\"not_found\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"raw/vid_1/source", "uploads/x", "meta/videos/vid_1/720p/playlist.m3u8", "objects/raw/vid_1/source"})
  void rawUploadsAndEverythingOutsideVideosAreNotFound(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "videos/", "videos/vid_1", "videos/vid_1/", "videos/vid_1/720p/"})
  void foldersAreNeverListed(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("seg_00000");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/videos/../raw/vid_1/source",
    "/videos/vid_1/../../raw/vid_1/source",
    "/videos/%2e%2e/raw/vid_1/source",
    "/videos/%2E%2E/raw/vid_1/source",
    "/videos/..%2fraw%2fvid_1%2fsource",
    "/videos%2f..%2fraw%2fvid_1%2fsource",
    "/videos/vid_1/720p%2fseg_00000.m4s",
    "/videos\\..\\raw\\vid_1\\source",
    "/videos/%5c..%5craw%5cvid_1%5csource",
    "//raw/vid_1/source",
    "/%2fetc%2fpasswd",
    "/videos/./vid_1/720p/playlist.m3u8",
    "/videos/vid_1/720p/playlist.m3u8%00.jpg",
    "/videos/%ff%fe"
  })
  void pathTricksAreRefusedWith400Or404_andNeverReachAnotherFile(String rawPath) throws IOException {
    Http.RawResponse r = Http.raw(origin.address(), "GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0]);

    assertThat(r.status()).as(rawPath).isIn(400, 404);
    assertThat(r.text()).doesNotContain(SECRET).doesNotContain("root:");
  }

  @Test
  void anAbsoluteFormRequestTargetServesOnlyWhatItsPathNames() throws IOException {
    Http.RawResponse ok = Http.raw(origin.address(),
        "GET http://cdn.example/" + PLAYLIST + " HTTP/1.1\r\nHost: cdn.example\r\nConnection: close", new byte[0]);
    Http.RawResponse raw = Http.raw(origin.address(),
        "GET http://cdn.example/raw/vid_1/source HTTP/1.1\r\nHost: cdn.example\r\nConnection: close", new byte[0]);

    assertThat(ok.status()).isEqualTo(200);
    assertThat(raw.status()).isEqualTo(404);
    assertThat(raw.text()).doesNotContain(SECRET);
  }

  @Test
  void aSymbolicLinkOutOfTheTreeIsNotFollowed() throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.m3u8"), SECRET);
    Path videoDir = storage.root().resolve("objects/videos/vid_1");
    Files.createSymbolicLink(videoDir.resolve("link.m3u8"), secret);
    Files.createSymbolicLink(videoDir.resolve("linkdir"), outside);
    Files.createSymbolicLink(videoDir.resolve("rawlink"), storage.root().resolve("objects/raw/vid_1"));

    for (String path : new String[] {"videos/vid_1/link.m3u8", "videos/vid_1/linkdir/secret.m3u8", "videos/vid_1/rawlink/source"}) {
      HttpResponse<byte[]> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }
  }

  @Test
  void anObjectServedBeforeAndThenSwappedForALinkOutOfTheTreeIsNoLongerServed() throws Exception {
    String key = "videos/vid_4/manifest.m3u8";
    storage.put(key, "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST));
    assertThat(get(key).statusCode()).isEqualTo(200);
    Path file = storage.root().resolve("objects").resolve(key);
    Files.delete(file);
    Files.createSymbolicLink(file, Files.writeString(outside.resolve("swapped.m3u8"), SECRET));

    HttpResponse<byte[]> r = get(key);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
  }

  @Test
  void aDeletedObjectIsNotFoundEvenRightAfterBeingServed() throws Exception {
    String small = "videos/vid_5/manifest.m3u8";
    String large = "videos/vid_5/720p/seg_00000.m4s";
    storage.put(small, "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST));
    storage.put(large, segment, ObjectMetadata.of("video/iso.segment", CachePolicy.IMMUTABLE));
    assertThat(get(small).statusCode()).isEqualTo(200);
    assertThat(get(large).statusCode()).isEqualTo(200);

    storage.delete(small);
    storage.delete(large);

    assertThat(get(small).statusCode()).isEqualTo(404);
    assertThat(get(large).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "POST", "DELETE", "PATCH"})
  void methodsOtherThanGetHeadAndOptionsAre405(String method) throws Exception {
    HttpResponse<byte[]> r = send(request(SEGMENT).method(method, HttpRequest.BodyPublishers.ofString("x")));

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(header(r, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(storage.open(SEGMENT).readAllBytes()).isEqualTo(segment);
  }

  @Test
  void aQueryStringIsIgnored_soCacheBustersStillHitTheObject() throws Exception {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(origin.baseUri().resolve(PLAYLIST + "?t=123")));

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void theThrottleHoldsBodiesToItsRate_andCanBeLiftedWhileServing() throws Exception {
    origin.throttle(200_000);
    long started = System.nanoTime();
    HttpResponse<byte[]> slow;
    try {
      slow = get(SEGMENT);
    } finally {
      origin.throttle(0);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    HttpResponse<byte[]> fast = get(SEGMENT);

    assertThat(slow.body()).isEqualTo(segment);
    assertThat(took).as("300 kB at 200 kB/s").isGreaterThanOrEqualTo(Duration.ofMillis(1300));
    assertThat(fast.body()).isEqualTo(segment);
    assertThat(origin.throttleBytesPerSecond()).isZero();
  }

  @Test
  void theBaseUriIsTheBoundLoopbackAddress() {
    URI base = origin.baseUri();

    assertThat(base.getScheme()).isEqualTo("http");
    assertThat(base.getHost()).isEqualTo("127.0.0.1");
    assertThat(base.getPort()).isEqualTo(origin.address().getPort()).isPositive();
    assertThat(base.getPath()).isEqualTo("/");
  }

  // ------------------------------------------------------------------ helpers

  private HttpRequest.Builder request(String key) {
    return HttpRequest.newBuilder(origin.baseUri().resolve(key)).timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<byte[]> get(String key) throws Exception {
    return send(request(key));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return Http.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static String md5Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
