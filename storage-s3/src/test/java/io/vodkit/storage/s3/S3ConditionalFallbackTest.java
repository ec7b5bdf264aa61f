package io.vodkit.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * On an S3-compatible store without conditional writes (it answers 501) the conditional puts
 * still behave as the contract says for one writer at a time, through the non-atomic fallback.
 */
class S3ConditionalFallbackTest {
  private static final ObjectMetadata MANIFEST = ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST);

  @Test
  void conditionalPutsFallBackToHeadThenPutWhenTheStoreAnswers501() throws IOException {
    S3ProxyServer server = S3ProxyServer.withoutConditionalWrites();
    String prefix = "fallback-" + UUID.randomUUID() + "/";
    try (S3ObjectStorage storage = server.newStorage()) {
      S3Exception refused = catchThrowableOfType(S3Exception.class, () -> storage.client().putObject(
          b -> b.bucket(S3ProxyServer.BUCKET).key(prefix + "probe").ifNoneMatch("*"), RequestBody.fromString("x")));
      assertThat(refused).as("this store refuses conditional writes").isNotNull();
      assertThat(refused.statusCode()).isEqualTo(501);

      String key = prefix + "manifest.m3u8";
      PutResult first = storage.putIfAbsent(key, "first".getBytes(), MANIFEST);
      PutResult second = storage.putIfAbsent(key, "second".getBytes(), MANIFEST);
      assertThat(first.created()).isTrue();
      assertThat(second.created()).isFalse();
      assertThat(second.etag()).isEqualTo(first.etag());
      assertThat(read(storage, key)).isEqualTo("first");

      assertThat(storage.putIfMatch(key, "stale".getBytes(), MANIFEST, "0123456789abcdef0123456789abcdef")).isFalse();
      assertThat(read(storage, key)).isEqualTo("first");
      assertThat(storage.putIfMatch(key, "next".getBytes(), MANIFEST, first.etag())).isTrue();
      assertThat(read(storage, key)).isEqualTo("next");
      storage.deletePrefix(prefix);
    }
  }

  private static String read(S3ObjectStorage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return new String(in.readAllBytes());
    }
  }
}
