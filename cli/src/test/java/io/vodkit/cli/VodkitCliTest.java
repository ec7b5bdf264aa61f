package io.vodkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.examples.TestClip;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command's {@code --help}, the demo end to end, and {@code status} on its result. */
class VodkitCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** What one in-process run printed and returned. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    ByteArrayOutputStream rawOut = new ByteArrayOutputStream();
    ByteArrayOutputStream rawErr = new ByteArrayOutputStream();
    int code;
    try {
      // demo and abr-sim print to System.out/err themselves
      System.setOut(new PrintStream(rawOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(rawErr, true, StandardCharsets.UTF_8));
      code = VodkitCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }
    return new Run(
        code, out + rawOut.toString(StandardCharsets.UTF_8), err + rawErr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    List<String> commands = new ArrayList<>();
    for (CommandLine sub : VodkitCli.commandLine().getSubcommands().values()) {
      String name = sub.getCommandName();
      if (name.equals("help")) {
        continue;
      }
      commands.add(name);
      Run help = run(name, "--help");
      assertThat(help.exitCode()).as(name + " --help exit code").isZero();
      assertThat(help.out()).as(name + " --help").containsIgnoringCase("usage");
    }
    assertThat(commands).containsExactlyInAnyOrder("demo", "upload", "status", "serve", "worker", "abr-sim");
    Run top = run("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("Usage: vodkit").contains("demo").contains("upload").contains("Exit codes:");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    assertThat(run().exitCode()).isEqualTo(2);
    Run unknown = run("transmogrify");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("transmogrify");
  }

  @Test
  void theDemoRunsEndToEndAndStatusReportsTheResult() throws Exception {
    Path clip = TestClip.generate(tmp.resolve("clip.mp4"), 640, 360, 3, 800);
    Path data = tmp.resolve("data");

    Run demo = run("demo", "--source", clip.toString(), "--data", data.toString());

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    JsonNode line = JSON.readTree(demo.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    assertThat(line.path("status").asText()).isEqualTo("ready");
    String videoId = line.path("video_id").asText();
    assertThat(videoId).startsWith("vid_");

    Run status = run("status", videoId, "--data", data.toString());
    assertThat(status.exitCode()).as(status.err()).isZero();
    JsonNode json = JSON.readTree(status.out());
    assertThat(json.path("status").asText()).isEqualTo("ready");
    assertThat(json.path("job").path("status").asText()).isEqualTo("complete");
    assertThat(json.path("job").path("progress_pct").asInt()).isEqualTo(100);

    assertThat(run("status", "vid_0000000000000000", "--data", data.toString()).exitCode())
        .isEqualTo(StatusCommand.NOT_FOUND);
  }
}
