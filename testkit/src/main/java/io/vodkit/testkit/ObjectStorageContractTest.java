package io.vodkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PartInfo;
import io.vodkit.spi.PutResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStorage} must have, as JUnit 5 tests. Extend it, implement
 * {@link #newStorage()} and {@link #putPart(URI, byte[])}, and run it against your backend.
 *
 * <p>Each test gets a fresh storage from {@link #newStorage()} (closed after the test) and works
 * under its own random key prefix, which it deletes afterwards, so a shared bucket is fine.
 * Multipart tests upload parts of {@link #partSizeBytes()} (5 MiB, S3's minimum, by default)
 * through the backend's presigned URLs exactly as a client would. Test methods run one at a time
 * per instance; the class is not meant to be used concurrently.
 */
public abstract class ObjectStorageContractTest {
  private static final ObjectMetadata VIDEO = ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE);
  private static final ObjectMetadata MANIFEST =
      ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST);

  private ObjectStorage storage;
  private String prefix;
  private final List<String[]> openUploads = new ArrayList<>();
  private final Random random = new Random(20_26);

  /** A storage to test; called once per test, closed after it. */
  protected abstract ObjectStorage newStorage();

  /**
   * PUTs {@code body} to a URL from {@code presignPart} or {@code presignPut} the way a client of
   * this backend does, fails (throws) unless the backend answers success, and returns the ETag
   * response header as sent (quotes included or not).
   */
  protected abstract String putPart(URI presignedUrl, byte[] body);

  /** Size of every multipart part but the last: at least the backend's minimum. Default 5 MiB. */
  protected int partSizeBytes() {
    return 5 * 1024 * 1024;
  }

  /** The storage under test in the current test. */
  protected final ObjectStorage storage() {
    return storage;
  }

  /** A key under this test's private prefix. */
  protected final String key(String name) {
    return prefix + name;
  }

  @BeforeEach
  final void openStorage() {
    storage = newStorage();
    prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  @AfterEach
  final void closeStorage() {
    try {
      for (String[] upload : openUploads) {
        try {
          storage.uploads().abort(upload[0], upload[1]);
        } catch (RuntimeException e) {
          // best effort cleanup
        }
      }
      storage.deletePrefix(prefix);
    } finally {
      storage.close();
    }
  }

  // ------------------------------------------------------------------ objects

  @Test
  void aStoredObjectCanBeOpenedAndHeadedWithItsMetadata() {
    byte[] bytes = randomBytes(10_000);
    Instant before = Instant.now().minusSeconds(60);
    storage.put(key("videos/v1/manifest.m3u8"), bytes, MANIFEST);

    assertThat(read(key("videos/v1/manifest.m3u8"))).isEqualTo(bytes);
    ObjectInfo info = storage.head(key("videos/v1/manifest.m3u8")).orElseThrow();
    assertThat(info.key()).isEqualTo(key("videos/v1/manifest.m3u8"));
    assertThat(info.sizeBytes()).isEqualTo(bytes.length);
    assertThat(info.etag()).isEqualTo(md5Hex(bytes));
    assertThat(info.metadata()).isEqualTo(MANIFEST);
    assertThat(info.lastModified()).isAfter(before);
  }

  @Test
  void aFileIsStoredWithTheSameBytes() throws IOException {
    byte[] bytes = randomBytes(300_000);
    Path file = Files.createTempFile("contract", ".bin");
    try {
      Files.write(file, bytes);
      storage.put(key("raw/source.mp4"), file, VIDEO);
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(sha256(read(key("raw/source.mp4")))).isEqualTo(sha256(bytes));
    assertThat(storage.head(key("raw/source.mp4")).orElseThrow().metadata()).isEqualTo(VIDEO);
  }

  @Test
  void listReturnsTheKeysUnderAPrefixSortedAndNothingElse() {
    for (String name : List.of("b/2.m4s", "a/10.m4s", "a/1.m4s", "a/0.m4s", "ab.txt")) {
      storage.put(key(name), name.getBytes(), MANIFEST);
    }

    assertThat(storage.list(prefix))
        .containsExactly(key("a/0.m4s"), key("a/1.m4s"), key("a/10.m4s"), key("ab.txt"), key("b/2.m4s"));
    assertThat(storage.list(key("a/"))).containsExactly(key("a/0.m4s"), key("a/1.m4s"), key("a/10.m4s"));
    assertThat(storage.list(key("a"))).containsExactly(key("a/0.m4s"), key("a/1.m4s"), key("a/10.m4s"), key("ab.txt"));
    assertThat(storage.list(key("nothing/"))).isEmpty();
  }

  @Test
  void deleteRemovesTheObjectAndDeletingAMissingKeyIsFine() {
    storage.put(key("x/y.bin"), new byte[] {1, 2, 3}, VIDEO);
    storage.put(key("x/z.bin"), new byte[] {4}, VIDEO);

    storage.delete(key("x/y.bin"));
    storage.delete(key("x/y.bin"));
    storage.delete(key("never/written"));

    assertThat(storage.head(key("x/y.bin"))).isEmpty();
    assertThat(storage.list(prefix)).containsExactly(key("x/z.bin"));
    storage.deletePrefix(key("x/"));
    assertThat(storage.list(prefix)).isEmpty();
  }

  @Test
  void aSecondPutReplacesTheObjectAndItsMetadataWholly() {
    storage.put(key("m.txt"), "a much longer first version".getBytes(), VIDEO);
    storage.put(key("m.txt"), "second".getBytes(), MANIFEST);

    assertThat(new String(read(key("m.txt")))).isEqualTo("second");
    ObjectInfo info = storage.head(key("m.txt")).orElseThrow();
    assertThat(info.sizeBytes()).isEqualTo(6);
    assertThat(info.etag()).isEqualTo(md5Hex("second".getBytes()));
    assertThat(info.metadata()).isEqualTo(MANIFEST);
  }

  @Test
  void readersNeverSeeAHalfReplacedObject() throws Exception {
    byte[] a = new byte[256 * 1024];
    byte[] b = new byte[96 * 1024];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    String k = key("hot/manifest.m3u8");
    storage.put(k, a, MANIFEST);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> reader =
          pool.submit(
              () -> {
                int reads = 0;
                while (writing.get() || reads < 5) {
                  byte[] seen = read(k);
                  assertThat(Arrays.equals(seen, a) || Arrays.equals(seen, b))
                      .as("read %d bytes that are neither version", seen.length)
                      .isTrue();
                  reads++;
                }
                return reads;
              });
      for (int i = 0; i < 20; i++) {
        storage.put(k, i % 2 == 0 ? b : a, MANIFEST);
      }
      writing.set(false);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void headOfAMissingKeyIsEmpty() {
    assertThat(storage.head(key("missing.bin"))).isEmpty();
  }

  @Test
  void openingAMissingKeyFailsWithNotFound() {
    assertThatThrownBy(() -> storage.open(key("missing.bin")).close())
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void readFirstBytesReturnsThePrefixOrTheWholeShortObjectAndNotFoundForAMissingKey() {
    byte[] bytes = randomBytes(100_000);
    storage.put(key("raw/v1/source"), bytes, MANIFEST);
    storage.put(key("raw/v1/empty"), new byte[0], MANIFEST);

    assertThat(storage.readFirstBytes(key("raw/v1/source"), 65_536)).isEqualTo(Arrays.copyOf(bytes, 65_536));
    assertThat(storage.readFirstBytes(key("raw/v1/source"), 1)).containsExactly(bytes[0]);
    assertThat(storage.readFirstBytes(key("raw/v1/source"), 200_000)).isEqualTo(bytes);
    assertThat(storage.readFirstBytes(key("raw/v1/empty"), 65_536)).isEmpty();
    assertThatThrownBy(() -> storage.readFirstBytes(key("missing.bin"), 16))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  // ------------------------------------------------------------------ conditional writes

  @Test
  void putIfAbsentCreatesOnceAndASecondCreateReportsTheFirstObjectAndKeepsIt() {
    String k = key("videos/v1/manifest.m3u8");

    PutResult first = storage.putIfAbsent(k, "first".getBytes(), MANIFEST);
    PutResult second = storage.putIfAbsent(k, "second, longer".getBytes(), VIDEO);

    assertThat(first.created()).isTrue();
    assertThat(first.etag()).isEqualTo(md5Hex("first".getBytes()));
    assertThat(second.created()).as("the key was taken").isFalse();
    assertThat(second.etag()).as("the ETag of the object found").isEqualTo(md5Hex("first".getBytes()));
    assertThat(new String(read(k))).isEqualTo("first");
    ObjectInfo info = storage.head(k).orElseThrow();
    assertThat(info.etag()).isEqualTo(md5Hex("first".getBytes()));
    assertThat(info.metadata()).isEqualTo(MANIFEST);
  }

  @Test
  void putIfMatchReplacesOnlyTheVersionItNamesAndAStaleEtagChangesNothing() {
    String k = key("videos/v1/manifest.mpd");
    storage.put(k, "v1".getBytes(), MANIFEST);
    String v1 = storage.head(k).orElseThrow().etag();

    assertThat(storage.putIfMatch(k, "v2".getBytes(), VIDEO, md5Hex("never stored".getBytes()))).isFalse();
    assertThat(new String(read(k))).isEqualTo("v1");
    assertThat(storage.head(k).orElseThrow().metadata()).isEqualTo(MANIFEST);

    assertThat(storage.putIfMatch(k, "v2".getBytes(), VIDEO, "\"" + v1 + "\"")).as("quotes ignored").isTrue();
    assertThat(new String(read(k))).isEqualTo("v2");
    ObjectInfo replaced = storage.head(k).orElseThrow();
    assertThat(replaced.etag()).isEqualTo(md5Hex("v2".getBytes()));
    assertThat(replaced.metadata()).isEqualTo(VIDEO);

    assertThat(storage.putIfMatch(k, "v3".getBytes(), MANIFEST, v1)).as("v1 is stale now").isFalse();
    assertThat(new String(read(k))).isEqualTo("v2");
    assertThat(storage.head(k).orElseThrow().etag()).isEqualTo(md5Hex("v2".getBytes()));
  }

  @Test
  void putIfMatchOnAMissingKeyCreatesNothing() {
    String k = key("videos/v1/gone.m3u8");

    assertThat(storage.putIfMatch(k, "v2".getBytes(), MANIFEST, md5Hex("v1".getBytes()))).isFalse();

    assertThat(storage.head(k)).isEmpty();
    assertThat(storage.list(prefix)).isEmpty();
  }

  @Test
  void ofThreadsRacingToCreateAKeyExactlyOneWinsAndTheOthersSeeItsObject() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String k = key("race/" + round + "/manifest.m3u8");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PutResult>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] mine = ("writer " + t + " of round " + round).getBytes();
          results.add(pool.submit(() -> {
            go.await();
            return storage.putIfAbsent(k, mine, MANIFEST);
          }));
        }
        go.countDown();
        List<PutResult> done = new ArrayList<>();
        for (Future<PutResult> f : results) {
          done.add(f.get(60, TimeUnit.SECONDS));
        }

        assertThat(done).filteredOn(PutResult::created).as("winners of round %d", round).hasSize(1);
        String winnerEtag = done.stream().filter(PutResult::created).findFirst().orElseThrow().etag();
        assertThat(done).extracting(PutResult::etag).as("every writer names the winner's object").containsOnly(winnerEtag);
        assertThat(md5Hex(read(k))).isEqualTo(winnerEtag);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ direct uploads

  @Test
  void aSinglePresignedPutStoresTheWholeObject() {
    byte[] bytes = randomBytes(200_000);
    String k = key("raw/single.mp4");
    URI url = uploads().presignPut(k, bytes.length, inAnHour());

    String etag = putPart(url, bytes);

    assertThat(CompletedPart.stripQuotes(etag)).isEqualTo(md5Hex(bytes));
    assertThat(storage.head(k).orElseThrow().sizeBytes()).isEqualTo(bytes.length);
    assertThat(sha256(read(k))).isEqualTo(sha256(bytes));
  }

  @Test
  void partsUploadedOutOfOrderAssembleToTheExactBytes() {
    byte[] file = randomBytes(2 * partSizeBytes() + 12_345);
    String k = key("raw/multipart.mp4");
    String id = createUpload(k, VIDEO);

    String etag3 = upload(k, id, 3, file);
    String etag1 = upload(k, id, 1, file);
    String etag2 = upload(k, id, 2, file);
    ObjectInfo info =
        uploads().complete(k, id, List.of(part(1, etag1), part(2, etag2), part(3, etag3)));

    assertThat(info.key()).isEqualTo(k);
    assertThat(info.sizeBytes()).isEqualTo(file.length);
    assertThat(info.metadata()).isEqualTo(VIDEO);
    assertThat(sha256(read(k))).isEqualTo(sha256(file));
    ObjectInfo head = storage.head(k).orElseThrow();
    assertThat(head.sizeBytes()).isEqualTo(file.length);
    assertThat(head.etag()).isEqualTo(info.etag());
    assertThat(head.metadata()).isEqualTo(VIDEO);
  }

  @Test
  void reuploadingAPartReplacesTheEarlierCopy() {
    byte[] file = randomBytes(partSizeBytes() + 1000);
    String k = key("raw/redo.mp4");
    String id = createUpload(k, VIDEO);
    byte[] wrong = slice(file, 1).clone();
    wrong[0] ^= 0x55;

    String firstEtag = putPart(uploads().presignPart(k, id, 1, wrong.length, inAnHour()), wrong);
    String etag1 = upload(k, id, 1, file);
    String etag2 = upload(k, id, 2, file);

    assertThat(CompletedPart.stripQuotes(etag1)).isNotEqualTo(CompletedPart.stripQuotes(firstEtag));
    assertThat(uploads().listParts(k, id)).extracting(PartInfo::partNumber, PartInfo::etag)
        .containsExactly(
            tuple(1, CompletedPart.stripQuotes(etag1)),
            tuple(2, CompletedPart.stripQuotes(etag2)));
    uploads().complete(k, id, List.of(part(1, etag1), part(2, etag2)));
    assertThat(sha256(read(k))).isEqualTo(sha256(file));
  }

  @Test
  void listPartsShowsWhatIsHeldSoAClientCanResume() {
    byte[] file = randomBytes(2 * partSizeBytes() + 10);
    String k = key("raw/resume.mp4");
    String id = createUpload(k, VIDEO);
    assertThat(uploads().listParts(k, id)).isEmpty();

    String etag1 = upload(k, id, 1, file);
    String etag3 = upload(k, id, 3, file);

    List<PartInfo> held = uploads().listParts(k, id);
    assertThat(held).extracting(PartInfo::partNumber).containsExactly(1, 3);
    assertThat(held.get(0).sizeBytes()).isEqualTo(partSizeBytes());
    assertThat(held.get(0).etag()).isEqualTo(CompletedPart.stripQuotes(etag1));
    assertThat(held.get(1).sizeBytes()).isEqualTo(10);
    assertThat(held.get(1).etag()).isEqualTo(CompletedPart.stripQuotes(etag3));

    String etag2 = upload(k, id, 2, file); // the resuming client sends only what is missing
    uploads().complete(k, id, List.of(part(1, etag1), part(2, etag2), part(3, etag3)));
    assertThat(sha256(read(k))).isEqualTo(sha256(file));
  }

  @Test
  void completingWithAWrongEtagFailsNamingThePartAndKeepsEveryPart() {
    byte[] file = randomBytes(partSizeBytes() + 500);
    String k = key("raw/wrong-etag.mp4");
    String id = createUpload(k, VIDEO);
    String etag1 = upload(k, id, 1, file);
    String etag2 = upload(k, id, 2, file);
    String bogus = md5Hex("not part two".getBytes());

    VodkitException e =
        catchThrowableOfType(
            VodkitException.class,
            () -> uploads().complete(k, id, List.of(part(1, etag1), part(2, bogus))));

    assertThat(e).as("complete with a wrong ETag must fail").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
    assertThat(e.field()).isEqualTo("parts[2]");
    assertThat(e.getMessage()).contains(bogus).contains(CompletedPart.stripQuotes(etag2));
    assertThat(uploads().listParts(k, id)).extracting(PartInfo::partNumber).containsExactly(1, 2);
    assertThat(storage.head(k)).isEmpty();

    uploads().complete(k, id, List.of(part(1, etag1), part(2, etag2)));
    assertThat(sha256(read(k))).isEqualTo(sha256(file));
  }

  @Test
  void completingWithAMissingPartFailsNamingIt() {
    byte[] file = randomBytes(2 * partSizeBytes() + 500);
    String k = key("raw/missing-part.mp4");
    String id = createUpload(k, VIDEO);
    String etag1 = upload(k, id, 1, file);
    String etag3 = upload(k, id, 3, file);
    String neverSent = md5Hex(slice(file, 2));

    VodkitException e =
        catchThrowableOfType(
            VodkitException.class,
            () -> uploads().complete(k, id, List.of(part(1, etag1), part(2, neverSent), part(3, etag3))));

    assertThat(e).as("complete with a missing part must fail").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
    assertThat(e.field()).isEqualTo("parts[2]");
    assertThat(e.getMessage()).contains("2");
    assertThat(uploads().listParts(k, id)).extracting(PartInfo::partNumber).containsExactly(1, 3);
    assertThat(storage.head(k)).isEmpty();
  }

  @Test
  void abortDiscardsTheUploadAndItsParts() {
    byte[] file = randomBytes(partSizeBytes() + 100);
    String k = key("raw/aborted.mp4");
    String id = createUpload(k, VIDEO);
    upload(k, id, 1, file);

    uploads().abort(k, id);
    uploads().abort(k, id); // unknown by now: not an error

    List<PartInfo> left;
    try {
      left = uploads().listParts(k, id);
    } catch (VodkitException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      left = List.of();
    }
    assertThat(left).isEmpty();
    assertThat(storage.head(k)).isEmpty();
    assertThat(storage.list(prefix)).isEmpty();
  }

  @Test
  void nothingIsVisibleUnderTheKeyBeforeComplete() {
    byte[] file = randomBytes(partSizeBytes() + 100);
    String k = key("raw/pending.mp4");
    String id = createUpload(k, VIDEO);
    String etag1 = upload(k, id, 1, file);
    String etag2 = upload(k, id, 2, file);

    assertThat(storage.head(k)).isEmpty();
    assertThat(storage.list(prefix)).isEmpty();
    assertThatThrownBy(() -> storage.open(k).close())
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

    uploads().complete(k, id, List.of(part(1, etag1), part(2, etag2)));
    assertThat(storage.list(prefix)).containsExactly(k);
  }

  @Test
  void partsOfDifferentUploadsUploadedConcurrentlyStayApart() throws Exception {
    byte[] one = randomBytes(partSizeBytes() + 7);
    byte[] two = randomBytes(partSizeBytes() + 9);
    String k1 = key("raw/one.mp4");
    String k2 = key("raw/two.mp4");
    String id1 = createUpload(k1, VIDEO);
    String id2 = createUpload(k2, VIDEO);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> etags = new ArrayList<>();
      for (Object[] job : List.of(new Object[] {k1, id1, one}, new Object[] {k2, id2, two})) {
        for (int n = 1; n <= 2; n++) {
          int partNumber = n;
          etags.add(
              pool.submit(
                  () -> {
                    go.await();
                    return upload((String) job[0], (String) job[1], partNumber, (byte[]) job[2]);
                  }));
        }
      }
      go.countDown();
      uploads().complete(k1, id1, List.of(part(1, etags.get(0).get()), part(2, etags.get(1).get())));
      uploads().complete(k2, id2, List.of(part(1, etags.get(2).get()), part(2, etags.get(3).get())));
    } finally {
      pool.shutdownNow();
    }
    assertThat(sha256(read(k1))).isEqualTo(sha256(one));
    assertThat(sha256(read(k2))).isEqualTo(sha256(two));
  }

  // ------------------------------------------------------------------ helpers

  /** This storage's direct uploads. */
  protected final DirectUploads uploads() {
    return storage.uploads();
  }

  /** Starts an upload that is aborted after the test unless completed. */
  protected final String createUpload(String k, ObjectMetadata metadata) {
    String id = uploads().create(k, metadata);
    openUploads.add(new String[] {k, id});
    return id;
  }

  /** PUTs part {@code partNumber} of {@code file} (cut in {@link #partSizeBytes()} pieces); returns its ETag. */
  protected final String upload(String k, String uploadId, int partNumber, byte[] file) {
    byte[] body = slice(file, partNumber);
    return putPart(uploads().presignPart(k, uploadId, partNumber, body.length, inAnHour()), body);
  }

  /** Part {@code partNumber} (1-based) of {@code file} cut in {@link #partSizeBytes()} pieces. */
  protected final byte[] slice(byte[] file, int partNumber) {
    int from = (partNumber - 1) * partSizeBytes();
    return Arrays.copyOfRange(file, from, Math.min(file.length, from + partSizeBytes()));
  }

  protected static CompletedPart part(int partNumber, String etag) {
    return new CompletedPart(partNumber, etag);
  }

  protected static Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }

  protected final byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The whole object. */
  protected final byte[] read(String k) {
    try (InputStream in = storage.open(k)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected static String md5Hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest("MD5", bytes));
  }

  protected static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256", bytes));
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
