package io.vodkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodkit.CompletedPart;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.examples.DirectUploader;
import io.vodkit.testing.SourceBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vodkit upload} run in this JVM: results, state files and exit codes. */
class UploadCommandTest {
  private static final long MIB = 1L << 20;

  @TempDir Path tmp;

  @Test
  void anUploadCompletesDeletesItsStateFileAndPrintsTheVideoIdAsJson() throws Exception {
    Path file = randomFile("clip.mp4", 12 * MIB + 5);
    Path data = tmp.resolve("data");

    Cli.Run run = Cli.run("upload", file.toString(), "--data", data.toString(), "--part-size", "5", "--title", "Eiger");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode json = run.json();
    String videoId = json.get("video_id").asText();
    assertThat(videoId).startsWith("vid_");
    assertThat(json.get("size_bytes").asLong()).isEqualTo(Files.size(file));
    assertThat(json.get("parts").asInt()).isEqualTo(3);
    assertThat(json.get("parts_sent").asInt()).isEqualTo(3);
    assertThat(run.stdout().lines()).hasSize(1);
    assertThat(run.stderr()).contains("100%").contains("MiB/s").contains("ETA");
    assertThat(tmp.resolve("clip.mp4.vodkit-upload.json")).doesNotExist();
    try (VideoPipeline vodkit = Cli.open(data)) {
      assertThat(vodkit.video(videoId).status()).isEqualTo(VideoStatus.UPLOADED);
      assertThat(vodkit.video(videoId).title()).isEqualTo("Eiger");
      assertThat(Cli.storedSha256(vodkit, videoId)).isEqualTo(Cli.sha256(file));
    }
  }

  @Test
  void aStateFileOfAnUploadThatWasAlreadyCompletedFinishesWithoutSendingAnything() throws Exception {
    Path file = randomFile("done.mp4", 6 * MIB);
    Path data = tmp.resolve("data");
    Path stateFile = tmp.resolve("done.mp4.vodkit-upload.json");
    String videoId;
    try (VideoPipeline vodkit = Cli.open(data)) {
      UploadSession up = vodkit.createUpload(NewUpload.of("cli", "done", "video/mp4", Files.size(file)));
      List<CompletedPart> parts = new DirectUploader(2).uploadParts(up, file, n -> {});
      vodkit.completeUpload(up.videoId(), parts);
      UploadState.begin(stateFile, file, FileStamp.of(file), up.videoId(), up.uploadId(), up.partSizeBytes());
      videoId = up.videoId();
    }

    Cli.Run run = Cli.run("upload", file.toString(), "--data", data.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.json().get("video_id").asText()).isEqualTo(videoId);
    assertThat(run.json().get("parts_sent").asInt()).isZero();
    assertThat(stateFile).doesNotExist();
  }

  @Test
  void aFileChangedSinceItsPartsWereSentRefusesToResumeWithExit3() throws Exception {
    Path file = randomFile("edited.mp4", 11 * MIB);
    Path data = tmp.resolve("data");
    Path stateFile = tmp.resolve("edited.mp4.vodkit-upload.json");
    String videoId;
    try (VideoPipeline vodkit = Cli.open(data)) {
      UploadSession up = vodkit.createUpload(NewUpload.of("cli", "edited", "video/mp4", Files.size(file)));
      PartUrl first = up.parts().get(0);
      String etag = new DirectUploader(1).put(first.url(), file, first.offsetBytes(), first.sizeBytes());
      UploadState.begin(stateFile, file, FileStamp.of(file), up.videoId(), up.uploadId(), up.partSizeBytes())
          .recordPart(1, etag);
      videoId = up.videoId();
    }
    Files.write(file, new byte[] {42}, StandardOpenOption.APPEND);

    Cli.Run run = Cli.run("upload", file.toString(), "--data", data.toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
    assertThat(run.stderr()).contains("changed since the upload started").contains(stateFile.toString());
    assertThat(run.stdout()).isEmpty();
    assertThat(stateFile).exists();
    try (VideoPipeline vodkit = Cli.open(data)) {
      assertThat(vodkit.uploadedParts(videoId)).hasSize(1);
      assertThat(vodkit.video(videoId).status()).isEqualTo(VideoStatus.AWAITING_UPLOAD);
    }
  }

  @Test
  void anExpiredSessionExitsWith4AndKeepsTheStateFile() throws Exception {
    Path file = randomFile("late.mp4", 6 * MIB);
    Path data = tmp.resolve("data");
    Path stateFile = tmp.resolve("late.mp4.vodkit-upload.json");
    try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(data).workers(0).uploadTtl(Duration.ofMillis(300)).build()) {
      UploadSession up = vodkit.createUpload(NewUpload.of("cli", "late", "video/mp4", Files.size(file)));
      UploadState.begin(stateFile, file, FileStamp.of(file), up.videoId(), up.uploadId(), up.partSizeBytes());
    }
    Thread.sleep(400);

    Cli.Run run = Cli.run("upload", file.toString(), "--data", data.toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
    assertThat(run.stderr()).contains("expired");
    assertThat(run.stdout()).isEmpty();
    assertThat(stateFile).exists();
  }

  @Test
  void aFileThatIsNotAVideoExitsWith5SayingWhatItIsAndLeavesNoStateFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.mp4"), "meeting notes, not a video\n".repeat(400));
    Path data = tmp.resolve("data");

    Cli.Run run = Cli.run("upload", file.toString(), "--data", data.toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(5);
    assertThat(run.stderr()).contains("rejected").contains("a text file");
    assertThat(run.stdout()).isEmpty();
    assertThat(tmp.resolve("notes.mp4.vodkit-upload.json")).doesNotExist();
    try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(data).workers(0).build()) {
      String videoId = run.stderr().replaceAll("(?s).*video (vid_\\w+) rejected.*", "$1");
      assertThat(vodkit.video(videoId).failureCode()).isEqualTo("media_rejected");
    }
  }

  @Test
  void aStateFileWhoseSessionDoesNotExistExitsWith4() throws Exception {
    Path file = randomFile("elsewhere.mp4", 6 * MIB);
    Path stateFile = tmp.resolve("elsewhere.mp4.vodkit-upload.json");
    UploadState.begin(stateFile, file, FileStamp.of(file), "vid_0123456789abcdef", "up-1", 5 * MIB);

    Cli.Run run = Cli.run("upload", file.toString(), "--data", tmp.resolve("other-data").toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(4);
    assertThat(run.stderr()).contains("no longer exists");
  }

  @Test
  void badArgumentsAndUnusableFilesExitWith2() throws Exception {
    Path file = randomFile("ok.mp4", 1000);
    Path empty = Files.createFile(tmp.resolve("empty.mp4"));
    Path garbledState = Files.writeString(tmp.resolve("garbled.json"), "{not json");
    String data = tmp.resolve("data").toString();

    assertThat(Cli.run("upload").exitCode()).isEqualTo(2);
    assertThat(Cli.run("upload", file.toString(), "--parallel", "0").exitCode()).isEqualTo(2);
    assertThat(Cli.run("upload", file.toString(), "--part-size", "4").exitCode()).isEqualTo(2);
    assertThat(Cli.run("upload", file.toString(), "--parallel", "many").exitCode()).isEqualTo(2);
    assertThat(Cli.run("upload", tmp.resolve("missing.mp4").toString(), "--data", data).exitCode()).isEqualTo(2);
    assertThat(Cli.run("upload", empty.toString(), "--data", data).exitCode()).isEqualTo(2);
    assertThat(Cli.run("upload", file.toString(), "--data", data, "--state", garbledState.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void helpListsEveryExitCode() {
    Cli.Run run = Cli.run("upload", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("Exit codes:")
        .containsPattern("\\n\\s+0\\s+uploaded")
        .containsPattern("\\n\\s+1\\s+the upload failed")
        .containsPattern("\\n\\s+2\\s+usage")
        .containsPattern("\\n\\s+3\\s+FILE changed")
        .containsPattern("\\n\\s+4\\s+the upload session expired")
        .containsPattern("\\n\\s+5\\s+the file is not a video")
        .contains("--parallel=N").contains("--state=FILE").contains("--data=DIR").contains("--title=T");
  }

  @Test
  void contentTypesComeFromTheFileNameAndAreAlwaysVideo() {
    assertThat(UploadCommand.contentType("a.MOV")).isEqualTo("video/quicktime");
    assertThat(UploadCommand.contentType("a.webm")).isEqualTo("video/webm");
    assertThat(UploadCommand.contentType("noext")).isEqualTo("video/mp4");
  }

  private Path randomFile(String name, long size) throws IOException {
    return SourceBytes.randomFile(tmp.resolve(name), Math.toIntExact(size));
  }
}
