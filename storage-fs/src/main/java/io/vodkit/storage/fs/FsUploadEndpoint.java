package io.vodkit.storage.fs;

import io.vodkit.VodkitException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where presigned upload URLs point and the key that signs them: the public base URI of the
 * upload endpoint (the {@code uploads} base URL, e.g. {@code https://uploads.example.com/}) and
 * an HMAC-SHA256 secret of at least {@value #MIN_SECRET_BYTES} bytes.
 *
 * <p>URLs look like {@code {base}upload/{key}?…&expires=…&signature=…}. Whoever holds the secret
 * can mint upload URLs, so keep it private; every process serving or issuing URLs for the same
 * storage root needs the same secret. {@link #withPersistentSecret} keeps one in a file (mode
 * 0600 where the file system supports POSIX permissions) so URLs stay valid across restarts.
 *
 * <p>Immutable and thread-safe; holds no resources.
 */
public final class FsUploadEndpoint {
  /** The shortest accepted secret: 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI baseUri;
  private final byte[] secret;

  private FsUploadEndpoint(URI baseUri, byte[] secret) {
    this.baseUri = normalize(baseUri);
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw VodkitException.configuration(
          "the upload signing secret must be at least " + MIN_SECRET_BYTES + " bytes, was " + secret.length);
    }
    this.secret = secret.clone();
  }

  /** An endpoint with the given base URI and secret (copied; at least 32 bytes). */
  public static FsUploadEndpoint of(URI baseUri, byte[] secret) {
    return new FsUploadEndpoint(baseUri, secret);
  }

  /**
   * An endpoint with a fresh random secret held only in memory: URLs it signs die with the
   * process. For tests and throwaway setups.
   */
  public static FsUploadEndpoint withRandomSecret(URI baseUri) {
    return new FsUploadEndpoint(baseUri, randomSecret());
  }

  /**
   * An endpoint whose secret is read from {@code secretFile}, or generated (32 random bytes) and
   * written there first with owner-only permissions if the file does not exist yet.
   */
  public static FsUploadEndpoint withPersistentSecret(URI baseUri, Path secretFile) {
    return new FsUploadEndpoint(baseUri, loadOrCreateSecret(secretFile));
  }

  /** The public base URI of the upload endpoint, always ending in {@code /}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The raw path under which upload URLs live: the base path plus {@code upload/}. */
  String uploadPath() {
    return baseUri.getRawPath() + "upload/";
  }

  byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "FsUploadEndpoint[" + baseUri + "]";
  }

  private static URI normalize(URI uri) {
    Objects.requireNonNull(uri, "baseUri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw VodkitException.configuration("the uploads base URI must be an absolute http(s) URL, was " + uri);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw VodkitException.configuration("the uploads base URI must not have a query or fragment: " + uri);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path += "/";
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String host = uri.getHost();
    return URI.create(scheme + "://" + host + port + path);
  }

  private static byte[] randomSecret() {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  private static byte[] loadOrCreateSecret(Path file) {
    try {
      if (!Files.exists(file)) {
        createSecretFile(file);
      }
      byte[] secret = Files.readAllBytes(file);
      if (secret.length < MIN_SECRET_BYTES) {
        throw VodkitException.configuration(
            "upload secret file " + file + " holds " + secret.length + " bytes; it needs at least "
                + MIN_SECRET_BYTES + " (delete it to generate a new one, invalidating issued URLs)");
      }
      return secret;
    } catch (IOException e) {
      throw VodkitException.configuration("cannot read or create upload secret file " + file + ": " + e);
    }
  }

  /** Writes a complete secret to a temp file, then moves it into place unless another got there first. */
  private static void createSecretFile(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = ownerOnlyTempFile(dir);
    try {
      byte[] secret = randomSecret();
      Files.write(tmp, secret, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      Arrays.fill(secret, (byte) 0);
      try {
        Files.move(tmp, file);
      } catch (FileAlreadyExistsException raced) {
        // another process created it meanwhile: use theirs
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path ownerOnlyTempFile(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
      return Files.createTempFile(dir, ".upload-secret", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
    }
    return Files.createTempFile(dir, ".upload-secret", ".tmp");
  }
}
