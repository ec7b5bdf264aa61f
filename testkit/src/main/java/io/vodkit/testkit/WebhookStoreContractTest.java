package io.vodkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.JobStatus;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.OutboxEvent;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookDelivery.State;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.spi.WebhookStore;
import io.vodkit.spi.WebhookStore.AttemptResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WebhookStore} must have: endpoint round trips and secret rotation,
 * a fan-out that turns each outbox event into one delivery per endpoint of its owner exactly once
 * (also when several stores race on one database), leased claims that never hand a delivery out
 * twice, in order per endpoint and video, attempt results guarded by the attempt number, dead
 * letters, listing, redelivery and counts by state.
 *
 * <p>Extend it, implement {@link #newStore()} (a fresh, empty database per test) and {@link
 * #metadata(WebhookStore)}; override {@link #anotherStoreOnTheSameDatabase()} to race two store
 * instances. Time is explicit; nothing sleeps.
 */
public abstract class WebhookStoreContractTest {
  /** The instant every test starts from. */
  protected static final Instant T0 = Instant.parse("2026-06-20T17:00:00.123Z");

  private static final Duration LEASE = Duration.ofSeconds(45);

  /** The store under test. */
  protected WebhookStore store;

  private MetadataStore metadata;
  private final AtomicInteger ids = new AtomicInteger();
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** A new store on an empty database; the test closes it if it is {@link AutoCloseable}. */
  protected abstract WebhookStore newStore();

  /** The metadata store on the same database as {@code store}, whose outbox feeds the fan-out. */
  protected abstract MetadataStore metadata(WebhookStore store);

  /** Another store instance on the database of the last {@link #newStore()} (default: the same one). */
  protected WebhookStore anotherStoreOnTheSameDatabase() {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
    metadata = metadata(store);
  }

  @AfterEach
  void closeStores() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    if (store instanceof AutoCloseable c) {
      c.close();
    }
  }

  // ------------------------------------------------------------------ endpoints

  @Test
  void anEndpointReadsBackFieldForFieldAndIsListedOnlyForItsOwner() {
    WebhookEndpoint a1 = endpoint("owner-a", T0);
    WebhookEndpoint a2 = endpoint("owner-a", T0.plusSeconds(1));
    WebhookEndpoint b = endpoint("owner-b", T0);

    assertThat(store.findEndpoint(a1.id())).contains(a1);
    assertThat(store.endpoints("owner-a")).containsExactly(a1, a2);
    assertThat(store.endpoints("owner-b")).containsExactly(b);
    assertThat(store.endpoints("owner-c")).isEmpty();
    assertThat(store.findEndpoint("whk_nope")).isEmpty();
  }

  @Test
  void creatingAnEndpointTwiceIsAConflict() {
    WebhookEndpoint e = endpoint("owner-a", T0);
    assertThatThrownBy(() -> store.createEndpoint(e))
        .isInstanceOfSatisfying(
            VodkitException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void rotatingKeepsThePreviousSecretUntilTheGivenInstant() {
    WebhookEndpoint e = endpoint("owner-a", T0);
    Instant until = T0.plus(Duration.ofHours(1));

    WebhookEndpoint rotated = store.rotateSecret(e.id(), "whsec_bmV3", until).orElseThrow();

    assertThat(rotated.secret()).isEqualTo("whsec_bmV3");
    assertThat(rotated.previousSecret()).isEqualTo(e.secret());
    assertThat(rotated.previousSecretExpiresAt()).isEqualTo(until);
    assertThat(store.findEndpoint(e.id())).contains(rotated);
    assertThat(rotated.secretsAt(until.minusMillis(1))).containsExactly("whsec_bmV3", e.secret());
    assertThat(rotated.secretsAt(until)).containsExactly("whsec_bmV3");
    assertThat(store.rotateSecret("whk_nope", "whsec_eA==", until)).isEmpty();
  }

  @Test
  void deletingAnEndpointDeletesItsDeliveries() {
    WebhookEndpoint e = endpoint("owner-a", T0);
    cancelledEvent("owner-a", T0);
    store.fanOut(T0, 10, OutboxEvent::eventId);
    assertThat(store.deliveries("owner-a", Optional.empty(), 10)).hasSize(1);

    assertThat(store.deleteEndpoint(e.id())).isTrue();

    assertThat(store.findEndpoint(e.id())).isEmpty();
    assertThat(store.deliveries("owner-a", Optional.empty(), 10)).isEmpty();
    assertThat(store.deleteEndpoint(e.id())).isFalse();
  }

  // ------------------------------------------------------------------ fan-out

  @Test
  void fanOutMakesOnePendingDeliveryPerEndpointOfTheOwnerWithTheRenderedBodyOnce() {
    WebhookEndpoint a1 = endpoint("owner-a", T0);
    WebhookEndpoint a2 = endpoint("owner-a", T0);
    endpoint("owner-b", T0);
    OutboxEvent event = cancelledEvent("owner-a", T0);
    AtomicInteger renders = new AtomicInteger();

    int dispatched =
        store.fanOut(T0.plusSeconds(1), 10, e -> "{\"n\":" + renders.incrementAndGet() + "}");

    assertThat(dispatched).isEqualTo(1);
    assertThat(renders).hasValue(1);
    List<WebhookDelivery> deliveries = store.deliveries("owner-a", Optional.empty(), 10);
    assertThat(deliveries).extracting(WebhookDelivery::endpointId)
        .containsExactlyInAnyOrder(a1.id(), a2.id());
    assertThat(deliveries).allSatisfy(d -> {
      assertThat(d.eventId()).isEqualTo(event.eventId());
      assertThat(d.videoId()).isEqualTo(event.videoId());
      assertThat(d.ownerId()).isEqualTo("owner-a");
      assertThat(d.body()).isEqualTo("{\"n\":1}");
      assertThat(d.state()).isEqualTo(State.PENDING);
      assertThat(d.attempts()).isZero();
      assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(d.createdAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(d.scheduledFrom()).isEqualTo(T0.plusSeconds(1));
      assertThat(d.deliveredAt()).isNull();
    });
    assertThat(store.deliveries("owner-b", Optional.empty(), 10)).isEmpty();
    assertThat(store.fanOut(T0.plusSeconds(2), 10, e -> "again")).isZero();
  }

  @Test
  void fanOutTakesEventsInOrderAtMostMaxAtATime() {
    endpoint("owner-a", T0);
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(cancelledEvent("owner-a", T0.plusSeconds(i)));
    }
    List<String> rendered = new ArrayList<>();

    assertThat(store.fanOut(T0, 2, e -> { rendered.add(e.eventId()); return "{}"; })).isEqualTo(2);
    assertThat(store.fanOut(T0, 2, e -> { rendered.add(e.eventId()); return "{}"; })).isEqualTo(1);

    assertThat(rendered).containsExactlyElementsOf(events.stream().map(OutboxEvent::eventId).toList());
  }

  @Test
  void anEventOfAnOwnerWithoutEndpointsIsMarkedAndNotSentToEndpointsRegisteredLater() {
    cancelledEvent("owner-a", T0);
    assertThat(store.fanOut(T0, 10, e -> { throw new AssertionError("nothing to render for"); }))
        .isEqualTo(1);
    endpoint("owner-a", T0.plusSeconds(5));

    assertThat(store.fanOut(T0.plusSeconds(6), 10, OutboxEvent::eventId)).isZero();
    assertThat(store.deliveries("owner-a", Optional.empty(), 10)).isEmpty();
  }

  @Test
  void twoStoresFanningOutFromEightThreadsDispatchEveryEventExactlyOnce() throws Exception {
    endpoint("owner-a", T0);
    endpoint("owner-a", T0);
    int events = 30;
    for (int i = 0; i < events; i++) {
      cancelledEvent("owner-a", T0);
    }
    WebhookStore other = anotherStoreOnTheSameDatabase();
    AtomicInteger turn = new AtomicInteger();

    List<Integer> counts =
        race(8, () -> {
          WebhookStore mine = turn.incrementAndGet() % 2 == 0 ? store : other;
          int total = 0;
          int n;
          while ((n = mine.fanOut(T0, 3, OutboxEvent::eventId)) > 0) {
            total += n;
          }
          return total;
        });

    assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(events);
    List<WebhookDelivery> all = store.deliveries("owner-a", Optional.empty(), 1000);
    assertThat(all).hasSize(2 * events);
    assertThat(all.stream().map(d -> d.eventId() + "/" + d.endpointId()).distinct()).hasSize(2 * events);
  }

  // ------------------------------------------------------------------ claims and attempts

  @Test
  void aClaimLeasesDueDeliveriesRaisingAttemptsAndNobodyElseGetsThemUntilTheLeaseEnds() {
    endpoint("owner-a", T0);
    cancelledEvent("owner-a", T0);
    store.fanOut(T0, 10, OutboxEvent::eventId);

    assertThat(store.claimDue(T0.minusMillis(1), LEASE, 10)).isEmpty(); // not due yet
    List<WebhookDelivery> first = store.claimDue(T0, LEASE, 10);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(store.claimDue(T0.plus(LEASE).minusMillis(1), LEASE, 10)).isEmpty();

    List<WebhookDelivery> again = store.claimDue(T0.plus(LEASE), LEASE, 10);
    assertThat(again).extracting(WebhookDelivery::id).containsExactly(first.get(0).id());
    assertThat(again.get(0).attempts()).isEqualTo(2);
    // the first holder lost it: its result is not recorded
    assertThat(store.recordAttempt(first.get(0).id(), 1, AttemptResult.delivered(200, T0))).isFalse();
    assertThat(store.recordAttempt(first.get(0).id(), 2, AttemptResult.delivered(204, T0.plus(LEASE))))
        .isTrue();
    WebhookDelivery done = store.findDelivery(first.get(0).id()).orElseThrow();
    assertThat(done.state()).isEqualTo(State.DELIVERED);
    assertThat(done.lastStatusCode()).isEqualTo(204);
    assertThat(done.deliveredAt()).isEqualTo(T0.plus(LEASE));
    assertThat(store.claimDue(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
  }

  @Test
  void aRetryIsDueAtItsInstantAndADeadDeliveryIsListedAsDead() {
    endpoint("owner-a", T0);
    cancelledEvent("owner-a", T0);
    store.fanOut(T0, 10, OutboxEvent::eventId);
    WebhookDelivery d = store.claimDue(T0, LEASE, 10).get(0);
    Instant retryAt = T0.plusSeconds(30);

    assertThat(store.recordAttempt(d.id(), 1, AttemptResult.retry(500, "HTTP 500", T0, retryAt)))
        .isTrue();
    WebhookDelivery waiting = store.findDelivery(d.id()).orElseThrow();
    assertThat(waiting.state()).isEqualTo(State.PENDING);
    assertThat(waiting.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(waiting.lastStatusCode()).isEqualTo(500);
    assertThat(waiting.lastError()).isEqualTo("HTTP 500");
    assertThat(store.claimDue(retryAt.minusMillis(1), LEASE, 10)).isEmpty();

    WebhookDelivery second = store.claimDue(retryAt, LEASE, 10).get(0);
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(store.recordAttempt(d.id(), 2, AttemptResult.dead(null, "connect timed out", retryAt)))
        .isTrue();

    WebhookDelivery dead = store.findDelivery(d.id()).orElseThrow();
    assertThat(dead.state()).isEqualTo(State.DEAD);
    assertThat(dead.lastStatusCode()).isNull();
    assertThat(dead.lastError()).isEqualTo("connect timed out");
    assertThat(store.deliveries("owner-a", Optional.of(State.DEAD), 10)).containsExactly(dead);
    assertThat(store.deliveries("owner-a", Optional.of(State.PENDING), 10)).isEmpty();
    assertThat(store.claimDue(T0.plus(Duration.ofDays(2)), LEASE, 10)).isEmpty();
  }

  @Test
  void aLaterEventOfTheSameVideoWaitsForTheEarlierOneAtTheSameEndpoint() {
    WebhookEndpoint e = endpoint("owner-a", T0);
    OutboxEvent first = cancelledEvent("owner-a", T0, "vid_same");
    OutboxEvent second = cancelledEvent("owner-a", T0, "vid_same");
    OutboxEvent otherVideo = cancelledEvent("owner-a", T0);
    store.fanOut(T0, 10, OutboxEvent::eventId);

    List<WebhookDelivery> claimed = store.claimDue(T0, LEASE, 10);
    assertThat(claimed).extracting(WebhookDelivery::eventId)
        .containsExactlyInAnyOrder(first.eventId(), otherVideo.eventId());
    WebhookDelivery head = claimed.stream().filter(d -> d.eventId().equals(first.eventId()))
        .findFirst().orElseThrow();
    store.recordAttempt(head.id(), 1, AttemptResult.retry(503, "HTTP 503", T0, T0.plusSeconds(10)));
    assertThat(store.claimDue(T0.plusSeconds(5), LEASE, 10)).isEmpty(); // second still waits

    WebhookDelivery retried = store.claimDue(T0.plusSeconds(10), LEASE, 10).get(0);
    assertThat(retried.eventId()).isEqualTo(first.eventId());
    store.recordAttempt(retried.id(), 2, AttemptResult.delivered(200, T0.plusSeconds(10)));

    List<WebhookDelivery> next = store.claimDue(T0.plusSeconds(10), LEASE, 10);
    assertThat(next).extracting(WebhookDelivery::eventId).containsExactly(second.eventId());
    assertThat(next.get(0).endpointId()).isEqualTo(e.id());
  }

  @Test
  void aDeadEarlierDeliveryNoLongerHoldsTheLaterOnesBack() {
    endpoint("owner-a", T0);
    OutboxEvent first = cancelledEvent("owner-a", T0, "vid_same");
    OutboxEvent second = cancelledEvent("owner-a", T0, "vid_same");
    store.fanOut(T0, 10, OutboxEvent::eventId);
    WebhookDelivery head = store.claimDue(T0, LEASE, 10).get(0);
    assertThat(head.eventId()).isEqualTo(first.eventId());

    store.recordAttempt(head.id(), 1, AttemptResult.dead(410, "HTTP 410", T0));

    assertThat(store.claimDue(T0, LEASE, 10)).extracting(WebhookDelivery::eventId)
        .containsExactly(second.eventId());
  }

  @Test
  void sixteenThreadsClaimingFromTwoStoresNeverGetTheSameDelivery() throws Exception {
    endpoint("owner-a", T0);
    int events = 40;
    for (int i = 0; i < events; i++) {
      cancelledEvent("owner-a", T0);
    }
    store.fanOut(T0, 100, OutboxEvent::eventId);
    WebhookStore other = anotherStoreOnTheSameDatabase();
    AtomicInteger turn = new AtomicInteger();

    List<List<String>> claims =
        race(16, () -> {
          WebhookStore mine = turn.incrementAndGet() % 2 == 0 ? store : other;
          List<String> got = new ArrayList<>();
          List<WebhookDelivery> batch;
          while (!(batch = mine.claimDue(T0, LEASE, 3)).isEmpty()) {
            batch.forEach(d -> got.add(d.id()));
          }
          return got;
        });

    List<String> all = claims.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(events);
    assertThat(new HashSet<>(all)).hasSize(events);
  }

  // ------------------------------------------------------------------ listing and redelivery

  @Test
  void deliveriesAreListedNewestFirstUpToTheLimit() {
    endpoint("owner-a", T0);
    List<String> eventIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      eventIds.add(cancelledEvent("owner-a", T0).eventId());
    }
    store.fanOut(T0, 10, OutboxEvent::eventId);

    assertThat(store.deliveries("owner-a", Optional.empty(), 2)).extracting(WebhookDelivery::eventId)
        .containsExactly(eventIds.get(2), eventIds.get(1));
    assertThat(store.deliveries("owner-a", Optional.of(State.PENDING), 10)).hasSize(3);
    assertThat(store.deliveries("owner-a", Optional.of(State.DELIVERED), 10)).isEmpty();
  }

  @Test
  void redeliveryPutsADeliveredOrDeadDeliveryBackWithTheSameEventAndBody() {
    endpoint("owner-a", T0);
    cancelledEvent("owner-a", T0);
    store.fanOut(T0, 10, e -> "{\"event_id\":\"" + e.eventId() + "\"}");
    WebhookDelivery d = store.claimDue(T0, LEASE, 10).get(0);
    assertThatThrownBy(() -> store.redeliver(d.id(), T0))
        .isInstanceOfSatisfying(
            VodkitException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.CONFLICT));
    store.recordAttempt(d.id(), 1, AttemptResult.delivered(200, T0));
    Instant later = T0.plus(Duration.ofDays(3));

    WebhookDelivery again = store.redeliver(d.id(), later).orElseThrow();

    assertThat(again.state()).isEqualTo(State.PENDING);
    assertThat(again.attempts()).isZero();
    assertThat(again.eventId()).isEqualTo(d.eventId());
    assertThat(again.body()).isEqualTo(d.body());
    assertThat(again.scheduledFrom()).isEqualTo(later);
    assertThat(again.nextAttemptAt()).isEqualTo(later);
    assertThat(again.deliveredAt()).isNull();
    assertThat(store.claimDue(later, LEASE, 10)).extracting(WebhookDelivery::id).containsExactly(d.id());
    assertThat(store.redeliver("whd_nope", later)).isEmpty();
  }

  // ------------------------------------------------------------------ counts

  @Test
  void deliveryCountsFollowEveryOwnersDeliveriesThroughTheirStates() {
    assertThat(store.deliveryCounts().getOrDefault(State.PENDING, 0L)).isZero();
    endpoint("owner-a", T0);
    endpoint("owner-a", T0);
    endpoint("owner-b", T0);
    cancelledEvent("owner-a", T0);
    cancelledEvent("owner-a", T0);
    cancelledEvent("owner-b", T0);
    store.fanOut(T0, 10, OutboxEvent::eventId);
    assertThat(store.deliveryCounts()).containsEntry(State.PENDING, 5L);

    List<WebhookDelivery> claimed = store.claimDue(T0, LEASE, 3);
    assertThat(claimed).as("at most max").hasSize(3);
    assertThat(store.deliveryCounts()).as("a delivery being attempted is still pending")
        .containsEntry(State.PENDING, 5L);
    store.recordAttempt(claimed.get(0).id(), 1, AttemptResult.delivered(200, T0));
    store.recordAttempt(claimed.get(1).id(), 1, AttemptResult.dead(410, "HTTP 410", T0));
    store.recordAttempt(
        claimed.get(2).id(), 1, AttemptResult.retry(503, "HTTP 503", T0, T0.plusSeconds(30)));

    assertThat(store.deliveryCounts())
        .containsEntry(State.PENDING, 3L)
        .containsEntry(State.DELIVERED, 1L)
        .containsEntry(State.DEAD, 1L);
  }

  // ------------------------------------------------------------------ fixtures

  /** Registers an endpoint for {@code ownerId} created at {@code at}. */
  protected WebhookEndpoint endpoint(String ownerId, Instant at) {
    WebhookEndpoint e =
        new WebhookEndpoint(
            String.format("whk_%016d", ids.incrementAndGet()), ownerId,
            URI.create("https://hooks.example/" + ownerId), "whsec_c2VjcmV0" + ids.get(), null,
            null, at);
    store.createEndpoint(e);
    return e;
  }

  /** A job of a new video of {@code ownerId}, cancelled at {@code at}: returns its outbox event. */
  protected OutboxEvent cancelledEvent(String ownerId, Instant at) {
    return cancelledEvent(ownerId, at, String.format("vid_%016d", ids.incrementAndGet()));
  }

  /**
   * As above for the video {@code videoId}; when it exists already it is deleted first (its old
   * events stay in the outbox), so one video can have several events.
   */
  protected OutboxEvent cancelledEvent(String ownerId, Instant at, String videoId) {
    metadata.deleteVideo(videoId);
    Video video =
        new Video(videoId, ownerId, "t", "", "video/mp4", 5_000_000L, VideoStatus.UPLOADED, null,
            List.of(), null, null, at, at);
    metadata.createVideo(
        video,
        new UploadSession(videoId, "u-" + videoId, "raw/" + videoId + "/source", 5_000_000L,
            5_000_000L, URI.create("https://storage.example/" + videoId), List.of(),
            at.plus(Duration.ofHours(1))));
    TranscodeJob job =
        metadata.enqueue(
            TranscodeJob.queued(String.format("tjob_%016d", ids.incrementAndGet()), videoId, 3,
                at, at.plusSeconds(60)));
    assertThat(metadata.cancel(job.id(), "test", at)).isTrue();
    List<OutboxEvent> events = metadata.outboxEvents(videoId);
    OutboxEvent last = events.get(events.size() - 1);
    assertThat(last.status()).isEqualTo(JobStatus.CANCELLED);
    return last;
  }

  /** Remembers a resource to close after the test. */
  protected void closeAfterTest(AutoCloseable resource) {
    opened.add(resource);
  }

  private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
