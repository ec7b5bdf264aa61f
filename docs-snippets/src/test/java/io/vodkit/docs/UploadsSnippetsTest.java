package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.BaseUrls;
import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.dash.DashManifestWriter;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.hls.HlsManifestWriter;
import io.vodkit.storage.s3.S3ObjectStorage;
import io.vodkit.storage.s3.S3ProxyServer;
import io.vodkit.store.jdbc.JdbcStore;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** src-docs/uploads.md's S3 wiring, run against S3Proxy in this JVM. */
class UploadsSnippetsTest {
  @TempDir Path dir;

  private final URI endpoint = S3ProxyServer.get().endpoint();
  private final String key = S3ProxyServer.ACCESS_KEY;
  private final String secret = S3ProxyServer.SECRET_KEY;
  private final URI apiUrl = URI.create("https://api.example.com/");
  private final URI cdnUrl = URI.create("https://cdn.example.com/");

  @Test
  void aPipelineOnS3IssuesPresignedUploadUrlsForTheBucket() {
    createBucket("my-videos");
    // snippet:uploads-s3-builder
    S3ObjectStorage storage =
        S3ObjectStorage.builder("my-videos")
            .endpointOverride(endpoint)                             // MinIO, Ceph, R2…; omit for AWS
            .pathStyle(true)                                        // most self-hosted stores need it
            .region(Region.US_EAST_1)                               // default: the SDK's chain, or us-east-1 with an endpoint
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))  // default: the SDK's chain
            .build();                                               // owns its client + presigner; close() closes them

    VideoPipeline vodkit =
        VideoPipeline.builder()
            .storage(storage)
            .store(JdbcStore.sqlite(dir.resolve("vodkit.db")))
            .transcoder(FfmpegTranscoder.onPath())
            .manifestWriter(new HlsManifestWriter())
            .manifestWriter(new DashManifestWriter())
            .baseUrls(BaseUrls.of(apiUrl, URI.create("https://my-videos.s3.amazonaws.com/"), cdnUrl))
            .build();
    // end:uploads-s3-builder
    try (vodkit) {
      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "on s3", "video/mp4", 12L << 20));
      assertThat(up.parts()).hasSize(2);
      assertThat(up.parts().get(0).url().toString())
          .startsWith(endpoint + "/my-videos/")
          .contains("partNumber=1")
          .contains("X-Amz-Signature=");
    }
  }

  @Test
  void aStorageOnTheApplicationsOwnClientsLeavesThemOpen() {
    createBucket("my-videos-2");
    try (S3Client s3Client = client(); S3Presigner s3Presigner = presigner()) {
      // snippet:uploads-s3-own-clients
      S3ObjectStorage storage = S3ObjectStorage.create(s3Client, s3Presigner, "my-videos");
      // end:uploads-s3-own-clients
      storage.close();
      assertThat(s3Client.listBuckets().buckets()).isNotEmpty(); // still open: it is ours
    }
  }

  private void createBucket(String name) {
    try (S3Client s3 = client()) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
        s3.createBucket(b -> b.bucket(name));
      }
    }
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }

  private S3Presigner presigner() {
    return S3Presigner.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }
}
