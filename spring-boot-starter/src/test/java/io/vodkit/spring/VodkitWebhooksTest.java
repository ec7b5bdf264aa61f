package io.vodkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vodkit.ErrorCode;
import io.vodkit.JobStatus;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.webhooks.WebhookVerifier;
import io.vodkit.webhooks.Webhooks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Webhooks bean: signed deliveries to a real loopback receiver, the egress settings, back-off. */
class VodkitWebhooksTest {
  @TempDir Path dir;
  private HttpServer receiver;
  private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);

  /** One request the receiver got. */
  private record Received(Map<String, List<String>> headers, byte[] body) {}

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks", exchange -> {
      received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private ApplicationContextRunner runner() {
    // no workers: the test drives the job through the store itself
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VodkitAutoConfiguration.class, VodkitWebhooksAutoConfiguration.class))
        .withPropertyValues("vodkit.data-dir=" + dir, "vodkit.workers=0");
  }

  @Test
  void anEndpointOnALoopbackReceiverGetsASignedDeliveryWhenAJobEnds() {
    runner()
        .withPropertyValues("vodkit.webhooks.allow-loopback=true", "vodkit.webhooks.poll-interval=100ms")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(Webhooks.class);
          Webhooks webhooks = ctx.getBean(Webhooks.class);
          URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
          WebhookEndpoint endpoint = webhooks.register("user_1", url);

          String videoId = finishAJob(ctx.getBean(VideoPipeline.class).store(), "user_1");

          Received r = received.poll(20, TimeUnit.SECONDS);
          assertThat(r).as("a delivery reached the receiver").isNotNull();
          String body = new String(r.body(), StandardCharsets.UTF_8);
          assertThat(body).contains("\"video.ready\"").contains(videoId);
          WebhookVerifier.verify(r.headers(), r.body(), List.of(endpoint.secret()), Instant.now());
          assertThatThrownBy(() -> WebhookVerifier.verify(r.headers(), r.body(), List.of("whsec_b3RoZXI="), Instant.now()))
              .isInstanceOf(WebhookVerifier.Rejected.class);
        });
  }

  @Test
  void privateAndLoopbackUrlsAreRefusedUnlessAllowed() {
    runner().run(ctx -> {
      Webhooks webhooks = ctx.getBean(Webhooks.class);
      for (String url : List.of("http://10.1.2.3/hooks", "http://127.0.0.1:9/hooks")) {
        assertThatThrownBy(() -> webhooks.register("user_1", URI.create(url)))
            .isInstanceOfSatisfying(VodkitException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
              assertThat(e.getMessage()).contains("refused");
            });
      }
    });
    runner().withPropertyValues("vodkit.webhooks.allowed-cidrs=192.168.0.0/16, 10.0.0.0/8").run(ctx -> {
      Webhooks webhooks = ctx.getBean(Webhooks.class);
      assertThat(webhooks.register("user_1", URI.create("http://10.1.2.3/hooks")).url())
          .isEqualTo(URI.create("http://10.1.2.3/hooks"));
      assertThatThrownBy(() -> webhooks.register("user_1", URI.create("http://172.16.0.1/hooks")))
          .isInstanceOf(VodkitException.class);
    });
  }

  @Test
  void badSettingsFailStartUpNamingTheProperty() {
    runner().withPropertyValues("vodkit.webhooks.allowed-cidrs=10.0.0.0/99").run(ctx ->
        assertThat(ctx).getFailure().rootCause().isInstanceOfSatisfying(VodkitException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
          assertThat(e.field()).isEqualTo("vodkit.webhooks.allowed-cidrs");
        }));
    runner().withPropertyValues("vodkit.webhooks.poll-interval=0s").run(ctx ->
        assertThat(ctx).getFailure().rootCause().isInstanceOfSatisfying(VodkitException.class, e ->
            assertThat(e.field()).isEqualTo("vodkit.webhooks.poll-interval")));
  }

  @Test
  void noWebhooksBeanWhenDisabledOrWithoutTheModule() {
    runner().withPropertyValues("vodkit.webhooks.enabled=false").run(ctx ->
        assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class).doesNotHaveBean(Webhooks.class));
    runner().withClassLoader(new FilteredClassLoader(Webhooks.class)).run(ctx ->
        assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class).doesNotHaveBean(Webhooks.class));
  }

  /**
   * An uploaded video of {@code ownerId} whose job is enqueued, claimed and finished complete
   * through the store, as a worker would: the outcome lands in the outbox. Returns the video id.
   */
  private static String finishAJob(MetadataStore store, String ownerId) {
    Instant now = Instant.now();
    String videoId = "vid_webhooks_" + System.nanoTime();
    store.createVideo(
        new Video(videoId, ownerId, "clip", "", "video/mp4", 1000L, VideoStatus.UPLOADED, null, List.of(), null,
            null, now, now),
        new UploadSession(videoId, "up-" + videoId, "raw/" + videoId + "/source", 1000L, 1000L,
            URI.create("http://127.0.0.1/upload"), List.of(), now.plus(Duration.ofHours(1))));
    store.enqueue(TranscodeJob.queued("tjob_" + videoId, videoId, 3, now, now.plusSeconds(60)));
    TranscodeJob job = store.claim("w-test", now, Duration.ofMinutes(1)).orElseThrow();
    JobOutcome outcome = new JobOutcome(
        JobStatus.COMPLETE, List.of(new RenditionProgress("360p", RenditionState.DONE, 100, null)),
        List.of(new Rendition("360p", 640, 360, 400, 450_000L, "avc1.42c01e,mp4a.40.2")), 2.0, null, null);
    assertThat(store.finish(job.lease(), outcome, Instant.now())).isTrue();
    return videoId;
  }
}
