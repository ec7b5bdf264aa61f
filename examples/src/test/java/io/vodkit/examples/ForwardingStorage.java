package io.vodkit.examples;

import io.vodkit.spi.DirectUploads;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PutResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Test helper: an {@link ObjectStorage} that hands every call to {@code delegate}, so a test's
 * storage overrides only the calls it hooks.
 */
abstract class ForwardingStorage implements ObjectStorage {
  protected final ObjectStorage delegate;

  ForwardingStorage(ObjectStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public void put(String key, Path source, ObjectMetadata metadata) {
    delegate.put(key, source, metadata);
  }

  @Override
  public void put(String key, byte[] bytes, ObjectMetadata metadata) {
    delegate.put(key, bytes, metadata);
  }

  @Override
  public PutResult putIfAbsent(String key, byte[] bytes, ObjectMetadata metadata) {
    return delegate.putIfAbsent(key, bytes, metadata);
  }

  @Override
  public boolean putIfMatch(String key, byte[] bytes, ObjectMetadata metadata, String expectedEtag) {
    return delegate.putIfMatch(key, bytes, metadata, expectedEtag);
  }

  @Override
  public InputStream open(String key) {
    return delegate.open(key);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return delegate.head(key);
  }

  @Override
  public List<String> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public DirectUploads uploads() {
    return delegate.uploads();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
