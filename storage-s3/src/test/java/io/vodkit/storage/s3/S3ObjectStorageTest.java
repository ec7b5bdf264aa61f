package io.vodkit.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.PartInfo;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** What S3 adds to the contract: SigV4 presigned URLs, S3's limits, error mapping, client ownership. */
class S3ObjectStorageTest {
  private static final ObjectMetadata VIDEO = ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE);
  private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

  @TempDir Path tmp;
  private final S3ProxyServer server = S3ProxyServer.get();
  private final Random random = new Random(4);
  private final List<String[]> openUploads = new ArrayList<>();
  private S3ObjectStorage storage;
  private String prefix;

  @BeforeEach
  void open() {
    storage = server.newStorage();
    prefix = "s3-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  @AfterEach
  void close() {
    try {
      for (String[] upload : openUploads) {
        storage.uploads().abort(upload[0], upload[1]);
      }
      storage.deletePrefix(prefix);
    } finally {
      storage.close();
    }
  }

  @Test
  void anExpiredPresignedUrlIsRefusedAndStoresNothing() throws InterruptedException {
    String key = prefix + "raw/late.mp4";
    byte[] body = bytes(1000);
    URI url = storage.uploads().presignPut(key, body.length, Instant.now().plusSeconds(1));

    Thread.sleep(2_100);
    HttpResponse<String> response = Http.put(url, body);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void aForgedSignatureIsRefused() {
    String key = prefix + "raw/forged.mp4";
    byte[] body = bytes(1000);
    URI url = storage.uploads().presignPut(key, body.length, inAnHour());
    String signed = url.toString();
    char last = signed.charAt(signed.length() - 1);
    URI forged = URI.create(signed.substring(0, signed.length() - 1) + (last == '0' ? '1' : '0'));

    assertThat(signed).contains("X-Amz-Signature=");
    assertThat(Http.put(forged, body).statusCode()).isEqualTo(403);
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void aPartUrlSignedForOnePartCannotStoreAnother() {
    String key = prefix + "raw/swap.mp4";
    String id = createUpload(key);
    URI part1 = storage.uploads().presignPart(key, id, 1, 10, inAnHour());
    URI asPart2 = URI.create(part1.toString().replace("partNumber=1", "partNumber=2"));

    assertThat(asPart2).isNotEqualTo(part1);
    assertThat(Http.put(asPart2, bytes(10)).statusCode()).isEqualTo(403);
    assertThat(storage.uploads().listParts(key, id)).isEmpty();
  }

  @Test
  void aPresignedUrlAcceptsOnlyTheSignedSize() {
    String key = prefix + "raw/sized.mp4";
    String id = createUpload(key);
    URI url = storage.uploads().presignPart(key, id, 1, 1000, inAnHour());

    assertThat(Http.put(url, bytes(1001)).statusCode()).isEqualTo(403);
    assertThat(Http.put(url, bytes(999)).statusCode()).isEqualTo(403);
    assertThat(storage.uploads().listParts(key, id)).isEmpty();
    assertThat(Http.put(url, bytes(1000)).statusCode()).isEqualTo(200);
  }

  @Test
  void aZeroLengthSinglePutStoresAnEmptyObject() {
    String key = prefix + "raw/empty.mp4";
    URI url = storage.uploads().presignPut(key, 0, inAnHour());

    HttpResponse<String> response = Http.put(url, new byte[0]);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(CompletedPart.stripQuotes(response.headers().firstValue("ETag").orElseThrow())).isEqualTo(EMPTY_MD5);
    assertThat(storage.head(key).orElseThrow().sizeBytes()).isZero();
    assertThat(storage.head(key).orElseThrow().etag()).isEqualTo(EMPTY_MD5);
  }

  @Test
  void aPresignedGetServesAPrivateObjectWithItsHeaders() {
    String key = prefix + "videos/v/seg_00000.m4s";
    byte[] body = bytes(4096);
    storage.put(key, body, ObjectMetadata.of("video/iso.segment", CachePolicy.IMMUTABLE));

    HttpResponse<byte[]> response = Http.get(storage.presignGet(key, Duration.ofMinutes(5)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue(CachePolicy.IMMUTABLE);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("video/iso.segment");
  }

  @Test
  void anUnsignedGetOfAnObjectIsRefused() {
    String key = prefix + "raw/private.mp4";
    storage.put(key, bytes(100), VIDEO);

    URI plain = URI.create(server.endpoint() + "/" + S3ProxyServer.BUCKET + "/" + key);

    assertThat(Http.get(plain).statusCode()).isEqualTo(403);
  }

  @Test
  void aFileIsStreamedUpWithItsContentTypeAndCacheControl() throws Exception {
    Path file = tmp.resolve("source.mp4");
    Files.write(file, bytes(3 << 20));
    String key = prefix + "raw/file.mp4";

    storage.put(key, file, VIDEO);

    assertThat(storage.head(key).orElseThrow().metadata()).isEqualTo(VIDEO);
    assertThat(storage.head(key).orElseThrow().sizeBytes()).isEqualTo(3 << 20);
  }

  @Test
  void listPartsReportsEveryHeldPartWithItsSizeAndEtag() {
    String key = prefix + "raw/listed.mp4";
    String id = createUpload(key);
    List<String> etags = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      byte[] body = bytes(10 + n);
      etags.add(CompletedPart.stripQuotes(Http.put(storage.uploads().presignPart(key, id, n, body.length, inAnHour()), body).headers().firstValue("ETag").orElseThrow()));
    }

    List<PartInfo> parts = storage.uploads().listParts(key, id);

    assertThat(parts).extracting(PartInfo::partNumber).containsExactly(1, 2, 3, 4, 5);
    assertThat(parts).extracting(PartInfo::sizeBytes).containsExactly(11L, 12L, 13L, 14L, 15L);
    assertThat(parts).extracting(PartInfo::etag).containsExactlyElementsOf(etags);
  }

  @Test
  void aPartUnder5MibBeforeTheLastFailsVerificationNamingItAndKeepsTheParts() {
    String key = prefix + "raw/small-parts.mp4";
    String id = createUpload(key);
    String etag1 = Http.put(storage.uploads().presignPart(key, id, 1, 100, inAnHour()), bytes(100)).headers().firstValue("ETag").orElseThrow();
    String etag2 = Http.put(storage.uploads().presignPart(key, id, 2, 100, inAnHour()), bytes(100)).headers().firstValue("ETag").orElseThrow();

    VodkitException e =
        catchThrowableOfType(
            VodkitException.class,
            () -> storage.uploads().complete(key, id, List.of(new CompletedPart(1, etag1), new CompletedPart(2, etag2))));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
    assertThat(e.field()).isEqualTo("parts[1]");
    assertThat(storage.uploads().listParts(key, id)).hasSize(2);
  }

  @Test
  void completingAnAbortedUploadFailsAndStoresNothing() {
    String key = prefix + "raw/gone.mp4";
    String id = storage.uploads().create(key, VIDEO);
    storage.uploads().abort(key, id);

    // S3 answers NoSuchUpload (NOT_FOUND); S3Proxy lists no parts, so part 1 is reported missing
    assertThatThrownBy(() -> storage.uploads().complete(key, id, List.of(new CompletedPart(1, EMPTY_MD5))))
        .isInstanceOfSatisfying(
            VodkitException.class,
            e -> assertThat(e.code()).isIn(ErrorCode.NOT_FOUND, ErrorCode.UPLOAD_VERIFICATION_FAILED));
    assertThat(storage.head(key)).isEmpty();
  }

  @Test
  void aMissingBucketIsAConfigurationError() {
    try (S3ObjectStorage nowhere = server.storageBuilder("no-such-bucket-" + UUID.randomUUID()).build()) {
      assertThatThrownBy(() -> nowhere.put("a.txt", new byte[] {1}, VIDEO))
          .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }
  }

  @Test
  void anUnreachableEndpointIsARetryableStorageFailure() {
    try (S3ObjectStorage down =
        S3ObjectStorage.builder(S3ProxyServer.BUCKET)
            .endpointOverride(URI.create("http://127.0.0.1:1"))
            .pathStyle(true)
            .credentials(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
            .build()) {
      assertThatThrownBy(() -> down.head("a.txt"))
          .isInstanceOfSatisfying(
              VodkitException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
                assertThat(e.isRetryable()).isTrue();
              });
    }
  }

  @Test
  void presignedUrlsLiveBetweenNowAndSevenDays() {
    String key = prefix + "raw/x.mp4";

    assertThatThrownBy(() -> storage.uploads().presignPut(key, 1, Instant.now().minusSeconds(1)))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    assertThatThrownBy(() -> storage.uploads().presignPut(key, 1, Instant.now().plus(Duration.ofDays(8))))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    assertThat(storage.uploads().presignPut(key, 1, Instant.now().plus(Duration.ofDays(7)).minusSeconds(5)).toString())
        .contains("X-Amz-Expires=604");
  }

  @Test
  void aStorageOnBorrowedClientsLeavesThemOpen() {
    S3ObjectStorage owner = server.newStorage();
    try {
      S3Client client = owner.client();
      S3Presigner presigner = owner.presigner();
      S3ObjectStorage borrowing = S3ObjectStorage.create(client, presigner, S3ProxyServer.BUCKET);
      borrowing.put(prefix + "borrowed.txt", new byte[] {7}, VIDEO);

      borrowing.close();

      assertThat(owner.head(prefix + "borrowed.txt")).isPresent();
    } finally {
      owner.close();
    }
  }

  private String createUpload(String key) {
    String id = storage.uploads().create(key, VIDEO);
    openUploads.add(new String[] {key, id});
    return id;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }
}
