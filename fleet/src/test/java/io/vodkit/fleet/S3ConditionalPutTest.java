package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.storage.s3.S3ProxyServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the proposed conditional master write (If-None-Match: *) rests on: the S3-compatible
 * server the tests run (S3Proxy 4.1.0) refuses a second create of a key with 412 and keeps the
 * first object, as AWS S3 does since 2024. If an S3Proxy upgrade drops this, this test says so.
 */
class S3ConditionalPutTest {
  @Test
  void aSecondCreateOfTheSameKeyIsRefusedWith412AndTheFirstObjectStays() {
    S3ProxyServer s3 = S3ProxyServer.get();
    try (S3Client client =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(s3.endpoint())
            .region(Region.US_EAST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            // one attempt: a retried create would meet its own first write and see 412
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
            .build()) {
      String key = "fleet-conditional/" + System.nanoTime() + "/manifest.m3u8";

      client.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString("first"));
      S3Exception refused =
          catchThrowableOfType(
              S3Exception.class,
              () -> client.putObject(
                  b -> b.bucket(S3ProxyServer.BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString("second")));

      assertThat(refused).isNotNull();
      assertThat(refused.statusCode()).isEqualTo(412);
      assertThat(client.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key(key)).asUtf8String()).isEqualTo("first");
      client.deleteObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
    }
  }
}
