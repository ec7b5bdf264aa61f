package io.vodkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.spi.PartInfo;
import io.vodkit.testing.SourceBytes;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vodkit upload} as separate JVMs, killed the hard way (like {@code kill -9}) in the middle
 * of an upload and started again.
 */
class UploadResumeTest {
  private static final long MIB = 1L << 20;
  private static final int PARTS = 9; // 8 parts of 5 MiB and a 1 MiB tail
  private static final Pattern STORED = Pattern.compile("part (\\d+)/" + PARTS + " stored");

  @TempDir Path tmp;

  @Test
  void aKilledUploadResumesSendingOnlyTheMissingPartsAndTheObjectMatchesTheSource() throws Exception {
    Path file = randomFile("clip.mp4", 41 * MIB);
    Path data = tmp.resolve("data");
    Path stateFile = tmp.resolve("clip.mp4.vodkit-upload.json");
    UploadState killed = startAndKillAfterFirstPart(file, data, stateFile);
    Set<Integer> held = heldParts(data, killed.videoId());
    assertThat(held).as("parts stored before the kill").isNotEmpty().hasSizeLessThan(PARTS);

    CliProcess second = CliProcess.start(tmp, List.of(), "upload", file.toString(), "--data", data.toString(), "-v");
    int exit = second.waitFor(Duration.ofSeconds(60));

    String stderr = second.stderr();
    assertThat(exit).as(stderr).isZero();
    Set<Integer> all = IntStream.rangeClosed(1, PARTS).boxed().collect(Collectors.toCollection(TreeSet::new));
    Set<Integer> missing = new TreeSet<>(all);
    missing.removeAll(held);
    assertThat(sentParts(stderr)).as("parts PUT by the second run").isEqualTo(missing);
    assertThat(stderr).contains("resuming " + killed.videoId() + ": " + held.size() + " of " + PARTS + " parts already stored")
        .doesNotContain("retry");
    JsonNode result = new ObjectMapper().readTree(second.stdout());
    assertThat(result.get("video_id").asText()).isEqualTo(killed.videoId());
    assertThat(result.get("parts_sent").asInt()).isEqualTo(missing.size());
    assertThat(result.get("parts_resumed").asInt()).isEqualTo(held.size());
    assertThat(stateFile).doesNotExist();
    try (VideoPipeline vodkit = Cli.open(data)) {
      assertThat(vodkit.video(killed.videoId()).status()).isEqualTo(VideoStatus.UPLOADED);
      assertThat(Cli.storedSha256(vodkit, killed.videoId())).isEqualTo(Cli.sha256(file));
    }
  }

  @Test
  void aOneGibSparseFileUploadsFromAJvmWithA256MibHeapInQuarterGibParts() throws Exception {
    Path file = tmp.resolve("big.mp4");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(SourceBytes.random(16, 1)); // an MP4 box first, for the upload screen; a hole after it
      raf.setLength(1L << 30);
    }
    Path data = tmp.resolve("data");
    Instant start = Instant.now();

    // 4 parts of 256 MiB in flight at once: any buffering of a part, let alone the file, runs out of heap
    CliProcess cli =
        CliProcess.start(tmp, List.of("-Xmx256m"), "upload", file.toString(), "--data", data.toString(),
            "--part-size", "256", "--parallel", "4");
    int exit = cli.waitFor(Duration.ofSeconds(180)); // a hang guard, not a performance check (that is bench/)

    // for the record; measured figures live in src-docs/uploads.md
    System.out.println("1 GiB sparse upload with -Xmx256m took " + Duration.between(start, Instant.now()).toMillis() + " ms");
    assertThat(exit).as(cli.stderr()).isZero();
    String videoId = new ObjectMapper().readTree(cli.stdout()).get("video_id").asText();
    try (VideoPipeline vodkit = Cli.open(data)) {
      assertThat(vodkit.storage().head(VideoPipeline.sourceKey(videoId)).orElseThrow().sizeBytes()).isEqualTo(1L << 30);
      assertThat(vodkit.video(videoId).status()).isEqualTo(VideoStatus.UPLOADED);
    }
  }

  /**
   * Starts an upload in 5 MiB parts, 2 at a time, capped at 10 MiB/s (a part may start every half
   * second) and kills the JVM as soon as the state file records a stored part.
   */
  private UploadState startAndKillAfterFirstPart(Path file, Path data, Path stateFile) throws Exception {
    CliProcess first =
        CliProcess.start(tmp, List.of(), "upload", file.toString(), "--data", data.toString(),
            "--part-size", "5", "--parallel", "2", "--limit-rate", "10", "-v");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    UploadState state = null;
    while (state == null || state.parts().isEmpty()) {
      assertThat(first.isAlive()).as("the first run ended before it could be killed: %s", first.stderr()).isTrue();
      assertThat(Instant.now()).as("no part stored in time: %s", first.stderr()).isBefore(deadline);
      Thread.sleep(10);
      state = readState(stateFile);
    }
    first.kill();
    return UploadState.load(stateFile).orElseThrow();
  }

  private static UploadState readState(Path stateFile) {
    try {
      return UploadState.load(stateFile).orElse(null);
    } catch (CliFailure e) {
      return null; // being written at this very moment
    }
  }

  private static Set<Integer> heldParts(Path data, String videoId) {
    try (VideoPipeline vodkit = Cli.open(data)) {
      return vodkit.uploadedParts(videoId).stream().map(PartInfo::partNumber).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<Integer> sentParts(String stderr) {
    Set<Integer> sent = new TreeSet<>();
    Matcher m = STORED.matcher(stderr);
    int lines = 0;
    while (m.find()) {
      sent.add(Integer.parseInt(m.group(1)));
      lines++;
    }
    assertThat(lines).as("one stored line per part, no part twice").isEqualTo(sent.size());
    return sent;
  }

  private Path randomFile(String name, long size) throws IOException {
    return SourceBytes.randomFile(tmp.resolve(name), Math.toIntExact(size));
  }
}
