package io.vodkit.abr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.Fixtures;
import io.vodkit.abr.io.FakeHlsVideo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbrSimTest {
  private static final String TRACES = Fixtures.resource("traces/pensieve").toString();
  private static final String VIDEO = Fixtures.resource("traces/video-sizes").toString();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private int run(String... args) {
    return AbrSim.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void twoRulesOnTwoTracesGiveATableACsvAPlotPerTraceAndACdf(@TempDir Path dir) throws Exception {
    int code =
        run(
            "--traces",
            TRACES,
            "--video",
            VIDEO,
            "--rules",
            "reserve-mpc,bola",
            "--out",
            dir.toString());
    assertThat(code).as(stderr()).isEqualTo(AbrSim.EXIT_OK);
    assertThat(stdout())
        .contains("| reserve-mpc | harmonic |")
        .contains("| bola | ewma-dashjs |")
        .contains("2 traces");
    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains("| rule | estimator | QoE/chunk |");
    List<String> csv = Files.readAllLines(dir.resolve("sessions.csv"));
    assertThat(csv).hasSize(1 + 2 * 2);
    assertThat(csv.get(1)).startsWith("reserve-mpc,norway_bus_1,");
    assertThat(dir.resolve("plots/norway_bus_1.png")).isRegularFile();
    assertThat(dir.resolve("plots/norway_ferry_1.png")).isRegularFile();
    assertThat(dir.resolve("qoe-cdf.png")).isRegularFile();
  }

  @Test
  void theTableDoesNotDependOnTheThreadCount(@TempDir Path dir) throws Exception {
    assertThat(
            run(
                "--traces",
                TRACES,
                "--video",
                VIDEO,
                "--rules",
                "robust-mpc,dynamic,bba",
                "--no-plots",
                "--threads",
                "1",
                "--out",
                dir.resolve("one").toString()))
        .isZero();
    assertThat(
            run(
                "--traces",
                TRACES,
                "--video",
                VIDEO,
                "--rules",
                "robust-mpc,dynamic,bba",
                "--no-plots",
                "--threads",
                "3",
                "--qoe",
                "linear",
                "--out",
                dir.resolve("three").toString()))
        .isZero();
    assertThat(Files.readString(dir.resolve("three/sessions.csv")))
        .isEqualTo(Files.readString(dir.resolve("one/sessions.csv")));
  }

  @Test
  void helpPrintsTheFlagsAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(stdout()).contains("--traces DIR").contains("--qoe").contains("Exit codes");
  }

  @Test
  void aBadCommandLineExitsWith2() {
    assertThat(run("--traces", TRACES, "--frobnicate")).isEqualTo(AbrSim.EXIT_USAGE);
    assertThat(stderr()).contains("unknown argument '--frobnicate'");
    assertThat(run()).isEqualTo(AbrSim.EXIT_USAGE);
    assertThat(run("--traces", TRACES, "--qoe", "cubic")).isEqualTo(AbrSim.EXIT_USAGE);
    assertThat(run("--traces", TRACES, "--rules", "pensieve", "--no-plots"))
        .isEqualTo(AbrSim.EXIT_USAGE);
    assertThat(run("--traces")).isEqualTo(AbrSim.EXIT_USAGE);
  }

  @Test
  void hdQoeOnALadderThatIsNotSixRungsExitsWith2(@TempDir Path dir) {
    String movie = Fixtures.resource("traces/sabre/movie.json").toString();
    assertThat(run("--traces", TRACES, "--video", movie, "--qoe", "hd", "--out", dir.toString()))
        .isEqualTo(AbrSim.EXIT_USAGE);
    assertThat(stderr()).contains("6-rung");
  }

  @Test
  void missingOrMalformedInputExitsWith3(@TempDir Path dir) throws Exception {
    assertThat(run("--traces", dir.resolve("nowhere").toString(), "--video", VIDEO))
        .isEqualTo(AbrSim.EXIT_BAD_INPUT);
    Path traces = Files.createDirectories(dir.resolve("traces"));
    assertThat(run("--traces", traces.toString(), "--video", VIDEO))
        .isEqualTo(AbrSim.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("no traces found");
    Files.writeString(traces.resolve("broken"), "0 1\n1 one\n");
    assertThat(
            run(
                "--traces",
                traces.toString(),
                "--video",
                VIDEO,
                "--out",
                dir.resolve("o").toString()))
        .isEqualTo(AbrSim.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("broken:2");
  }

  @Test
  void sabreNetworkTracesRunAndSabreManifestsInTheFolderAreSkipped(@TempDir Path dir) {
    String sabre = Fixtures.resource("traces/sabre").toString();
    assertThat(
            run(
                "--traces",
                sabre,
                "--video",
                VIDEO,
                "--rules",
                "bola",
                "--no-plots",
                "--out",
                dir.toString()))
        .as(stderr())
        .isZero();
    assertThat(stderr()).contains("skipping").contains("movie.json");
    assertThat(stdout()).contains("1 traces");
  }

  @Test
  void aVodkitHlsVideoOnDiskIsPlayedEndToEnd(@TempDir Path dir) throws Exception {
    long[] low = {180_000, 200_000, 190_000, 210_000, 205_000, 90_000};
    long[] mid = {1_250_000, 1_260_000, 1_240_000, 1_270_000, 1_265_000, 600_000};
    long[] high = {2_500_000, 2_510_000, 2_480_000, 2_540_000, 2_530_000, 1_200_000};
    double[] video = {4, 4, 4, 4, 4, 2};
    double[] audio = {4.011, 3.989, 4.011, 3.989, 4.011, 1.989};
    Path master =
        new FakeHlsVideo(dir.resolve("vid_1"))
            .audio(audio, 64_000, 64_000, 64_000, 64_000, 64_000, 32_000)
            .rung("360p", 552_863, video, low)
            .rung("720p", 2_673_665, video, mid)
            .rung("1080p", 5_213_623, video, high)
            .write();

    int code =
        run(
            "--traces",
            TRACES,
            "--video",
            master.toString(),
            "--rules",
            "reserve-mpc,reference",
            "--out",
            dir.resolve("out").toString());

    assertThat(code).as(stderr()).isEqualTo(AbrSim.EXIT_OK);
    assertThat(stdout())
        .contains("video: HLS " + master + " (553/2674/5214 kbps BANDWIDTH) (6 chunks)")
        .contains("over chunks 2..6")
        .contains("| reserve-mpc | harmonic |")
        .contains("| reference | latest |");
    assertThat(Files.readAllLines(dir.resolve("out/sessions.csv"))).hasSize(1 + 2 * 2);
    assertThat(dir.resolve("out/plots/norway_bus_1.png")).isRegularFile();
  }

  @Test
  void anHlsVideoThatPointsOutsideItsFolderExitsWith3(@TempDir Path dir) {
    Path master =
        FakeHlsVideo.write(
            dir.resolve("vid_1/manifest.m3u8"),
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000\n../../etc/playlist.m3u8\n");

    assertThat(run("--traces", TRACES, "--video", master.toString(), "--out", dir.toString()))
        .isEqualTo(AbrSim.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("manifest.m3u8:3").contains("refused");
  }
}
