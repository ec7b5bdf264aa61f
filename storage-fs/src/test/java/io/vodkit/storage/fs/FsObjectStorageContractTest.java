package io.vodkit.storage.fs;

import io.vodkit.spi.ObjectStorage;
import io.vodkit.testkit.ObjectStorageContractTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract against a real FsUploadServer: parts are PUT over loopback HTTP. */
class FsObjectStorageContractTest extends ObjectStorageContractTest {
  @TempDir Path root;

  @Override
  protected ObjectStorage newStorage() {
    return FsObjectStorage.withUploadServer(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @Override
  protected String putPart(URI presignedUrl, byte[] body) {
    HttpResponse<String> response = Http.put(presignedUrl, body);
    if (response.statusCode() != 200) {
      throw new AssertionError("PUT " + presignedUrl + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag header"));
  }
}
