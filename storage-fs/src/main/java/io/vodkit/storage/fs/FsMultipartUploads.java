package io.vodkit.storage.fs;

import io.vodkit.CompletedPart;
import io.vodkit.VodkitException;
import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.PartInfo;
import io.vodkit.storage.fs.Sidecars.PartRecord;
import io.vodkit.storage.fs.Sidecars.UploadRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The multipart side of {@link FsObjectStorage}: uploads under {@code root/uploads/<id>/}, parts
 * written by the upload endpoint, verification and assembly on {@link #complete}.
 *
 * <p>Thread-safe: everything touching one upload holds that upload's lock, so a part being
 * replaced, an abort and a completion never interleave; different uploads run in parallel.
 */
final class FsMultipartUploads implements DirectUploads {
  static final int MAX_PART_NUMBER = 10_000;
  private static final int ID_BYTES = 18;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{24}");
  private static final Pattern PART_RECORD = Pattern.compile("part-(\\d{5})\\.json");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FsObjectStorage storage;
  private final Layout layout;
  private final StripedLocks uploadLocks = new StripedLocks(64);

  FsMultipartUploads(FsObjectStorage storage) {
    this.storage = storage;
    this.layout = storage.layout();
  }

  @Override
  public String create(String key, ObjectMetadata metadata) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(metadata, "metadata");
    UploadRecord record =
        new UploadRecord(key, metadata.contentType(), metadata.cacheControl(), storage.clock().millis());
    try {
      while (true) {
        String id = newId();
        try {
          Files.createDirectory(layout.uploadDir(id));
        } catch (FileAlreadyExistsException taken) {
          continue;
        }
        layout.writeJson(layout.uploadRecord(id), record);
        return id;
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot create an upload for " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public URI presignPart(String key, String uploadId, int partNumber, long sizeBytes, Instant expiresAt) {
    ObjectKeys.requireValid(key);
    if (!isValidId(uploadId)) {
      throw VodkitException.invalid("uploadId", "not an upload id of this storage: " + uploadId);
    }
    if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw VodkitException.invalid("partNumber", "part number must be 1..10000, was " + partNumber);
    }
    requireSize(sizeBytes);
    Objects.requireNonNull(expiresAt, "expiresAt");
    return storage
        .signedUrls()
        .toUri(new SignedUrls.Request(key, uploadId, partNumber, sizeBytes, expiresAt.getEpochSecond()));
  }

  @Override
  public URI presignPut(String key, long sizeBytes, Instant expiresAt) {
    ObjectKeys.requireValid(key);
    requireSize(sizeBytes);
    Objects.requireNonNull(expiresAt, "expiresAt");
    return storage.signedUrls().toUri(new SignedUrls.Request(key, null, 0, sizeBytes, expiresAt.getEpochSecond()));
  }

  @Override
  public List<PartInfo> listParts(String key, String uploadId) {
    ObjectKeys.requireValid(key);
    ReentrantLock lock = lockOf(uploadId);
    lock.lock();
    try {
      requireUpload(key, uploadId);
      return heldParts(uploadId);
    } catch (IOException e) {
      throw VodkitException.storage("cannot list parts of upload " + uploadId + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ObjectInfo complete(String key, String uploadId, List<CompletedPart> parts) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw VodkitException.invalid("parts", "completing an upload needs at least one part");
    }
    ReentrantLock lock = lockOf(uploadId);
    lock.lock();
    try {
      UploadRecord upload = requireUpload(key, uploadId);
      List<PartInfo> verified = verify(parts, heldParts(uploadId));
      MessageDigest partDigests = StagedFile.newMd5();
      try (StagedFile assembled = assemble(uploadId, verified, partDigests)) {
        String etag = multipartEtag(partDigests.digest(), verified.size());
        ObjectInfo info = storage.commit(key, assembled, upload.metadata(), etag);
        Layout.deleteRecursively(layout.uploadDir(uploadId));
        return info;
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot complete upload " + uploadId + " of " + key + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void abort(String key, String uploadId) {
    ObjectKeys.requireValid(key);
    if (!isValidId(uploadId)) {
      return;
    }
    ReentrantLock lock = lockOf(uploadId);
    lock.lock();
    try {
      Optional<UploadRecord> upload = Layout.readJson(layout.uploadRecord(uploadId), UploadRecord.class);
      if (upload.isPresent() && upload.get().key().equals(key)) {
        Layout.deleteRecursively(layout.uploadDir(uploadId));
      }
    } catch (IOException e) {
      throw VodkitException.storage("cannot abort upload " + uploadId + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ used by the upload endpoint

  /** Whether {@code uploadId} is an upload in progress for {@code key}. */
  boolean exists(String key, String uploadId) throws IOException {
    if (!isValidId(uploadId)) {
      return false;
    }
    return Layout.readJson(layout.uploadRecord(uploadId), UploadRecord.class)
        .map(u -> u.key().equals(key))
        .orElse(false);
  }

  /**
   * Makes {@code staged} part {@code partNumber} of the upload, replacing an earlier copy
   * atomically. NOT_FOUND if the upload was completed or aborted meanwhile.
   */
  PartInfo commitPart(String key, String uploadId, int partNumber, StagedFile staged) throws IOException {
    ReentrantLock lock = lockOf(uploadId);
    lock.lock();
    try {
      requireUpload(key, uploadId);
      PartRecord record = new PartRecord(partNumber, staged.sizeBytes(), staged.md5Hex());
      Layout.moveAtomically(staged.path(), layout.part(uploadId, partNumber));
      layout.writeJson(layout.partRecord(uploadId, partNumber), record);
      return new PartInfo(partNumber, record.sizeBytes(), record.etag());
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ internals

  private UploadRecord requireUpload(String key, String uploadId) throws IOException {
    if (!isValidId(uploadId)) {
      throw VodkitException.notFound("upload " + uploadId);
    }
    return Layout.readJson(layout.uploadRecord(uploadId), UploadRecord.class)
        .filter(u -> u.key().equals(key))
        .orElseThrow(() -> VodkitException.notFound("upload " + uploadId + " of " + key));
  }

  /** The parts held, sorted; a part whose bytes and record disagree (a crash mid-replace) is left out. */
  private List<PartInfo> heldParts(String uploadId) throws IOException {
    List<PartInfo> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(layout.uploadDir(uploadId))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher m = PART_RECORD.matcher(file.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        int number = Integer.parseInt(m.group(1));
        Optional<PartRecord> record = Layout.readJson(file, PartRecord.class);
        Path data = layout.part(uploadId, number);
        if (record.isPresent() && Files.isRegularFile(data) && Files.size(data) == record.get().sizeBytes()) {
          parts.add(new PartInfo(number, record.get().sizeBytes(), record.get().etag()));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    parts.sort(Comparator.comparingInt(PartInfo::partNumber));
    return parts;
  }

  /** Checks the client's list against what is held; returns the held parts in the listed order. */
  private List<PartInfo> verify(List<CompletedPart> claimed, List<PartInfo> heldList) {
    Map<Integer, PartInfo> held = new HashMap<>();
    for (PartInfo p : heldList) {
      held.put(p.partNumber(), p);
    }
    List<PartInfo> verified = new ArrayList<>(claimed.size());
    int previous = 0;
    for (CompletedPart part : claimed) {
      int n = part.partNumber();
      if (n <= previous) {
        throw VodkitException.invalid(
            "parts", "parts must be listed in ascending part number order without repeats; " + n + " follows " + previous);
      }
      previous = n;
      PartInfo stored = held.get(n);
      if (stored == null) {
        throw VodkitException.uploadVerification(
            n, "part " + n + " is not stored (client ETag " + part.etag() + ", storage has none); upload it and complete again");
      }
      if (!stored.etag().equalsIgnoreCase(part.etag())) {
        throw VodkitException.uploadVerification(
            n, "part " + n + " has ETag " + stored.etag() + " in storage but the client sent " + part.etag()
                + "; re-upload that part");
      }
      verified.add(stored);
    }
    long min = storage.minPartSizeBytes();
    for (int i = 0; i < verified.size() - 1; i++) {
      PartInfo p = verified.get(i);
      if (p.sizeBytes() < min) {
        throw VodkitException.uploadVerification(
            p.partNumber(), "part " + p.partNumber() + " is " + p.sizeBytes() + " bytes; every part but the last must be at least "
                + min + " bytes");
      }
    }
    return verified;
  }

  /**
   * Concatenates the parts into a staging file with in-kernel copies ({@link
   * FileChannel#transferTo}), while up to one thread per core re-computes each part's MD5 from its
   * file (a part corrupted on disk fails verification, naming it); feeds the digests, in part
   * order, to {@code partDigests}. Parts cannot change meanwhile: the caller holds the upload's lock.
   */
  private StagedFile assemble(String uploadId, List<PartInfo> parts, MessageDigest partDigests)
      throws IOException {
    Path tmp = layout.newTempFile("assemble-");
    int threads = Math.max(1, Math.min(parts.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService hashers = Executors.newFixedThreadPool(threads, daemon("vodkit-assemble-md5"));
    try {
      List<Future<byte[]>> digests = new ArrayList<>(parts.size());
      for (PartInfo part : parts) {
        Path file = layout.part(uploadId, part.partNumber());
        digests.add(hashers.submit(() -> StagedFile.md5Of(file)));
      }
      long total = 0;
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        for (PartInfo part : parts) {
          try (FileChannel in = FileChannel.open(layout.part(uploadId, part.partNumber()), StandardOpenOption.READ)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
              done += in.transferTo(done, size - done, out);
            }
            total += size;
          }
        }
        for (int i = 0; i < parts.size(); i++) {
          byte[] digest = awaitDigest(digests.get(i));
          String actual = HexFormat.of().formatHex(digest);
          PartInfo part = parts.get(i);
          if (!actual.equals(part.etag())) {
            throw VodkitException.uploadVerification(
                part.partNumber(),
                "part " + part.partNumber() + " is corrupt in storage: its bytes hash to " + actual
                    + " but it was stored as " + part.etag() + "; re-upload that part");
          }
          partDigests.update(digest);
        }
        out.force(true);
      }
      return StagedFile.of(tmp, total);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      hashers.shutdownNow();
    }
  }

  private static byte[] awaitDigest(Future<byte[]> digest) throws IOException {
    try {
      return digest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while verifying the parts", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("verifying a part failed: " + e.getCause(), e.getCause());
    }
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** S3's multipart ETag: hex MD5 of the concatenated binary part MD5s, a dash, the part count. */
  private static String multipartEtag(byte[] md5OfPartDigests, int partCount) {
    return HexFormat.of().formatHex(md5OfPartDigests) + "-" + partCount;
  }

  private static void requireSize(long sizeBytes) {
    if (sizeBytes < 0) {
      throw VodkitException.invalid("size", "size must not be negative, was " + sizeBytes);
    }
  }

  private ReentrantLock lockOf(String uploadId) {
    return uploadLocks.of(String.valueOf(uploadId));
  }

  static boolean isValidId(String uploadId) {
    return uploadId != null && ID.matcher(uploadId).matches();
  }

  private static String newId() {
    byte[] bytes = new byte[ID_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
