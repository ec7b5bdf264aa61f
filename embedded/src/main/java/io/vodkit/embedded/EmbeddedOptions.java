package io.vodkit.embedded;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the embedded parts listen and which URLs they hand out; see {@link EmbeddedParts}.
 * Immutable: every setter returns a changed copy. {@link #defaults()} is what {@code
 * VideoPipeline.embedded(dir)} uses: both listeners on an ephemeral loopback port, URLs of the
 * addresses actually bound, the origin started, data under the data directory.
 */
public final class EmbeddedOptions {
  /** The API base URL when none is set: embedded mode has no API listener. */
  public static final URI API_PLACEHOLDER = URI.create("http://localhost/");

  private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
  private static final EmbeddedOptions DEFAULTS =
      new EmbeddedOptions(LOOPBACK_ANY_PORT, null, LOOPBACK_ANY_PORT, null, true, API_PLACEHOLDER, null, null);

  private final InetSocketAddress uploadsBind;
  private final URI uploadsPublicUrl;
  private final InetSocketAddress cdnBind;
  private final URI cdnPublicUrl;
  private final boolean startOrigin;
  private final URI apiUrl;
  private final Path storageRoot;
  private final Path database;

  private EmbeddedOptions(
      InetSocketAddress uploadsBind, URI uploadsPublicUrl, InetSocketAddress cdnBind, URI cdnPublicUrl,
      boolean startOrigin, URI apiUrl, Path storageRoot, Path database) {
    this.uploadsBind = uploadsBind;
    this.uploadsPublicUrl = uploadsPublicUrl;
    this.cdnBind = cdnBind;
    this.cdnPublicUrl = cdnPublicUrl;
    this.startOrigin = startOrigin;
    this.apiUrl = apiUrl;
    this.storageRoot = storageRoot;
    this.database = database;
  }

  /** Loopback listeners on ephemeral ports, the origin on, data under the data directory. */
  public static EmbeddedOptions defaults() {
    return DEFAULTS;
  }

  /** Where the signed upload endpoint listens (port 0: a free port). Default {@code 127.0.0.1:0}. */
  public EmbeddedOptions uploadsBind(InetSocketAddress bind) {
    return new EmbeddedOptions(
        Objects.requireNonNull(bind, "bind"), uploadsPublicUrl, cdnBind, cdnPublicUrl, startOrigin, apiUrl,
        storageRoot, database);
  }

  /**
   * The base URL upload URLs use (a proxy in front of the upload listener); {@code null}, the
   * default, means the URL of the address actually bound.
   */
  public EmbeddedOptions uploadsPublicUrl(URI url) {
    return new EmbeddedOptions(
        uploadsBind, url, cdnBind, cdnPublicUrl, startOrigin, apiUrl, storageRoot, database);
  }

  /** Where the CDN origin listens when it is started (port 0: a free port). Default {@code 127.0.0.1:0}. */
  public EmbeddedOptions cdnBind(InetSocketAddress bind) {
    return new EmbeddedOptions(
        uploadsBind, uploadsPublicUrl, Objects.requireNonNull(bind, "bind"), cdnPublicUrl, startOrigin, apiUrl,
        storageRoot, database);
  }

  /**
   * The CDN base URL manifest URLs use (a CDN in front of the origin, or another server of the
   * object tree); {@code null}, the default, means the origin's own URL or, without an origin,
   * the {@code file:} URI of the object tree.
   */
  public EmbeddedOptions cdnPublicUrl(URI url) {
    return new EmbeddedOptions(
        uploadsBind, uploadsPublicUrl, cdnBind, url, startOrigin, apiUrl, storageRoot, database);
  }

  /** Whether to start the {@code FsOriginServer} (default true). */
  public EmbeddedOptions startOrigin(boolean start) {
    return new EmbeddedOptions(
        uploadsBind, uploadsPublicUrl, cdnBind, cdnPublicUrl, start, apiUrl, storageRoot, database);
  }

  /** The API base URL handed out; default {@link #API_PLACEHOLDER}. */
  public EmbeddedOptions apiUrl(URI url) {
    return new EmbeddedOptions(
        uploadsBind, uploadsPublicUrl, cdnBind, cdnPublicUrl, startOrigin, Objects.requireNonNull(url, "url"),
        storageRoot, database);
  }

  /** The storage root; {@code null}, the default, means {@code dataDir/storage}. */
  public EmbeddedOptions storageRoot(Path root) {
    return new EmbeddedOptions(
        uploadsBind, uploadsPublicUrl, cdnBind, cdnPublicUrl, startOrigin, apiUrl, root, database);
  }

  /** The SQLite file; {@code null}, the default, means {@code dataDir/vodkit.db}. */
  public EmbeddedOptions database(Path file) {
    return new EmbeddedOptions(
        uploadsBind, uploadsPublicUrl, cdnBind, cdnPublicUrl, startOrigin, apiUrl, storageRoot, file);
  }

  /** Where the upload endpoint listens. */
  public InetSocketAddress uploadsBind() {
    return uploadsBind;
  }

  /** The base URL upload URLs use, if not the bound address's. */
  public Optional<URI> uploadsPublicUrl() {
    return Optional.ofNullable(uploadsPublicUrl);
  }

  /** Where the origin listens. */
  public InetSocketAddress cdnBind() {
    return cdnBind;
  }

  /** The CDN base URL, if not the origin's (or the object tree's). */
  public Optional<URI> cdnPublicUrl() {
    return Optional.ofNullable(cdnPublicUrl);
  }

  /** Whether the origin is started. */
  public boolean startOrigin() {
    return startOrigin;
  }

  /** The API base URL. */
  public URI apiUrl() {
    return apiUrl;
  }

  /** The storage root, if not {@code dataDir/storage}. */
  public Optional<Path> storageRoot() {
    return Optional.ofNullable(storageRoot);
  }

  /** The SQLite file, if not {@code dataDir/vodkit.db}. */
  public Optional<Path> database() {
    return Optional.ofNullable(database);
  }

  @Override
  public String toString() {
    return "EmbeddedOptions[uploads=" + uploadsBind + (uploadsPublicUrl == null ? "" : " as " + uploadsPublicUrl)
        + ", cdn=" + (startOrigin ? cdnBind.toString() : "no origin")
        + (cdnPublicUrl == null ? "" : " as " + cdnPublicUrl) + ", api=" + apiUrl
        + (storageRoot == null ? "" : ", storage=" + storageRoot) + (database == null ? "" : ", db=" + database) + "]";
  }
}
