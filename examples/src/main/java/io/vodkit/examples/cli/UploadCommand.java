package io.vodkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.examples.DirectUploader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vodkit upload FILE}: uploads a video file to an embedded pipeline in presigned parts sent
 * in parallel, with retries (exponential backoff with jitter) on network errors and 5xx answers,
 * a progress bar on stderr, and resume: a state file next to FILE records the upload and every
 * stored part, so running the same command again after a crash or kill sends only the parts
 * storage does not hold yet. On success it completes the upload, deletes the state file and prints
 * {@code {"video_id": …}} on stdout. Exit codes: see {@link ExitCodes} and {@code --help}.
 *
 * <p>Runs against {@code VideoPipeline.embeddedBuilder(--data).workers(0)}: there is no REST
 * service yet. One instance per invocation (picocli fills the fields); not thread-safe.
 */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Uploads FILE in signed parts sent in parallel, then completes the upload.",
      "A state file (default FILE.vodkit-upload.json) records the upload as it goes; running the same"
          + " command again after an interruption resumes it and sends only the parts storage does not hold.",
      "Progress goes to stderr; the result is one JSON line on stdout: {\"video_id\": \"vid_...\", ...}."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:uploaded and completed; the video id is on stdout",
      "1:the upload failed after retries (network, storage); run the same command again to resume",
      "2:usage: bad arguments, an unreadable FILE or state file",
      "3:FILE changed since the state file was written; delete the state file to start over",
      "4:the upload session expired or no longer exists; delete the state file to start over",
      "5:the file is not a video vodkit accepts (media_rejected); its video failed, nothing to resume"
    })
public final class UploadCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIB = 1L << 20;

  @Parameters(paramLabel = "FILE", description = "the video file to upload")
  private Path file;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "vodkit-data",
      description = "data directory of the embedded pipeline (default: ${DEFAULT-VALUE})")
  private Path data;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
      description = "parts sent at once, 1..64 (default: ${DEFAULT-VALUE})")
  private int parallel;

  @Option(names = "--title", paramLabel = "T", description = "video title (default: the file name)")
  private String title;

  @Option(names = "--state", paramLabel = "FILE", description = "the resume file (default: FILE.vodkit-upload.json)")
  private Path state;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
      description = "times a failed part is sent again, with exponential backoff (default: ${DEFAULT-VALUE})")
  private int retries;

  @Option(names = "--part-size", paramLabel = "MiB",
      description = "preferred part size of a new upload, 5..5120 MiB (default: the pipeline's, 8)")
  private Integer partSizeMib;

  @Option(names = "--limit-rate", paramLabel = "MiB/s", description = "cap on the average upload rate (default: none)")
  private Double limitRateMib;

  @Option(names = {"-v", "--verbose"}, description = "print a line for every stored part")
  private boolean verbose;

  @Spec private CommandSpec spec;

  /** For picocli. */
  public UploadCommand() {}

  @Override
  public Integer call() {
    validate();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return upload(err);
    } catch (CliFailure f) {
      err.println("vodkit upload: " + f.getMessage());
      err.flush();
      return f.exitCode();
    }
  }

  private int upload(PrintWriter err) throws CliFailure {
    Path source = file.toAbsolutePath().normalize();
    Path stateFile = state != null ? state : source.resolveSibling(source.getFileName() + ".vodkit-upload.json");
    FileStamp stamp = stampOf(source);
    Optional<UploadState> saved = UploadState.load(stateFile);
    if (saved.isPresent()) {
      checkSameFile(saved.get(), source, stamp);
    }
    try (VideoPipeline vodkit = openPipeline()) {
      UploadPlan plan = saved.isPresent()
          ? UploadPlan.resume(vodkit, saved.get(), Instant.now())
          : UploadPlan.start(vodkit, newUpload(source, stamp), source, stamp, stateFile);
      if (!plan.alreadyCompleted()) {
        Map<Integer, String> etags = send(plan, source, stamp, err, saved.isPresent());
        complete(vodkit, plan, etags);
      }
      plan.state().delete();
      printResult(plan, stamp);
      return ExitCodes.OK;
    } catch (VodkitException e) {
      throw new CliFailure(e.code() == ErrorCode.INVALID_REQUEST ? ExitCodes.USAGE : ExitCodes.FAILED,
          e.code().wireName() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILED, "I/O failure: " + e.getMessage(), e);
    }
  }

  private Map<Integer, String> send(UploadPlan plan, Path source, FileStamp stamp, PrintWriter err, boolean resumed)
      throws CliFailure {
    var session = plan.session();
    int total = session.parts().size();
    ProgressBar bar = new ProgressBar(err, System.console() != null, stamp.sizeBytes(), plan.heldBytes(), System::nanoTime);
    if (resumed) {
      bar.log(String.format(Locale.ROOT, "resuming %s: %d of %d parts already stored, sending %d",
          session.videoId(), plan.held().size(), total, plan.toSend().size()));
    } else {
      bar.log(String.format(Locale.ROOT, "uploading %s (%.1f MiB) as %s in %d parts of %d MiB, %d at a time",
          source.getFileName(), (double) stamp.sizeBytes() / MIB, session.videoId(), total,
          session.partSizeBytes() / MIB, parallel));
    }
    PartSender sender =
        new PartSender(new DirectUploader(parallel), parallel, RetryPolicy.standard(retries),
            limitRateMib == null ? null : new RateLimiter(limitRateMib * MIB));
    Map<Integer, String> etags = new TreeMap<>(plan.held());
    try {
      etags.putAll(sender.send(source, plan.toSend(), new PartSender.Listener() {
        @Override
        public void stored(PartUrl part, String etag) throws IOException {
          plan.state().recordPart(part.partNumber(), etag);
          if (verbose) {
            bar.log("part " + part.partNumber() + "/" + total + " stored (" + part.sizeBytes() + " bytes, ETag " + etag + ")");
          }
          bar.advance(part.sizeBytes());
        }

        @Override
        public void retrying(PartUrl part, int retry, Duration delay, RuntimeException cause) {
          bar.log("part " + part.partNumber() + " failed (" + cause.getMessage() + "); retry " + retry + "/"
              + retries + " in " + delay.toMillis() + " ms");
        }
      }));
    } catch (PartSender.PartFailedException e) {
      bar.finish();
      boolean expired = e.httpStatus().orElse(0) == 403 && !Instant.now().isBefore(session.expiresAt());
      throw new CliFailure(expired ? ExitCodes.SESSION_EXPIRED : ExitCodes.FAILED,
          e.getMessage() + (expired ? "; the upload session expired at " + session.expiresAt()
              : "; run the same command again to resume"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILED, "interrupted; run the same command again to resume", e);
    }
    bar.finish();
    return etags;
  }

  private static void complete(VideoPipeline vodkit, UploadPlan plan, Map<Integer, String> etags) throws CliFailure {
    List<CompletedPart> parts = new ArrayList<>();
    etags.forEach((n, etag) -> parts.add(new CompletedPart(n, etag)));
    try {
      vodkit.completeUpload(plan.session().videoId(), parts);
    } catch (VodkitException e) {
      if (e.code() == ErrorCode.UPLOAD_EXPIRED) {
        throw new CliFailure(ExitCodes.SESSION_EXPIRED, e.getMessage() + "; delete " + plan.state().path()
            + " to start over", e);
      }
      if (e.code() == ErrorCode.MEDIA_REJECTED) {
        deleteQuietly(plan.state());
        throw new CliFailure(ExitCodes.NOT_A_VIDEO, "video " + plan.session().videoId() + " rejected: " + e.getMessage(), e);
      }
      throw new CliFailure(ExitCodes.FAILED, "completing the upload failed: " + e.code().wireName() + ": "
          + e.getMessage(), e);
    }
  }

  /** The state file of an upload that cannot be resumed; a failure to delete it changes nothing. */
  private static void deleteQuietly(UploadState state) {
    try {
      state.delete();
    } catch (IOException e) {
      // it names a failed video: resuming it reports that again
    }
  }

  private void printResult(UploadPlan plan, FileStamp stamp) throws CliFailure {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("video_id", plan.session().videoId());
    line.put("status", "uploaded");
    line.put("size_bytes", stamp.sizeBytes());
    line.put("parts", plan.session().parts().size());
    line.put("parts_sent", plan.toSend().size());
    line.put("parts_resumed", plan.held().size());
    try {
      PrintWriter out = spec.commandLine().getOut();
      out.println(JSON.writeValueAsString(line));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new CliFailure(ExitCodes.FAILED, "cannot print the result: " + e.getMessage(), e);
    }
  }

  private VideoPipeline openPipeline() {
    VideoPipeline.Builder builder = VideoPipeline.embeddedBuilder(data).workers(0);
    if (partSizeMib != null) {
      builder.partSizeBytes(partSizeMib * MIB);
    }
    return builder.build();
  }

  private NewUpload newUpload(Path source, FileStamp stamp) {
    String name = source.getFileName().toString();
    return NewUpload.of("cli", title != null ? title : name, contentType(name), stamp.sizeBytes());
  }

  private void checkSameFile(UploadState saved, Path source, FileStamp stamp) throws CliFailure {
    if (!saved.file().equals(source.toString())) {
      throw new CliFailure(ExitCodes.USAGE, "the state file " + saved.path() + " belongs to " + saved.file()
          + ", not " + source);
    }
    if (!saved.stamp().equals(stamp)) {
      throw new CliFailure(ExitCodes.FILE_CHANGED, source + " changed since the upload started (size "
          + saved.stamp().sizeBytes() + " → " + stamp.sizeBytes() + ", modified " + saved.stamp().modifiedMillis()
          + " → " + stamp.modifiedMillis() + "); delete " + saved.path() + " to upload it anew");
    }
  }

  private static FileStamp stampOf(Path source) throws CliFailure {
    if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
      throw new CliFailure(ExitCodes.USAGE, source + " is not a readable file");
    }
    try {
      FileStamp stamp = FileStamp.of(source);
      if (stamp.sizeBytes() == 0) {
        throw new CliFailure(ExitCodes.USAGE, source + " is empty");
      }
      return stamp;
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private void validate() {
    if (parallel < 1 || parallel > 64) {
      throw new ParameterException(spec.commandLine(), "--parallel must be 1..64, was " + parallel);
    }
    if (retries < 0 || retries > 100) {
      throw new ParameterException(spec.commandLine(), "--retries must be 0..100, was " + retries);
    }
    if (partSizeMib != null && (partSizeMib < 5 || partSizeMib > 5120)) {
      throw new ParameterException(spec.commandLine(), "--part-size must be 5..5120 MiB, was " + partSizeMib);
    }
    if (limitRateMib != null && !(limitRateMib > 0)) {
      throw new ParameterException(spec.commandLine(), "--limit-rate must be positive, was " + limitRateMib);
    }
  }

  /** A video MIME type from the file name; the transcoder probes the real content anyway. */
  static String contentType(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "mov" -> "video/quicktime";
      case "mkv" -> "video/x-matroska";
      case "webm" -> "video/webm";
      case "avi" -> "video/x-msvideo";
      case "ts", "m2ts" -> "video/mp2t";
      case "mpg", "mpeg" -> "video/mpeg";
      default -> "video/mp4";
    };
  }
}
