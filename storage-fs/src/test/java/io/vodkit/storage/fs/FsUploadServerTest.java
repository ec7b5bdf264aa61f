package io.vodkit.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsUploadServerTest {
  private static final int MAX_PART = 256 * 1024;
  private static final ObjectMetadata VIDEO = ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE);

  @TempDir Path root;
  private FsObjectStorage storage;
  private DirectUploads uploads;
  private final Random random = new Random(7);

  @BeforeEach
  void start() {
    storage =
        FsObjectStorage.builder(root)
            .minPartSizeBytes(1024)
            .maxPartSizeBytes(MAX_PART)
            .buildWithUploadServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    uploads = storage.uploads();
  }

  @AfterEach
  void stop() {
    storage.close();
  }

  @Test
  void aSignatureWithOneCharacterChangedIsRefusedAndNothingIsWritten() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    String url = uploads.presignPart("raw/a.mp4", id, 1, 100, inAnHour()).toString();
    int at = url.length() - 1;
    String forged = url.substring(0, at) + (url.charAt(at) == '0' ? '1' : '0');

    HttpResponse<String> response = Http.put(URI.create(forged), bytes(100));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).contains("\"code\":\"signature_invalid\"").contains("\"message\":");
    assertNothingWritten(id);
  }

  @Test
  void changingAnySignedParameterInvalidatesTheSignature() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    String other = uploads.create("raw/a.mp4", VIDEO);
    String url = uploads.presignPart("raw/a.mp4", id, 1, 100, inAnHour()).toString();

    for (String forged :
        List.of(
            url.replace("partNumber=1&", "partNumber=2&"),
            url.replace("uploadId=" + id, "uploadId=" + other),
            url.replace("/upload/raw/a.mp4", "/upload/raw/b.mp4"),
            url.replaceAll("expires=(\\d+)", "expires=$19"),
            url.replaceAll("&signature=[0-9a-f]+", ""))) {
      assertThat(Http.put(URI.create(forged), bytes(100)).statusCode()).as(forged).isEqualTo(403);
    }
    String bigger = url.replace("size=100", "size=101");
    assertThat(Http.put(URI.create(bigger), bytes(101)).statusCode()).isEqualTo(403);
    assertNothingWritten(id);
    assertNothingWritten(other);
  }

  @Test
  void anExpiredUrlIsRefused() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 100, Instant.now().minusSeconds(2));

    HttpResponse<String> response = Http.put(url, bytes(100));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"code\":\"signature_expired\"");
    assertNothingWritten(id);
  }

  @Test
  void methodsOtherThanPutAreRefused() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 3, inAnHour());

    for (String method : List.of("GET", "HEAD", "POST", "DELETE", "PATCH")) {
      HttpRequest.BodyPublisher body =
          List.of("GET", "HEAD", "DELETE").contains(method)
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(bytes(3));
      HttpResponse<String> response = Http.send(HttpRequest.newBuilder(url).method(method, body).build());
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("PUT, OPTIONS");
    }
    URI home = storage.uploadServer().orElseThrow().localUri();
    assertThat(Http.send(HttpRequest.newBuilder(home).GET().build()).statusCode()).isEqualTo(405);
    assertNothingWritten(id);
  }

  @Test
  void aContentLengthOtherThanTheSignedSizeIsRefused() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 100, inAnHour());

    assertThat(Http.put(url, bytes(99)).statusCode()).isEqualTo(400);
    assertThat(Http.put(url, bytes(101)).statusCode()).isEqualTo(400);
    assertNothingWritten(id);
  }

  @Test
  void aBodyWithoutContentLengthIsRefused() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 100, inAnHour());
    HttpRequest chunked =
        HttpRequest.newBuilder(url)
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes(100))))
            .build();

    HttpResponse<String> response = Http.send(chunked);

    assertThat(response.statusCode()).isEqualTo(411);
    assertThat(response.body()).contains("length_required");
    assertNothingWritten(id);
  }

  @Test
  void aContentMd5MismatchIsRefusedAndTheEarlierGoodCopyOfThePartIsKept() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    byte[] good = bytes(2000);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, good.length, inAnHour());
    HttpResponse<String> first = Http.put(url, good, "Content-MD5", base64Md5(good));
    assertThat(first.statusCode()).isEqualTo(200);
    byte[] corrupted = good.clone();
    corrupted[1234] ^= 1;

    HttpResponse<String> second = Http.put(url, corrupted, "Content-MD5", base64Md5(good));
    HttpResponse<String> malformed = Http.put(url, corrupted, "Content-MD5", "not-base64!");

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(second.body()).contains("\"code\":\"bad_digest\"");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("\"code\":\"bad_digest\"");
    assertThat(uploads.listParts("raw/a.mp4", id)).containsExactly(new PartInfo(1, good.length, md5Hex(good)));
    assertThat(stagingFiles()).isEmpty();
    uploads.complete("raw/a.mp4", id, List.of(new CompletedPart(1, first.headers().firstValue("ETag").orElseThrow())));
    assertThat(read("raw/a.mp4")).isEqualTo(good);
  }

  @Test
  void aPartLargerThanTheConfiguredMaximumIsRefusedWith413() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, MAX_PART + 1, inAnHour());

    HttpResponse<String> response = Http.put(url, bytes(MAX_PART + 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
    assertNothingWritten(id);
  }

  @Test
  void aPartForAnUnknownOrAbortedUploadIsRefusedWith404() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 10, inAnHour());
    uploads.abort("raw/a.mp4", id);

    assertThat(Http.put(url, bytes(10)).statusCode()).isEqualTo(404);
    assertThat(stagingFiles()).isEmpty();
  }

  @Test
  void pathTraversalKeysAreRefusedEvenWhenCorrectlySigned() throws IOException {
    assertThatThrownBy(() -> uploads.presignPut("../x", 3, inAnHour()))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    long expires = inAnHour().getEpochSecond();
    InetSocketAddress server = storage.uploadServer().orElseThrow().address();

    for (String[] attack :
        List.of(
            new String[] {"../x", "/upload/../x"},
            new String[] {"../x", "/upload/%2e%2e/x"},
            new String[] {"../x", "/upload/%2E%2E%2Fx"},
            new String[] {"a/../../x", "/upload/a/%2e%2e/%2e%2e/x"},
            new String[] {"/x", "/upload/%2Fx"},
            new String[] {"..\\x", "/upload/..%5Cx"})) {
      String signature = storage.signedUrls().sign(new SignedUrls.Request(attack[0], null, 0, 3, expires));
      String target = attack[1] + "?size=3&expires=" + expires + "&signature=" + signature;
      Http.RawResponse response =
          Http.raw(server, "PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close", bytes(3));
      assertThat(response.status()).as(target).isEqualTo(400);
    }
    assertThat(root.resolve("x")).doesNotExist();
    assertThat(root.resolveSibling("x")).doesNotExist();
    assertThat(storage.list("")).isEmpty();
    assertThat(stagingFiles()).isEmpty();
  }

  @Test
  void aBodyEndingBeforeContentLengthStoresNothing() throws IOException {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 1000, inAnHour());
    String target = url.getRawPath() + "?" + url.getRawQuery();

    Http.RawResponse response =
        Http.raw(
            storage.uploadServer().orElseThrow().address(),
            "PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000",
            bytes(500));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("incomplete_body");
    assertNothingWritten(id);
  }

  @Test
  void eightPartsUploadedInParallelFromEightThreadsAssembleToTheSameBytes() throws Exception {
    int partSize = 64 * 1024;
    byte[] file = bytes(7 * partSize + 4321);
    String id = uploads.create("raw/parallel.mp4", VIDEO);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> etags = new ArrayList<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      for (int n = 1; n <= 8; n++) {
        byte[] body = Arrays.copyOfRange(file, (n - 1) * partSize, Math.min(file.length, n * partSize));
        URI url = uploads.presignPart("raw/parallel.mp4", id, n, body.length, inAnHour());
        etags.add(
            pool.submit(
                () -> {
                  go.await();
                  HttpResponse<String> response = Http.put(url, body, "Content-MD5", base64Md5(body));
                  assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                  return response.headers().firstValue("ETag").orElseThrow();
                }));
      }
      go.countDown();
      List<CompletedPart> parts = new ArrayList<>();
      for (int n = 1; n <= 8; n++) {
        parts.add(new CompletedPart(n, etags.get(n - 1).get()));
      }

      ObjectInfo info = uploads.complete("raw/parallel.mp4", id, parts);

      assertThat(sha256(read("raw/parallel.mp4"))).isEqualTo(sha256(file));
      assertThat(info.sizeBytes()).isEqualTo(file.length);
      assertThat(info.etag()).isEqualTo(s3MultipartEtag(file, partSize));
      assertThat(root.resolve("uploads").resolve(id)).doesNotExist();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPartCorruptedOnDiskAfterItsUploadFailsCompletionNamingItAndNothingIsStored() throws Exception {
    int partSize = 64 * 1024;
    byte[] file = bytes(3 * partSize);
    String id = uploads.create("raw/rot.mp4", VIDEO);
    List<CompletedPart> parts = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      byte[] body = Arrays.copyOfRange(file, (n - 1) * partSize, n * partSize);
      HttpResponse<String> response =
          Http.put(uploads.presignPart("raw/rot.mp4", id, n, body.length, inAnHour()), body);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      parts.add(new CompletedPart(n, response.headers().firstValue("ETag").orElseThrow()));
    }
    Path second = storage.layout().part(id, 2);
    byte[] rotten = Files.readAllBytes(second);
    rotten[1000] ^= 0x10; // same size, one bit flipped: only the bytes' hash can tell
    Files.write(second, rotten);

    assertThatThrownBy(() -> uploads.complete("raw/rot.mp4", id, parts))
        .isInstanceOfSatisfying(VodkitException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
          assertThat(e.field()).isEqualTo("parts[2]");
          assertThat(e.getMessage()).contains("part 2 is corrupt in storage");
        });
    assertThat(storage.head("raw/rot.mp4")).isEmpty();
    assertThat(uploads.listParts("raw/rot.mp4", id)).hasSize(3);
    try (Stream<Path> left = Files.list(root.resolve("tmp"))) {
      assertThat(left).as("no staging file left").isEmpty();
    }
  }

  @Test
  void aSinglePutUrlStoresTheObjectWithItsContentType() {
    byte[] body = bytes(5000);
    URI url = uploads.presignPut("raw/single.mp4", body.length, inAnHour());

    HttpResponse<String> response = Http.put(url, body, "Content-Type", "video/quicktime");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + md5Hex(body) + "\"");
    ObjectInfo info = storage.head("raw/single.mp4").orElseThrow();
    assertThat(info.metadata()).isEqualTo(ObjectMetadata.of("video/quicktime", CachePolicy.PRIVATE));
    assertThat(info.etag()).isEqualTo(md5Hex(body));
    assertThat(read("raw/single.mp4")).isEqualTo(body);

    URI plain = uploads.presignPut("raw/plain.bin", 3, inAnHour());
    assertThat(Http.put(plain, bytes(3)).statusCode()).isEqualTo(200);
    assertThat(storage.head("raw/plain.bin").orElseThrow().metadata().contentType())
        .isEqualTo(FsObjectStorage.DEFAULT_CONTENT_TYPE);
  }

  @Test
  void keysWithSpacesAndNonAsciiCharactersSurviveTheUrl() {
    String key = "raw/my vidéo (1)+#?.mp4";
    byte[] body = bytes(10);
    URI url = uploads.presignPut(key, body.length, inAnHour());

    assertThat(Http.put(url, body).statusCode()).isEqualTo(200);
    assertThat(read(key)).isEqualTo(body);
  }

  @Test
  void aCorsPreflightLetsBrowsersUpload() {
    String id = uploads.create("raw/a.mp4", VIDEO);
    URI url = uploads.presignPart("raw/a.mp4", id, 1, 10, inAnHour());
    HttpRequest preflight =
        HttpRequest.newBuilder(url)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://app.example.com")
            .header("Access-Control-Request-Method", "PUT")
            .build();

    HttpResponse<String> response = Http.send(preflight);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("PUT");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, Content-MD5");
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
    HttpResponse<String> put = Http.put(url, bytes(10));
    assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(put.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
  }

  // ------------------------------------------------------------------ helpers

  private void assertNothingWritten(String uploadId) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("uploads").resolve(uploadId))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("upload.json");
    }
    assertThat(stagingFiles()).isEmpty();
    assertThat(storage.list("")).isEmpty();
  }

  private List<Path> stagingFiles() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
      return files.toList();
    }
  }

  private byte[] read(String key) {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static Instant inAnHour() {
    return Instant.now().plusSeconds(3600);
  }

  private static String s3MultipartEtag(byte[] file, int partSize) throws Exception {
    MessageDigest ofDigests = MessageDigest.getInstance("MD5");
    int count = 0;
    for (int from = 0; from < file.length; from += partSize) {
      ofDigests.update(MessageDigest.getInstance("MD5").digest(Arrays.copyOfRange(file, from, Math.min(file.length, from + partSize))));
      count++;
    }
    return HexFormat.of().formatHex(ofDigests.digest()) + "-" + count;
  }

  static String md5Hex(byte[] b) {
    return HexFormat.of().formatHex(digest("MD5", b));
  }

  static String base64Md5(byte[] b) {
    return Base64.getEncoder().encodeToString(digest("MD5", b));
  }

  static String sha256(byte[] b) {
    return HexFormat.of().formatHex(digest("SHA-256", b));
  }

  private static byte[] digest(String algorithm, byte[] b) {
    try {
      return MessageDigest.getInstance(algorithm).digest(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
