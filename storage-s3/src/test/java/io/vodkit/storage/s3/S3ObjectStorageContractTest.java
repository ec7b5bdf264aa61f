package io.vodkit.storage.s3;

import io.vodkit.spi.ObjectStorage;
import io.vodkit.testkit.ObjectStorageContractTest;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * The storage contract against a real S3-compatible server (S3Proxy, in this JVM): every part is
 * PUT over loopback HTTP to a SigV4-presigned URL, exactly as a client would. Parts are S3's
 * minimum of 5 MiB (the contract's default).
 */
class S3ObjectStorageContractTest extends ObjectStorageContractTest {
  @Override
  protected ObjectStorage newStorage() {
    return S3ProxyServer.get().newStorage();
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
