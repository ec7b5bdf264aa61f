package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.PartInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @TempDir static Path shared;
  static Path clip;

  @TempDir Path tmp;
  VideoPipeline vodkit;

  @BeforeAll
  static void makeClip() {
    // ~7.5 MB: two parts with the 5 MiB minimum part size.
    clip = TestClip.generate(shared.resolve("clip.mp4"), 640, 360, 6, 10_000);
  }

  @BeforeEach
  void start() {
    vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .workers(1)
            .partSizeBytes(5 << 20)
            .pollInterval(Duration.ofMillis(50))
            .build();
  }

  @AfterEach
  void stop() {
    vodkit.close();
  }

  @Test
  void aTextFileIsRejectedWhenItsUploadCompletesBeforeAnyJobIsQueued() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.mp4"), "this is not a video\n".repeat(100));
    assertRejectedAtCompletion(text, "a text file");
  }

  @Test
  void aTruncatedMp4FailsWithAMediaErrorAndIsNotRetried() throws Exception {
    byte[] whole = Files.readAllBytes(clip);
    Path truncated = Files.write(tmp.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 3));
    assertFailsOnceAsMedia(truncated);
  }

  @Test
  void anHlsPlaylistDisguisedAsMp4IsRejectedWhenItsUploadCompletes() throws Exception {
    Path evil = Files.writeString(tmp.resolve("evil.mp4"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");
    assertRejectedAtCompletion(evil, "an HLS playlist");
  }

  /**
   * The upload screen: completing fails with a typed, final error naming what the file is; the
   * video is failed, nothing is queued, the bytes stay until the video is deleted.
   */
  private void assertRejectedAtCompletion(Path file, String what) throws Exception {
    UploadSession up = vodkit.createUpload(NewUpload.of("user_1", file.getFileName().toString(), "video/mp4", Files.size(file)));
    List<CompletedPart> parts = new DirectUploader(2).uploadParts(up, file, n -> {});

    assertThatThrownBy(() -> vodkit.completeUpload(up.videoId(), parts))
        .isInstanceOfSatisfying(MediaRejectedException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_REJECTED);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains(what);
        });
    Video video = vodkit.video(up.videoId());
    assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(video.failureCode()).isEqualTo("media_rejected");
    assertThat(video.failureMessage()).contains(what);
    assertThat(vodkit.completeUpload(up.videoId(), parts).status()).as("completing again").isEqualTo(VideoStatus.FAILED);
    assertThatThrownBy(() -> vodkit.publish(up.videoId()))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(vodkit.storage().head(VideoPipeline.sourceKey(up.videoId()))).as("the uploaded bytes are kept").isPresent();

    vodkit.delete(up.videoId());
    assertThat(vodkit.storage().head(VideoPipeline.sourceKey(up.videoId()))).as("deleted with the video").isEmpty();
  }

  private void assertFailsOnceAsMedia(Path file) throws Exception {
    String videoId = Uploads.uploadAndComplete(vodkit, file);
    vodkit.publish(videoId);
    Video video = vodkit.awaitTerminal(videoId, Duration.ofMinutes(1));
    assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
    assertThat(video.failureCode()).isEqualTo("media_rejected");
    TranscodeJob job = vodkit.job(videoId);
    assertThat(job.attempt()).as("media errors are not retried").isEqualTo(1);
    assertThat(vodkit.storage().list("videos/" + videoId + "/")).isEmpty();
  }

  @Test
  void aForgedPartSignatureIsRefusedAndNothingIsStored() throws Exception {
    // A small part: a refused PUT is answered before its body is read, and a client still
    // sending a multi-megabyte body may see the connection reset instead of the 403.
    UploadSession up = vodkit.createUpload(NewUpload.of("u", "t", "video/mp4", 1000));
    PartUrl part = up.parts().get(0);
    String url = part.url().toString();
    int sig = url.indexOf("signature=") + "signature=".length();
    char flipped = url.charAt(sig) == 'a' ? 'b' : 'a';
    URI forged = URI.create(url.substring(0, sig) + flipped + url.substring(sig + 1));
    HttpResponse<String> response = put(forged, new byte[(int) part.sizeBytes()]);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("signature_invalid");
    assertThat(vodkit.uploadedParts(up.videoId())).isEmpty();
  }

  @Test
  void anExpiredUploadUrlIsRefusedAndTheSessionCannotBeCompleted() throws Exception {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    try (VideoPipeline past =
        VideoPipeline.embeddedBuilder(tmp.resolve("past")).workers(0).clock(InstantSource.fixed(twoHoursAgo)).build()) {
      UploadSession up = past.createUpload(NewUpload.of("u", "t", "video/mp4", 1000));
      HttpResponse<String> response = put(up.parts().get(0).url(), new byte[1000]);
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("signature_expired");
    }
    try (VideoPipeline now = VideoPipeline.embeddedBuilder(tmp.resolve("later")).workers(0).uploadTtl(Duration.ofMillis(1)).build()) {
      UploadSession up = now.createUpload(NewUpload.of("u", "t", "video/mp4", 1000));
      Thread.sleep(5);
      assertThatThrownBy(() -> now.completeUpload(up.videoId(), List.of(new CompletedPart(1, "abc"))))
          .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_EXPIRED));
    }
  }

  @Test
  void aWrongPartEtagIsRefusedNamingThePartAndTheStoredPartsAreKeptForAResend() throws Exception {
    UploadSession up = vodkit.createUpload(NewUpload.of("u", "t", "video/mp4", Files.size(clip)));
    assertThat(up.parts()).hasSize(2);
    List<CompletedPart> good = new DirectUploader(2).uploadParts(up, clip, n -> {});
    List<CompletedPart> wrong = new ArrayList<>(good);
    wrong.set(1, new CompletedPart(2, "0123456789abcdef0123456789abcdef"));

    assertThatThrownBy(() -> vodkit.completeUpload(up.videoId(), wrong))
        .isInstanceOfSatisfying(VodkitException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_VERIFICATION_FAILED);
          assertThat(e.field()).isEqualTo("parts[2]");
          assertThat(e.getMessage()).contains("part 2");
        });
    assertThat(vodkit.video(up.videoId()).status()).isEqualTo(VideoStatus.AWAITING_UPLOAD);
    assertThat(vodkit.uploadedParts(up.videoId())).extracting(PartInfo::partNumber).containsExactly(1, 2);

    assertThat(vodkit.completeUpload(up.videoId(), good).status()).isEqualTo(VideoStatus.UPLOADED);
    assertThat(vodkit.storage().head(VideoPipeline.sourceKey(up.videoId())).orElseThrow().sizeBytes())
        .isEqualTo(Files.size(clip));
  }

  @Test
  void publishingBeforeTheUploadIsCompleteIsAConflict() {
    UploadSession up = vodkit.createUpload(NewUpload.of("u", "t", "video/mp4", 1000));
    assertThatThrownBy(() -> vodkit.publish(up.videoId()))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void anUnknownOrMalformedVideoIdIsNotFound() {
    assertThatThrownBy(() -> vodkit.video("vid_doesnotexist0000"))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> vodkit.video("../../etc/passwd"))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  private static HttpResponse<String> put(URI url, byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
