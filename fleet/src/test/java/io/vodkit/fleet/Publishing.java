package io.vodkit.fleet;

import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: uploads a file as a new video through the pipeline API and publishes it. */
final class Publishing {
  private Publishing() {}

  /**
   * createUpload, the bytes written to the upload's object (what the client's PUT to the single
   * upload URL stores), completeUpload, publish; returns the video id.
   */
  static String publish(VideoPipeline pipeline, Path file) {
    try {
      UploadSession up = pipeline.createUpload(NewUpload.of("owner_1", file.getFileName().toString(), "video/mp4", Files.size(file)));
      pipeline.storage().put(up.objectKey(), file, ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE));
      pipeline.completeUpload(up.videoId(), List.of());
      pipeline.publish(up.videoId());
      return up.videoId();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
