package io.vodkit.storage.s3;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real S3-compatible server in this JVM: S3Proxy on an in-memory blob store, listening on a free
 * loopback port, checking SigV4 signatures (header and presigned) with fixed test keys. One server
 * per JVM, started on first use and stopped when the JVM exits; tests isolate themselves by key
 * prefix or bucket. Thread-safe. Shared with other modules' tests through this module's test-jar
 * (they must add the {@code org.gaul:s3proxy} test dependency with this module's exclusions).
 */
public final class S3ProxyServer {
  public static final String ACCESS_KEY = "vodkit-test-access";
  public static final String SECRET_KEY = "vodkit-test-secret-key";
  public static final String BUCKET = "vodkit-test";

  private static S3ProxyServer instance;
  private static S3ProxyServer withoutConditionalWrites;

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final URI endpoint;

  private S3ProxyServer(BlobStore blobStore) throws Exception {
    this.blobStore = blobStore;
    proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    proxy.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!"STARTED".equals(proxy.getState())) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    blobStore.createContainer(BUCKET);
  }

  /** The running server (started on first call). */
  public static synchronized S3ProxyServer get() {
    if (instance == null) {
      instance = start(new TransientNio2BlobStore());
    }
    return instance;
  }

  /**
   * A second server (started on first call) like an S3-compatible store without conditional
   * writes: it answers {@code If-None-Match} / {@code If-Match} on PutObject with 501. (S3Proxy
   * decides by the blob store's class, so the in-memory store is hidden behind a JDK proxy.)
   */
  public static synchronized S3ProxyServer withoutConditionalWrites() {
    if (withoutConditionalWrites == null) {
      BlobStore memory = new TransientNio2BlobStore();
      BlobStore hidden = (BlobStore) Proxy.newProxyInstance(
          BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class}, (self, method, args) -> {
            try {
              return method.invoke(memory, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      withoutConditionalWrites = start(hidden);
    }
    return withoutConditionalWrites;
  }

  private static S3ProxyServer start(BlobStore blobStore) {
    S3ProxyServer started;
    try {
      started = new S3ProxyServer(blobStore);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start S3Proxy", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "s3proxy-stop"));
    return started;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A storage on the test bucket that owns its own clients, as an application would build it. */
  public S3ObjectStorage newStorage() {
    return storageBuilder(BUCKET).build();
  }

  /** A builder pointed at this server with the test keys; path-style, us-east-1. */
  public S3ObjectStorage.Builder storageBuilder(String bucket) {
    return S3ObjectStorage.builder(bucket)
        .endpointOverride(endpoint)
        .pathStyle(true)
        .region(Region.US_EAST_1)
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is exiting anyway
    }
  }
}
