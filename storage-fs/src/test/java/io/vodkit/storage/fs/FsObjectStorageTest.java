package io.vodkit.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the filesystem backend, beyond the shared contract. */
class FsObjectStorageTest {
  private static final ObjectMetadata VIDEO = ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE);
  private static final URI PUBLIC = URI.create("https://uploads.example.com/");

  @TempDir Path root;

  @Test
  void invalidKeysAreRefusedByEveryOperation() {
    FsObjectStorage storage = FsObjectStorage.create(root, PUBLIC);
    List<String> bad =
        List.of("", "/abs", "a//b", "a/", "../x", "a/../b", "./a", "a/.", "a\\b", "a\u0000b", "a\nb",
            "x".repeat(1025), "y".repeat(256));
    for (String key : bad) {
      for (Runnable op :
          List.<Runnable>of(
              () -> storage.put(key, new byte[1], VIDEO),
              () -> storage.open(key),
              () -> storage.head(key),
              () -> storage.delete(key),
              () -> storage.uploads().create(key, VIDEO),
              () -> storage.uploads().presignPut(key, 1, Instant.now()))) {
        assertThatThrownBy(op::run)
            .as("key %s", key)
            .isInstanceOfSatisfying(
                VodkitException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                  assertThat(e.field()).isEqualTo("key");
                });
      }
    }
    String longest = ("s".repeat(99) + "/").repeat(10) + "z".repeat(24);
    assertThat(longest).hasSize(1024);
    storage.put(longest, new byte[] {1}, VIDEO);
    assertThat(storage.list("")).containsExactly(longest);
  }

  @Test
  void onlyObjectsAreListedNeverSidecarsSecretsOrPendingUploads() throws IOException {
    FsObjectStorage storage = FsObjectStorage.create(root, PUBLIC);
    storage.put("videos/v/manifest.m3u8", new byte[] {1}, VIDEO);
    String id = storage.uploads().create("raw/v/source", VIDEO);
    storage.uploads().presignPart("raw/v/source", id, 1, 1, Instant.now().plusSeconds(60));

    assertThat(storage.list("")).containsExactly("videos/v/manifest.m3u8");
    assertThat(root.resolve(".upload-secret")).exists();
    assertThat(root.resolve("meta/videos/v/manifest.m3u8")).exists();
    assertThat(root.resolve("uploads").resolve(id).resolve("upload.json")).exists();
  }

  @Test
  void aKeyThatIsAlsoAPrefixOfAnotherKeyIsAConflict() {
    FsObjectStorage storage = FsObjectStorage.create(root, PUBLIC);
    storage.put("a", new byte[] {1}, VIDEO);
    storage.put("c/d", new byte[] {2}, VIDEO);

    for (String key : List.of("a/b", "c")) {
      assertThatThrownBy(() -> storage.put(key, new byte[] {3}, VIDEO))
          .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }
    assertThat(storage.head("a/b")).isEmpty();
    assertThat(storage.head("c")).isEmpty();
    assertThatThrownBy(() -> storage.open("a/b"))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> storage.open("c"))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    storage.delete("a/b");
    storage.delete("c");
    storage.delete("c/d");
    storage.put("c", new byte[] {4}, VIDEO);
    assertThat(storage.list("")).containsExactly("a", "c");
    try (Stream<Path> staging = Files.list(root.resolve("tmp"))) {
      assertThat(staging).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void lostMetadataIsRecoveredFromTheBytes() throws IOException {
    FsObjectStorage storage = FsObjectStorage.create(root, PUBLIC);
    storage.put("k", "hello".getBytes(), ObjectMetadata.of("text/plain", CachePolicy.MANIFEST));
    Files.delete(root.resolve("meta/k"));

    ObjectInfo info = storage.head("k").orElseThrow();

    assertThat(info.etag()).isEqualTo(FsUploadServerTest.md5Hex("hello".getBytes()));
    assertThat(info.metadata()).isEqualTo(ObjectMetadata.of(FsObjectStorage.DEFAULT_CONTENT_TYPE, CachePolicy.PRIVATE));
  }

  @Test
  void theUploadSecretIsOwnerOnlyAndIssuedUrlsSurviveARestart() throws IOException {
    URI url;
    try (FsObjectStorage before = FsObjectStorage.create(root, PUBLIC)) {
      url = before.uploads().presignPut("raw/x", 3, Instant.now().plusSeconds(600));
    }
    Path secret = root.resolve(".upload-secret");
    assertThat(Files.size(secret)).isEqualTo(32);
    if (Files.getFileStore(secret).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    }
    byte[] secretBytes = Files.readAllBytes(secret);

    try (FsObjectStorage after =
        FsObjectStorage.withUploadServer(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      URI sameUrlOnTheNewServer = after.uploadServer().orElseThrow().localUri().resolve(url.getRawPath() + "?" + url.getRawQuery());
      HttpResponse<String> response = Http.put(sameUrlOnTheNewServer, new byte[] {1, 2, 3});

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(after.head("raw/x")).isPresent();
    }
    assertThat(Files.readAllBytes(secret)).isEqualTo(secretBytes);
  }

  @Test
  void uploadUrlsLiveUnderTheBasePathAndTheServerOnlyAnswersThere() throws IOException {
    try (FsObjectStorage storage =
        FsObjectStorage.builder(root)
            .uploadsBaseUri(URI.create("https://uploads.example.com/media"))
            .buildWithUploadServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      URI url = storage.uploads().presignPut("raw/a b.mp4", 2, Instant.now().plusSeconds(60));
      assertThat(url.toString()).startsWith("https://uploads.example.com/media/upload/raw/a%20b.mp4?size=2&expires=");
      InetSocketAddress server = storage.uploadServer().orElseThrow().address();
      String query = "?" + url.getRawQuery();

      Http.RawResponse outside =
          Http.raw(server, "PUT /upload/raw/a%20b.mp4" + query + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2", new byte[2]);
      Http.RawResponse inside =
          Http.raw(server, "PUT " + url.getRawPath() + query + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2", new byte[2]);

      assertThat(outside.status()).isEqualTo(404);
      assertThat(inside.status()).isEqualTo(200);
      assertThat(storage.head("raw/a b.mp4")).isPresent();
    }
  }

  @Test
  void closingTheStorageStopsItsUploadServer() {
    FsObjectStorage storage =
        FsObjectStorage.withUploadServer(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress address = storage.uploadServer().orElseThrow().address();

    storage.close();
    storage.close();

    assertThat(storage.uploadServer()).isEmpty();
    assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void everyPartButTheLastMustReachTheMinimumSizeAndSmallPartsAreKept() {
    try (FsObjectStorage storage = smallPartStorage()) {
      String id = storage.uploads().create("raw/k", VIDEO);
      String e1 = put(storage, "raw/k", id, 1, new byte[1000]);
      String e2 = put(storage, "raw/k", id, 2, new byte[1024]);
      String e3 = put(storage, "raw/k", id, 3, new byte[10]);

      VodkitException e =
          catchThrowableOfType(
              VodkitException.class,
              () -> storage.uploads().complete("raw/k", id, List.of(part(1, e1), part(2, e2), part(3, e3))));

      assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
      assertThat(e.field()).isEqualTo("parts[1]");
      assertThat(storage.uploads().listParts("raw/k", id)).hasSize(3);
      String bigger = put(storage, "raw/k", id, 1, new byte[1024]);
      ObjectInfo info = storage.uploads().complete("raw/k", id, List.of(part(1, bigger), part(2, e2), part(3, e3)));
      assertThat(info.sizeBytes()).isEqualTo(2058);
      assertThat(info.etag()).endsWith("-3");
    }
  }

  @Test
  void partsMustBeListedInAscendingOrderWithoutRepeats() {
    try (FsObjectStorage storage = smallPartStorage()) {
      String id = storage.uploads().create("raw/k", VIDEO);
      String e1 = put(storage, "raw/k", id, 1, new byte[1024]);
      String e2 = put(storage, "raw/k", id, 2, new byte[5]);

      for (List<CompletedPart> parts : List.of(List.of(part(2, e2), part(1, e1)), List.of(part(1, e1), part(1, e1)))) {
        assertThatThrownBy(() -> storage.uploads().complete("raw/k", id, parts))
            .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
      }
      assertThat(storage.uploads().listParts("raw/k", id)).hasSize(2);
    }
  }

  @Test
  void aPartCorruptedOnDiskFailsCompletionNamingIt() throws IOException {
    try (FsObjectStorage storage = smallPartStorage()) {
      String id = storage.uploads().create("raw/k", VIDEO);
      String e1 = put(storage, "raw/k", id, 1, new byte[1024]);
      String e2 = put(storage, "raw/k", id, 2, new byte[5]);
      Files.write(root.resolve("uploads").resolve(id).resolve("part-00002"), new byte[] {9, 9, 9, 9, 9});

      VodkitException e =
          catchThrowableOfType(
              VodkitException.class, () -> storage.uploads().complete("raw/k", id, List.of(part(1, e1), part(2, e2))));

      assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
      assertThat(e.field()).isEqualTo("parts[2]");
      assertThat(storage.head("raw/k")).isEmpty();
      assertThat(storage.uploads().listParts("raw/k", id)).hasSize(2);
    }
  }

  @Test
  void anUploadIsOnlyFoundUnderItsOwnKey() {
    try (FsObjectStorage storage = smallPartStorage()) {
      String id = storage.uploads().create("raw/k", VIDEO);
      put(storage, "raw/k", id, 1, new byte[3]);

      for (Runnable op :
          List.<Runnable>of(
              () -> storage.uploads().listParts("raw/other", id),
              () -> storage.uploads().listParts("raw/k", "AAAAAAAAAAAAAAAAAAAAAAAA"),
              () -> storage.uploads().listParts("raw/k", "../../objects"),
              () -> storage.uploads().complete("raw/other", id, List.of(part(1, "abc"))))) {
        assertThatThrownBy(op::run)
            .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      }
      storage.uploads().abort("raw/other", id);
      storage.uploads().abort("raw/k", "../../objects");
      assertThat(storage.uploads().listParts("raw/k", id)).hasSize(1);
    }
  }

  @Test
  void theEndpointRefusesWeakSecretsAndNonHttpBases() {
    assertThatThrownBy(() -> FsUploadEndpoint.of(PUBLIC, new byte[31]))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    assertThatThrownBy(() -> FsUploadEndpoint.withRandomSecret(URI.create("ftp://x/")))
        .isInstanceOf(VodkitException.class);
    assertThatThrownBy(() -> FsUploadEndpoint.withRandomSecret(URI.create("/relative")))
        .isInstanceOf(VodkitException.class);
    assertThat(FsUploadEndpoint.withRandomSecret(URI.create("http://h:8080/a")).baseUri())
        .isEqualTo(URI.create("http://h:8080/a/"));
    assertThat(FsUploadEndpoint.of(PUBLIC, new byte[32]).toString()).doesNotContain("AAAA");
  }

  private FsObjectStorage smallPartStorage() {
    return FsObjectStorage.builder(root)
        .minPartSizeBytes(1024)
        .buildWithUploadServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  private static String put(FsObjectStorage storage, String key, String id, int n, byte[] body) {
    URI url = storage.uploads().presignPart(key, id, n, body.length, Instant.now().plusSeconds(60));
    HttpResponse<String> response = Http.put(url, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("ETag").orElseThrow();
  }

  private static CompletedPart part(int n, String etag) {
    return new CompletedPart(n, etag);
  }
}
