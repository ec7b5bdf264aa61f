package io.vodkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodkit.BaseUrls;
import io.vodkit.ErrorCode;
import io.vodkit.JobStatus;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.internal.Ids;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.OutboxEvent;
import io.vodkit.spi.WebhookDelivery.State;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.testing.MutableClock;
import io.vodkit.webhooks.WebhookVerifier.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end on a real SQLite store and real HTTP over loopback: outcome → outbox →
 * fan-out → signed POST → retries → delivered or dead, with the SSRF guard on.
 */
class WebhooksTest {
  private static final String OWNER = "owner-1";
  private static final BaseUrls URLS =
      BaseUrls.of(URI.create("https://api.example/"), URI.create("https://up.example/"),
          URI.create("https://cdn.example/"));
  private static final RetrySchedule FAST =
      RetrySchedule.exponential(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofHours(1));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-11-25T12:00:00Z");
  private final List<AutoCloseable> resources = new ArrayList<>();
  private JdbcStore store;
  private Receiver receiver;

  @BeforeEach
  void open() throws Exception {
    store = JdbcStore.sqlite(dir.resolve("vodkit.db"));
    receiver = new Receiver();
    resources.add(receiver);
    resources.add(store);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void anOutcomeArrivesOnceSignedAndSelfContained() throws Exception {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    WebhookEndpoint endpoint = webhooks.register(OWNER, receiver.url("/hooks"));
    TranscodeJob job = partialJob(OWNER);

    assertThat(webhooks.dispatchOnce()).isEqualTo(1);
    assertThat(webhooks.dispatchOnce()).isZero();

    assertThat(receiver.requests()).hasSize(1);
    Receiver.Request request = receiver.requests().get(0);
    byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
    WebhookVerifier.verify(request.headers(), body, List.of(endpoint.secret()), clock.instant());
    WebhookVerifier.verifyStandard(request.headers(), body, List.of(endpoint.secret()), clock.instant());
    assertThat(request.headers().getFirst("Content-Type")).startsWith("application/json");

    JsonNode json = JSON.readTree(body);
    String eventId = "evt_" + job.id() + "_1";
    assertThat(json.get("event_id").asText()).isEqualTo(eventId);
    assertThat(request.headers().getFirst("webhook-id")).isEqualTo(eventId);
    assertThat(json.get("type").asText()).isEqualTo("video.partial");
    assertThat(Instant.parse(json.get("created_at").asText())).isEqualTo(clock.instant());
    JsonNode data = json.get("data");
    assertThat(data.get("video_id").asText()).isEqualTo(job.videoId());
    assertThat(data.get("job_id").asText()).isEqualTo(job.id());
    assertThat(data.get("status").asText()).isEqualTo("partial");
    assertThat(data.get("attempt").asInt()).isEqualTo(1);
    assertThat(data.get("max_attempts").asInt()).isEqualTo(3);
    assertThat(data.get("duration_s").asDouble()).isEqualTo(61.44);
    assertThat(data.get("manifest_url").asText())
        .isEqualTo("https://cdn.example/videos/" + job.videoId() + "/manifest.m3u8");
    assertThat(data.get("dash_manifest_url").asText())
        .isEqualTo("https://cdn.example/videos/" + job.videoId() + "/manifest.mpd");
    assertThat(data.get("renditions")).hasSize(2);
    JsonNode r360 = data.get("renditions").get(0);
    assertThat(r360.get("quality").asText()).isEqualTo("360p");
    assertThat(r360.get("status").asText()).isEqualTo("done");
    assertThat(r360.get("width").asInt()).isEqualTo(640);
    assertThat(r360.get("bandwidth").asLong()).isEqualTo(850_000L);
    assertThat(r360.get("codecs").asText()).isEqualTo("avc1.4d401e,mp4a.40.2");
    JsonNode r1080 = data.get("renditions").get(1);
    assertThat(r1080.get("status").asText()).isEqualTo("failed");
    assertThat(r1080.get("error").asText()).isEqualTo("encoder crashed");
    assertThat(r1080.get("width").isNull()).isTrue();
    assertThat(data.get("error").get("code").asText()).isEqualTo("transcode_failed");

    WebhookDelivery delivery = webhooks.deliveries(OWNER, Optional.empty(), 10).get(0);
    assertThat(delivery.state()).isEqualTo(State.DELIVERED);
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.lastStatusCode()).isEqualTo(200);
    assertThat(delivery.body()).isEqualTo(request.body());
  }

  @Test
  void aFailedVideoHasNoManifestAndACancelledOneIsAnnouncedToo() throws Exception {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    webhooks.register(OWNER, receiver.url("/hooks"));
    OutboxEvent cancelled = cancelledEvent(OWNER, Ids.videoId());

    webhooks.dispatchOnce();

    JsonNode json = JSON.readTree(receiver.requests().get(0).body());
    assertThat(json.get("event_id").asText()).isEqualTo(cancelled.eventId());
    assertThat(json.get("type").asText()).isEqualTo("video.cancelled");
    assertThat(json.get("data").has("manifest_url")).isFalse();
    assertThat(json.get("data").get("error").get("code").asText()).isEqualTo("cancelled");
  }

  @Test
  void aReceiverDownForFiveAttemptsGetsTheSameEventOnTheSixthAndOneDeliveryIsRecorded()
      throws Exception {
    receiver.answering(n -> n <= 5 ? 500 : 200);
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    webhooks.register(OWNER, receiver.url("/hooks"));
    partialJob(OWNER);

    dispatchUntil(webhooks, () -> receiver.requests().size() >= 6);
    webhooks.dispatchOnce();

    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(6);
    assertThat(requests.stream().map(Receiver.Request::body).distinct()).hasSize(1);
    assertThat(requests.stream().map(r -> r.headers().getFirst("webhook-id")).distinct()).hasSize(1);
    List<WebhookDelivery> deliveries = webhooks.deliveries(OWNER, Optional.empty(), 10);
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).state()).isEqualTo(State.DELIVERED);
    assertThat(deliveries.get(0).attempts()).isEqualTo(6);
    assertThat(deliveries.get(0).body()).isEqualTo(requests.get(0).body());
  }

  @Test
  void whenTheScheduleRunsOutTheDeliveryIsDeadAndARedeliverySendsTheSameBytes() throws Exception {
    receiver.answering(n -> 500);
    RetrySchedule shortWindow =
        RetrySchedule.exponential(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(30));
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), shortWindow);
    webhooks.register(OWNER, receiver.url("/hooks"));
    partialJob(OWNER);

    dispatchUntil(webhooks, () -> !webhooks.deliveries(OWNER, Optional.of(State.DEAD), 10).isEmpty());

    WebhookDelivery dead = webhooks.deliveries(OWNER, Optional.of(State.DEAD), 10).get(0);
    assertThat(dead.attempts()).isGreaterThanOrEqualTo(2).isEqualTo(receiver.requests().size());
    assertThat(dead.lastStatusCode()).isEqualTo(500);
    assertThat(dead.lastError()).isEqualTo("HTTP 500");
    clock.advance(Duration.ofMinutes(5));
    assertThat(webhooks.dispatchOnce()).isZero(); // dead stays dead

    receiver.answering(n -> 200);
    WebhookDelivery again = webhooks.redeliver(OWNER, dead.id());
    assertThat(again.state()).isEqualTo(State.PENDING);
    assertThat(webhooks.dispatchOnce()).isEqualTo(1);

    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests.get(requests.size() - 1).body()).isEqualTo(requests.get(0).body());
    assertThat(requests.get(requests.size() - 1).headers().getFirst("webhook-id"))
        .isEqualTo(dead.eventId());
    assertThat(webhooks.deliveries(OWNER, Optional.empty(), 10))
        .singleElement()
        .satisfies(d -> assertThat(d.state()).isEqualTo(State.DELIVERED));
  }

  @Test
  void aVideoDeletedBeforeTheFanOutIsAnnouncedFromTheOutboxRow() throws Exception {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    webhooks.register(OWNER, receiver.url("/hooks"));
    TranscodeJob job = partialJob(OWNER);
    store.deleteVideo(job.videoId());

    webhooks.dispatchOnce();

    JsonNode json = JSON.readTree(receiver.requests().get(0).body());
    assertThat(json.get("event_id").asText()).isEqualTo("evt_" + job.id() + "_1");
    JsonNode data = json.get("data");
    assertThat(data.get("video_id").asText()).isEqualTo(job.videoId());
    assertThat(data.get("status").asText()).isEqualTo("partial");
    assertThat(data.get("attempt").asInt()).isEqualTo(1);
    assertThat(data.has("manifest_url")).isFalse();
    assertThat(data.get("renditions")).isEmpty();
  }

  @Test
  void aReceiverSlowerThanTheTimeoutIsAFailedAttempt() throws Exception {
    receiver.answering(n -> {
      sleep(Duration.ofSeconds(2));
      return 200;
    });
    OkHttpClient impatient =
        new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofMillis(600)).build();
    Webhooks webhooks =
        Webhooks.builder().webhookStore(store).metadataStore(store).baseUrls(URLS)
            .egressPolicy(EgressPolicy.publicInternetOnly().allowLoopback()).retrySchedule(FAST)
            .clock(clock).httpClient(impatient).build();
    resources.add(webhooks);
    webhooks.register(OWNER, receiver.url("/hooks"));
    partialJob(OWNER);

    long started = System.nanoTime();
    assertThat(webhooks.dispatchOnce()).isEqualTo(1);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1900));
    WebhookDelivery d = webhooks.deliveries(OWNER, Optional.empty(), 1).get(0);
    assertThat(d.state()).isEqualTo(State.PENDING);
    assertThat(d.lastStatusCode()).isNull();
    assertThat(d.lastError()).containsIgnoringCase("timeout");
  }

  @Test
  void aRedirectIsAFailedAttemptAndIsNeverFollowed() throws Exception {
    try (Receiver internal = new Receiver()) {
      receiver.answering(n -> 302).redirectingTo(internal.url("/admin"));
      Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
      webhooks.register(OWNER, receiver.url("/hooks"));
      partialJob(OWNER);

      assertThat(webhooks.dispatchOnce()).isEqualTo(1);

      assertThat(receiver.requests()).hasSize(1);
      assertThat(internal.requests()).isEmpty();
      WebhookDelivery d = webhooks.deliveries(OWNER, Optional.empty(), 10).get(0);
      assertThat(d.state()).isEqualTo(State.PENDING);
      assertThat(d.lastStatusCode()).isEqualTo(302);
      assertThat(d.lastError()).contains("redirects are not followed");
    }
  }

  @Test
  void registeringAnInternalAddressIsRefusedNamingTheReason() {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly(), FAST);
    Map<String, String> refused =
        Map.of(
            "http://127.0.0.1/hook", "loopback",
            "http://169.254.169.254/latest/meta-data/", "link-local",
            "http://10.1.2.3/hook", "private",
            "http://[::1]/hook", "loopback",
            "http://localhost/hook", "loopback",
            "ftp://example.com/hook", "http or https");
    refused.forEach(
        (url, reason) ->
            assertThatThrownBy(() -> webhooks.register(OWNER, URI.create(url)))
                .as(url)
                .isInstanceOfSatisfying(
                    VodkitException.class,
                    e -> {
                      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                      assertThat(e.field()).isEqualTo("url");
                      assertThat(e.getMessage()).contains(reason);
                    }));
    assertThat(webhooks.endpoints(OWNER)).isEmpty();
  }

  @Test
  void theGuardHoldsAtConnectTimeForNamesAndLiteralsThatPassedRegistration() throws Exception {
    Webhooks lenient = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    lenient.register(OWNER, receiver.url("/literal"));
    lenient.register(OWNER, URI.create("http://localhost:" + receiver.port() + "/name"));
    partialJob(OWNER);
    // the same database, dispatched by a process whose policy does not allow loopback (as if the
    // name had been re-pointed at an internal address after registration)
    Webhooks strict = webhooks(EgressPolicy.publicInternetOnly(), FAST);

    assertThat(strict.dispatchOnce()).isEqualTo(2);

    assertThat(receiver.requests()).isEmpty();
    assertThat(strict.deliveries(OWNER, Optional.empty(), 10))
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.state()).isEqualTo(State.PENDING);
              assertThat(d.lastStatusCode()).isNull();
              assertThat(d.lastError()).contains("loopback");
            });
  }

  @Test
  void afterARotationBothSecretsVerifyDuringTheOverlapAndOnlyTheNewOneAfter() throws Exception {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    WebhookEndpoint original = webhooks.register(OWNER, receiver.url("/hooks"));
    WebhookEndpoint rotated = webhooks.rotateSecret(OWNER, original.id(), Duration.ofHours(1));
    assertThat(rotated.secret()).isNotEqualTo(original.secret());
    assertThat(rotated.previousSecret()).isEqualTo(original.secret());

    cancelledEvent(OWNER, Ids.videoId());
    webhooks.dispatchOnce();
    Receiver.Request during = receiver.requests().get(0);
    for (String secret : List.of(original.secret(), rotated.secret())) {
      assertThatCode(() -> verify(during, secret)).doesNotThrowAnyException();
    }

    clock.advance(Duration.ofHours(1));
    cancelledEvent(OWNER, Ids.videoId());
    webhooks.dispatchOnce();
    Receiver.Request after = receiver.requests().get(1);
    assertThatCode(() -> verify(after, rotated.secret())).doesNotThrowAnyException();
    WebhookSignatureTest.assertRejected(() -> verify(after, original.secret()), Reason.BAD_SIGNATURE);
  }

  @Test
  void aVideosLaterEventWaitsUntilTheEarlierOneIsDelivered() throws Exception {
    receiver.answering(n -> n <= 2 ? 503 : 200);
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    webhooks.register(OWNER, receiver.url("/hooks"));
    String videoId = Ids.videoId();
    OutboxEvent first = cancelledEvent(OWNER, videoId);
    OutboxEvent second = cancelledEvent(OWNER, videoId);

    dispatchUntil(
        webhooks,
        () -> webhooks.deliveries(OWNER, Optional.of(State.DELIVERED), 10).size() == 2);

    List<String> arrivals =
        receiver.requests().stream().map(r -> r.headers().getFirst("webhook-id")).toList();
    assertThat(arrivals)
        .containsExactly(first.eventId(), first.eventId(), first.eventId(), second.eventId());
  }

  @Test
  void twoDispatchersOnOneDatabaseSendEveryEventExactlyOnce() throws Exception {
    JdbcStore secondStore = JdbcStore.sqlite(dir.resolve("vodkit.db"));
    resources.add(secondStore);
    Webhooks one = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    Webhooks two = webhooks(secondStore, EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    one.register(OWNER, receiver.url("/hooks"));
    int events = 12;
    List<String> eventIds = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      eventIds.add(cancelledEvent(OWNER, Ids.videoId()).eventId());
    }

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (Webhooks w : List.of(one, two)) {
        runs.add(pool.submit(() -> {
          int attempts = 0;
          for (int i = 0; i < 20 && receiver.requests().size() < events; i++) {
            attempts += w.dispatchOnce();
          }
          return attempts;
        }));
      }
      int total = 0;
      for (Future<Integer> run : runs) {
        total += run.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(events);
    } finally {
      pool.shutdownNow();
    }

    Map<String, Long> received =
        receiver.requests().stream()
            .collect(Collectors.groupingBy(r -> r.headers().getFirst("webhook-id"), Collectors.counting()));
    assertThat(received).containsOnlyKeys(eventIds);
    assertThat(received.values()).allMatch(n -> n == 1);
    assertThat(one.deliveries(OWNER, Optional.of(State.DELIVERED), 100)).hasSize(events);
  }

  @Test
  void anotherOwnersEndpointsAndDeliveriesAreNotFound() {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    WebhookEndpoint mine = webhooks.register(OWNER, receiver.url("/hooks"));
    cancelledEvent(OWNER, Ids.videoId());
    webhooks.dispatchOnce();
    String deliveryId = webhooks.deliveries(OWNER, Optional.empty(), 1).get(0).id();

    assertNotFound(() -> webhooks.delete("intruder", mine.id()));
    assertNotFound(() -> webhooks.rotateSecret("intruder", mine.id(), Duration.ofMinutes(1)));
    assertNotFound(() -> webhooks.redeliver("intruder", deliveryId));
    assertThat(webhooks.endpoints("intruder")).isEmpty();
    assertThat(webhooks.deliveries("intruder", Optional.empty(), 10)).isEmpty();
    assertThatThrownBy(() -> webhooks.deliveries(OWNER, Optional.empty(), 0))
        .isInstanceOfSatisfying(VodkitException.class, e -> assertThat(e.field()).isEqualTo("limit"));

    webhooks.delete(OWNER, mine.id());
    assertThat(webhooks.endpoints(OWNER)).isEmpty();
    assertNotFound(() -> webhooks.delete(OWNER, mine.id()));
  }

  @Test
  void anOwnerHasAtMostTwentyEndpoints() {
    Webhooks webhooks = webhooks(EgressPolicy.publicInternetOnly().allowLoopback(), FAST);
    for (int i = 0; i < Webhooks.MAX_ENDPOINTS_PER_OWNER; i++) {
      webhooks.register(OWNER, receiver.url("/hooks/" + i));
    }
    assertThatThrownBy(() -> webhooks.register(OWNER, receiver.url("/one-more")))
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(webhooks.register("owner-2", receiver.url("/hooks"))).isNotNull();
  }

  @Test
  void theDispatcherThreadDeliversWithoutBeingAsked() throws Exception {
    Webhooks webhooks =
        Webhooks.builder().webhookStore(store).metadataStore(store).baseUrls(URLS)
            .egressPolicy(EgressPolicy.publicInternetOnly().allowLoopback()).retrySchedule(FAST)
            .pollInterval(Duration.ofMillis(20)).start();
    resources.add(webhooks);
    webhooks.register(OWNER, receiver.url("/hooks"));
    cancelledEvent(OWNER, Ids.videoId());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (receiver.requests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(receiver.requests()).hasSize(1);
  }

  // ------------------------------------------------------------------ fixtures

  private Webhooks webhooks(EgressPolicy policy, RetrySchedule schedule) {
    return webhooks(store, policy, schedule);
  }

  private Webhooks webhooks(JdbcStore on, EgressPolicy policy, RetrySchedule schedule) {
    Webhooks w =
        Webhooks.builder().webhookStore(on).metadataStore(on).baseUrls(URLS).egressPolicy(policy)
            .retrySchedule(schedule).clock(clock).build();
    resources.add(w);
    return w;
  }

  /** Runs passes, moving the clock past every retry step, until {@code done} (at most 100). */
  private void dispatchUntil(Webhooks webhooks, BooleanSupplier done) {
    for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
      webhooks.dispatchOnce();
      clock.advance(Duration.ofMillis(5));
    }
    assertThat(done.getAsBoolean()).as("condition reached within 100 passes").isTrue();
  }

  private void verify(Receiver.Request request, String secret) throws WebhookVerifier.Rejected {
    WebhookVerifier.verify(
        request.headers(), request.body().getBytes(StandardCharsets.UTF_8), List.of(secret),
        clock.instant());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void assertNotFound(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  private Video uploadedVideo(String owner, String videoId) {
    Instant now = clock.instant();
    Video video = new Video(videoId, owner, "clip", "", "video/mp4", 5_000_000L,
        VideoStatus.UPLOADED, null, List.of(), null, null, now, now);
    store.createVideo(video, new UploadSession(videoId, "u", "raw/" + videoId + "/source",
        5_000_000L, 5_000_000L, URI.create("https://up.example/" + videoId), List.of(),
        now.plusSeconds(3600)));
    return video;
  }

  /** A job that ended partial: 360p published, 1080p failed. */
  private TranscodeJob partialJob(String owner) {
    Video video = uploadedVideo(owner, Ids.videoId());
    Instant now = clock.instant();
    store.enqueue(TranscodeJob.queued(Ids.jobId(), video.id(), 3, now, now.plusSeconds(60)));
    TranscodeJob claimed = store.claim("worker-1", now, Duration.ofMinutes(5)).orElseThrow();
    JobOutcome outcome =
        new JobOutcome(
            JobStatus.PARTIAL,
            List.of(
                new RenditionProgress("360p", RenditionState.DONE, 100, null),
                new RenditionProgress("1080p", RenditionState.FAILED, 40, "encoder crashed")),
            List.of(new Rendition("360p", 640, 360, 800, 850_000L, "avc1.4d401e,mp4a.40.2")),
            61.44, "transcode_failed", "1080p: encoder crashed");
    assertThat(store.finish(claimed.lease(), outcome, now)).isTrue();
    return store.findJob(claimed.id()).orElseThrow();
  }

  /**
   * A cancelled job of {@code videoId}; an existing video of that id is deleted first (its events
   * stay), so one video can have several events.
   */
  private OutboxEvent cancelledEvent(String owner, String videoId) {
    store.deleteVideo(videoId);
    uploadedVideo(owner, videoId);
    Instant now = clock.instant();
    TranscodeJob job =
        store.enqueue(TranscodeJob.queued(Ids.jobId(), videoId, 3, now, now.plusSeconds(60)));
    assertThat(store.cancel(job.id(), "cancelled by the owner", now)).isTrue();
    List<OutboxEvent> events = store.outboxEvents(videoId);
    return events.get(events.size() - 1);
  }
}
