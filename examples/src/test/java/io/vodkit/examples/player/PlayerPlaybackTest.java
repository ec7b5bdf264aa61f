package io.vodkit.examples.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.examples.TestClip;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.fs.FsOriginServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real players in a real browser against a video the embedded pipeline made, served by its
 * origin (a second, throttled origin for the rung switches): hls.js and dash.js in Debian's headless Chromium, the page and the media on different
 * origins. Skipped, loudly, when Chromium or the player libraries are missing, except under
 * {@code CI=true}, where that fails.
 *
 * <p>The clip is 1280x720 and 12 s, so the default ladder gives 360p (~0.4 Mbit/s) and 720p
 * (~2.5 Mbit/s), three 4 s segments each, plus 128 kbit/s audio. Playback to the end runs at
 * twice real time. For rung switches the page starts on the top rung with the origin throttled
 * to 1.2 Mbit/s for all responses together: enough for 360p and audio, half of what 720p needs.
 */
class PlayerPlaybackTest {
  private static final long THROTTLE_BYTES_PER_SECOND = 150_000;
  private static final Duration PLAY_TIMEOUT = Duration.ofSeconds(120);
  /**
   * How far before the media element's duration "ended" may come: dash.js ends at the MPD's
   * duration, which may be a frame (at most ~35 ms here) shorter than the appended media.
   */
  private static final double END_TOLERANCE_SECONDS = 0.1;
  /** Where each test leaves a screenshot of the page as it ended, for people to look at. */
  private static final Path SCREENSHOTS = Path.of("target/player-screenshots");

  @TempDir static Path tmp;
  private static String missing; // what this machine lacks to run the tests, or null
  private static VideoPipeline vodkit;
  private static FsOriginServer throttledOrigin;
  private static PlayerServer page;
  private static HeadlessChromium chromium;
  private static URI hlsManifest;
  private static URI dashManifest;

  @BeforeAll
  static void publishAVideoAndStartTheOriginThePageAndChromium() throws Exception {
    Optional<Path> chromiumBinary = HeadlessChromium.executable();
    Optional<PlayerDeps> deps = PlayerDeps.find();
    missing = chromiumBinary.isEmpty() ? "chromium (./scripts/setup.sh installs it)"
        : deps.isEmpty() ? "hls.js and dash.js in examples/target/player-deps (./scripts/setup.sh installs them)"
        : null;
    if (missing != null) {
      String message = "PLAYER TESTS SKIPPED: " + missing + " is missing";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + ", and CI=true requires them to run");
      }
      System.err.println("\n*** " + message + " ***\n");
      return;
    }
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    vodkit = VideoPipeline.embeddedBuilder(tmp.resolve("data")).workers(1).pollInterval(Duration.ofMillis(100)).build();
    Path clip = TestClip.generate(tmp.resolve("clip.mp4"), 1280, 720, 12, 3000);
    String videoId = PlayerDemo.publish(vodkit, clip);
    Video video = vodkit.video(videoId);
    assertThat(video.renditions()).extracting(r -> r.quality()).containsExactly("360p", "720p");

    // unthrottled, the players fetch from the pipeline's own origin, as a user's player would; the
    // throttled tests use a second origin over the same storage, whose throttle the test holds
    hlsManifest = vodkit.manifestUrl(videoId);
    dashManifest = vodkit.dashManifestUrl(videoId);
    assertThat(hlsManifest.getScheme()).isEqualTo("http");
    throttledOrigin = FsOriginServer.start((FsObjectStorage) vodkit.storage(), loopback);
    page = PlayerServer.start(loopback, deps.get());
    chromium = HeadlessChromium.launch(chromiumBinary.get(), tmp.resolve("chromium-profile"));
  }

  @BeforeEach
  void skipLoudlyWhenChromiumOrThePlayersAreMissing() {
    Assumptions.assumeTrue(missing == null, () -> "PLAYER TESTS SKIPPED: " + missing + " is missing");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (page != null) {
      page.close();
    }
    if (throttledOrigin != null) {
      throttledOrigin.close();
    }
    if (vodkit != null) {
      vodkit.close();
    }
  }

  @Test
  void chromiumPlaysH264AndAacThroughMediaSourceExtensions() {
    try (HeadlessChromium.Page tab = chromium.open(page.baseUri())) {
      JsonNode support = tab.evaluate("({"
          + "h264Baseline: MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.42c01e\"'),"
          + "h264Main: MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.4d401f\"'),"
          + "aac: MediaSource.isTypeSupported('audio/mp4; codecs=\"mp4a.40.2\"')})");

      assertThat(support.path("h264Baseline").asBoolean()).as("H.264 baseline in MSE: %s", support).isTrue();
      assertThat(support.path("h264Main").asBoolean()).as("H.264 main in MSE: %s", support).isTrue();
      assertThat(support.path("aac").asBoolean()).as("AAC in MSE: %s", support).isTrue();
    }
  }

  @Test
  void hlsJsPlaysTheVideoFromTheOriginToTheEndWithoutAnError() throws IOException {
    playsToTheEnd("hls", hlsManifest);
  }

  @Test
  void dashJsPlaysTheVideoFromTheOriginToTheEndWithoutAnError() throws IOException {
    playsToTheEnd("dash", dashManifest);
  }

  @Test
  void hlsJsSwitchesDownARungWhenTheOriginIsThrottledBelowTheTopRung() throws IOException {
    switchesDownWhenThrottled("hls", hlsManifest);
  }

  @Test
  void dashJsSwitchesDownARungWhenTheOriginIsThrottledBelowTheTopRung() throws IOException {
    switchesDownWhenThrottled("dash", dashManifest);
  }

  private static void playsToTheEnd(String player, URI manifest) throws IOException {
    try (HeadlessChromium.Page tab = chromium.open(page.pageUri(manifest, player, "auto", 2))) {
      JsonNode state = await(tab, s -> s.path("ended").asBoolean() || hasFatalError(s));
      tab.screenshot(SCREENSHOTS.resolve(player + "-to-the-end.png"));

      assertThat(state.path("ended").asBoolean()).as("ended; state %s; console %s", state, tab.console()).isTrue();
      assertThat(state.path("errors")).as("errors; console %s", tab.console()).isEmpty();
      assertThat(state.path("endedAt").asDouble())
          .as("playhead when playback ended (by %s); state %s", state.path("endedBy"), state)
          .isGreaterThanOrEqualTo(state.path("media").path("duration").asDouble() - END_TOLERANCE_SECONDS);
      assertThat(state.path("rungs")).hasSize(2);
      assertThat(state.path("rendered")).isNotEmpty();
      assertThat(state.path("fragments").asInt()).as("video fragments loaded").isGreaterThanOrEqualTo(3);
      assertThat(state.path("throughputKbps").asDouble()).as("measured throughput").isPositive();
    }
  }

  private static void switchesDownWhenThrottled(String player, URI manifest) throws IOException {
    URI throttled = throttledOrigin.baseUri().resolve(manifest.getRawPath().substring(1));
    throttledOrigin.throttle(THROTTLE_BYTES_PER_SECOND);
    try (HeadlessChromium.Page tab = chromium.open(page.pageUri(throttled, player, "top", 1))) {
      JsonNode state = await(tab, s -> s.path("switches").asInt() > 0 || hasFatalError(s));
      tab.screenshot(SCREENSHOTS.resolve(player + "-throttled.png"));

      JsonNode rendered = state.path("rendered");
      assertThat(state.path("switches").asInt()).as("rung switches; state %s; console %s", state, tab.console()).isPositive();
      assertThat(rendered.get(0).path("height").asInt()).as("first rung rendered").isEqualTo(720);
      assertThat(rendered.get(rendered.size() - 1).path("height").asInt()).as("rung after the switch").isEqualTo(360);
      assertThat(hasFatalError(state)).as("fatal errors in %s", state).isFalse();
      assertThat(state.path("throughputKbps").asDouble()).as("measured throughput").isBetween(100.0, 2400.0);
    } finally {
      throttledOrigin.throttle(0);
    }
  }

  /** Polls the page's {@code window.vodkit} until {@code done} holds; fails with the last state after the timeout. */
  private static JsonNode await(HeadlessChromium.Page tab, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(PLAY_TIMEOUT);
    JsonNode state = null;
    while (Instant.now().isBefore(deadline)) {
      state = tab.evaluate("window.vodkit");
      if (done.test(state)) {
        System.out.println("player state: " + state); // kept in the surefire output, for the record
        return state;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return fail("timed out after %s; state %s; console %s", PLAY_TIMEOUT, state, tab.console());
  }

  private static boolean hasFatalError(JsonNode state) {
    for (JsonNode error : state.path("errors")) {
      if (error.path("fatal").asBoolean()) {
        return true;
      }
    }
    return false;
  }
}
