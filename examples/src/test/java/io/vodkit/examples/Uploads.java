package io.vodkit.examples;

import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: uploads a local file through the signed URLs and completes the upload. */
final class Uploads {
  private Uploads() {}

  static String uploadAndComplete(VideoPipeline vodkit, Path file) throws IOException {
    UploadSession up = vodkit.createUpload(NewUpload.of("user_1", file.getFileName().toString(), "video/mp4", Files.size(file)));
    vodkit.completeUpload(up.videoId(), new DirectUploader(2).uploadParts(up, file, n -> {}));
    return up.videoId();
  }
}
