package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a video on the embedded defaults removes its record and its view counts. */
class DeleteVideoTest {
  @TempDir Path tmp;

  @Test
  void deletingAVideoAlsoDeletesItsViewCounts() {
    try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(tmp.resolve("data")).workers(0).build()) {
      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "watched", "video/mp4", 1_000));
      UploadSession kept = vodkit.createUpload(NewUpload.of("user_1", "kept", "video/mp4", 1_000));
      vodkit.viewCounter().record(up.videoId(), "alice", 30);
      vodkit.viewCounter().record(kept.videoId(), "alice", 30);
      vodkit.viewCounter().flush();
      assertThat(vodkit.viewCount(up.videoId())).isEqualTo(1);

      vodkit.delete(up.videoId());

      assertThat(vodkit.viewCounter().viewCount(up.videoId())).isZero();
      assertThat(vodkit.viewCount(kept.videoId())).isEqualTo(1);
      assertThatThrownBy(() -> vodkit.video(up.videoId()))
          .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
  }
}
