package io.vodkit.webhooks;

import io.vodkit.BaseUrls;
import io.vodkit.VodkitException;
import io.vodkit.internal.Ids;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.spi.WebhookStore;
import io.vodkit.spi.WebhookStore.AttemptResult;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed completion webhooks: owners register endpoints; every job outcome the store wrote to its
 * outbox is fanned out to the owner's endpoints and POSTed, signed (see {@link WebhookSigner}),
 * retried on the {@link RetrySchedule} until a 2xx or dead-lettered, in order per endpoint and
 * video. Only addresses the {@link EgressPolicy} allows are ever contacted, redirects are never
 * followed (a 3xx is a failed attempt).
 *
 * <pre>{@code
 * try (Webhooks webhooks = Webhooks.builder().webhookStore(store).metadataStore(store)
 *     .baseUrls(baseUrls).egressPolicy(EgressPolicy.publicInternetOnly()).start()) {
 *   WebhookEndpoint endpoint = webhooks.register("user_42", URI.create("https://example.com/hooks"));
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} runs a dispatcher thread that calls {@link #dispatchOnce()} and sleeps
 * {@code pollInterval} when there was nothing to do; any number of processes may dispatch from one
 * database. Every owner-facing call answers NOT_FOUND for another owner's endpoint or delivery.
 * Thread-safe. {@link #close()} stops the dispatcher; the stores stay open (they are the caller's).
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int FAN_OUT_BATCH = 100;
  private static final int CLAIM_BATCH = 16;
  private static final int SENDERS = 4;
  private static final int MAX_URL_LENGTH = 2048;
  private static final int MAX_LIST = 1000;
  private static final Duration MAX_OVERLAP = Duration.ofDays(30);
  /** Endpoints one owner may register: every event is sent to each of them. */
  public static final int MAX_ENDPOINTS_PER_OWNER = 20;

  private final WebhookStore store;
  private final EventBodies bodies;
  private final EgressPolicy egress;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final RetrySchedule retry;
  private final InstantSource clock;
  private final Duration pollInterval;
  private final Duration lease;
  private final ExecutorService senders;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread dispatcher;

  private Webhooks(Builder b) {
    this.store = Objects.requireNonNull(b.webhookStore, "webhookStore");
    this.bodies =
        new EventBodies(
            Objects.requireNonNull(b.metadataStore, "metadataStore"),
            Objects.requireNonNull(b.baseUrls, "baseUrls"));
    this.egress = Objects.requireNonNull(b.egressPolicy, "egressPolicy");
    this.retry = b.retrySchedule == null ? RetrySchedule.defaults() : b.retrySchedule;
    this.clock = b.clock == null ? InstantSource.system() : b.clock;
    this.pollInterval = b.pollInterval == null ? Duration.ofSeconds(1) : b.pollInterval;
    this.ownsHttp = b.httpClient == null;
    this.http = guarded(b.httpClient, egress);
    this.lease =
        Duration.ofMillis(
                Math.max(
                    http.callTimeoutMillis(),
                    (long) http.connectTimeoutMillis() + http.readTimeoutMillis()
                        + http.writeTimeoutMillis()))
            .plusSeconds(30);
    AtomicInteger n = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            SENDERS,
            r -> {
              Thread t = new Thread(r, "vodkit-webhooks-sender-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The delivery client: the caller's (or a new one) with the guards no caller may turn off. */
  private static OkHttpClient guarded(OkHttpClient given, EgressPolicy egress) {
    OkHttpClient.Builder b =
        given != null
            ? given.newBuilder()
            : new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(15));
    if (given != null && given.callTimeoutMillis() == 0) {
      b.callTimeout(Duration.ofSeconds(15));
    }
    return b.followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false) // a silent re-POST would be an attempt we do not record
        .proxy(Proxy.NO_PROXY) // a proxy would connect for us, past the guard
        .dns(GuardedConnections.dns(egress))
        .socketFactory(GuardedConnections.sockets(egress))
        .build();
  }

  /** A builder; webhookStore, metadataStore, baseUrls and egressPolicy are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers {@code url} for {@code ownerId}'s events with a new secret ({@code whsec_…}; hand
   * it to the owner). INVALID_REQUEST (field {@code url}) if the URL is not http(s), too long, or
   * the {@link EgressPolicy} refuses where it resolves (the message says why); CONFLICT if the
   * owner already has {@link #MAX_ENDPOINTS_PER_OWNER} endpoints.
   */
  public WebhookEndpoint register(String ownerId, URI url) {
    requireOwner(ownerId);
    if (url == null) {
      throw VodkitException.invalid("url", "url is required");
    }
    if (url.toString().length() > MAX_URL_LENGTH) {
      throw VodkitException.invalid("url", "url is longer than " + MAX_URL_LENGTH + " characters");
    }
    egress.check(url);
    if (store.endpoints(ownerId).size() >= MAX_ENDPOINTS_PER_OWNER) {
      throw VodkitException.conflict(
          "owner " + ownerId + " already has " + MAX_ENDPOINTS_PER_OWNER
              + " webhook endpoints; delete one first");
    }
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            Ids.random("whk_"), ownerId, url, WebhookSigner.newSecret(), null, null,
            clock.instant());
    store.createEndpoint(endpoint);
    log.info("webhook endpoint {} registered for owner {}: {}", endpoint.id(), ownerId, url);
    return endpoint;
  }

  /** The owner's endpoints, oldest first. */
  public List<WebhookEndpoint> endpoints(String ownerId) {
    requireOwner(ownerId);
    return store.endpoints(ownerId);
  }

  /** Deletes the owner's endpoint and its deliveries; NOT_FOUND if it is not theirs. */
  public void delete(String ownerId, String endpointId) {
    owned(ownerId, endpointId);
    if (!store.deleteEndpoint(endpointId)) {
      throw VodkitException.notFound("webhook endpoint " + endpointId);
    }
  }

  /**
   * Gives the endpoint a new secret; the old one keeps signing (second signature) for {@code
   * overlap} (0 to 30 days) so the receiver can switch. NOT_FOUND if it is not the owner's.
   */
  public WebhookEndpoint rotateSecret(String ownerId, String endpointId, Duration overlap) {
    if (overlap == null || overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw VodkitException.invalid("overlap", "overlap must be between 0 and 30 days");
    }
    owned(ownerId, endpointId);
    return store
        .rotateSecret(endpointId, WebhookSigner.newSecret(), clock.instant().plus(overlap))
        .orElseThrow(() -> VodkitException.notFound("webhook endpoint " + endpointId));
  }

  /** The owner's deliveries, newest first, optionally only those in {@code state}; 1..1000. */
  public List<WebhookDelivery> deliveries(
      String ownerId, Optional<WebhookDelivery.State> state, int limit) {
    requireOwner(ownerId);
    if (limit < 1 || limit > MAX_LIST) {
      throw VodkitException.invalid("limit", "limit must be 1.." + MAX_LIST);
    }
    return store.deliveries(ownerId, Objects.requireNonNull(state, "state"), limit);
  }

  /**
   * Sends a delivered or dead delivery again (same event id and body, a fresh retry schedule);
   * NOT_FOUND if it is not the owner's, CONFLICT while it is still pending.
   */
  public WebhookDelivery redeliver(String ownerId, String deliveryId) {
    requireOwner(ownerId);
    WebhookDelivery delivery =
        store
            .findDelivery(deliveryId == null ? "" : deliveryId)
            .filter(d -> d.ownerId().equals(ownerId))
            .orElseThrow(() -> VodkitException.notFound("webhook delivery " + deliveryId));
    WebhookDelivery again =
        store
            .redeliver(delivery.id(), clock.instant())
            .orElseThrow(() -> VodkitException.notFound("webhook delivery " + deliveryId));
    wake.release();
    return again;
  }

  /**
   * One pass: fans out every undispatched outbox event, then claims the deliveries due now (up to
   * a batch) and attempts each; returns how many attempts it made.
   */
  public int dispatchOnce() {
    while (store.fanOut(clock.instant(), FAN_OUT_BATCH, bodies::render) == FAN_OUT_BATCH) {
      // more waiting
    }
    List<WebhookDelivery> due = store.claimDue(clock.instant(), lease, CLAIM_BATCH);
    List<Future<?>> attempts = new ArrayList<>(due.size());
    for (WebhookDelivery d : due) {
      attempts.add(senders.submit(() -> attempt(d)));
    }
    for (Future<?> f : attempts) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        log.error("webhook attempt failed unexpectedly", e.getCause());
      }
    }
    return due.size();
  }

  /** One HTTP attempt of a claimed delivery, and its recorded outcome. */
  private void attempt(WebhookDelivery d) {
    Optional<WebhookEndpoint> endpoint = store.findEndpoint(d.endpointId());
    if (endpoint.isEmpty()) {
      return; // deleted meanwhile, with its deliveries
    }
    Instant at = clock.instant();
    Request.Builder request =
        new Request.Builder()
            .url(endpoint.get().url().toString())
            .header("User-Agent", "vodkit-webhooks")
            .post(RequestBody.create(d.body().getBytes(StandardCharsets.UTF_8), JSON));
    for (Map.Entry<String, String> h :
        WebhookSigner.headers(d.eventId(), d.body(), endpoint.get().secretsAt(at), at).entrySet()) {
      request.header(h.getKey(), h.getValue());
    }
    Integer status = null;
    String error;
    try (Response response = http.newCall(request.build()).execute()) {
      status = response.code();
      error =
          response.isSuccessful()
              ? null
              : "HTTP " + status + (response.isRedirect() ? " (redirects are not followed)" : "");
    } catch (IOException | RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Instant done = clock.instant();
    AttemptResult result;
    if (error == null) {
      result = AttemptResult.delivered(status, done);
    } else {
      Optional<Instant> next = retry.next(d.attempts(), d.scheduledFrom(), done);
      result =
          next.isPresent()
              ? AttemptResult.retry(status, error, done, next.get())
              : AttemptResult.dead(status, error, done);
    }
    boolean recorded = store.recordAttempt(d.id(), d.attempts(), result);
    log.info(
        "webhook attempt {} of delivery {}: video {} event {} endpoint {} -> {} ({}){}",
        d.attempts(), d.id(), d.videoId(), d.eventId(), d.endpointId(), result.state().wireName(),
        error == null ? "HTTP " + status : error,
        result.nextAttemptAt() == null ? "" : ", next attempt at " + result.nextAttemptAt());
    if (!recorded) {
      log.warn("webhook delivery {} changed during attempt {}; its result was not recorded",
          d.id(), d.attempts());
    }
  }

  private WebhookEndpoint owned(String ownerId, String endpointId) {
    requireOwner(ownerId);
    return store
        .findEndpoint(endpointId == null ? "" : endpointId)
        .filter(e -> e.ownerId().equals(ownerId))
        .orElseThrow(() -> VodkitException.notFound("webhook endpoint " + endpointId));
  }

  private static void requireOwner(String ownerId) {
    if (ownerId == null || ownerId.isBlank()) {
      throw VodkitException.invalid("owner_id", "owner id is required");
    }
  }

  private void startDispatcher() {
    running = true;
    dispatcher = new Thread(this::dispatchLoop, "vodkit-webhooks-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  private void dispatchLoop() {
    while (running) {
      int attempts = 0;
      try {
        attempts = dispatchOnce();
      } catch (RuntimeException e) {
        log.warn("webhook dispatch pass failed; trying again in {}", pollInterval, e);
      }
      if (attempts == 0 && running) {
        try {
          wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Stops the dispatcher (letting a pass in flight finish) and the client threads it owns. */
  @Override
  public void close() {
    running = false;
    wake.release();
    if (dispatcher != null) {
      try {
        dispatcher.join(lease.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    senders.shutdown();
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Configures {@link Webhooks}. */
  public static final class Builder {
    private WebhookStore webhookStore;
    private MetadataStore metadataStore;
    private BaseUrls baseUrls;
    private EgressPolicy egressPolicy;
    private OkHttpClient httpClient;
    private RetrySchedule retrySchedule;
    private InstantSource clock;
    private Duration pollInterval;

    private Builder() {}

    /** Where endpoints and deliveries live (and the outbox is read). Required. */
    public Builder webhookStore(WebhookStore store) {
      this.webhookStore = store;
      return this;
    }

    /** Where the videos and jobs the bodies describe are read. Required. */
    public Builder metadataStore(MetadataStore store) {
      this.metadataStore = store;
      return this;
    }

    /** The CDN base for the manifest URLs in bodies. Required. */
    public Builder baseUrls(BaseUrls baseUrls) {
      this.baseUrls = baseUrls;
      return this;
    }

    /** Which addresses may be contacted. Required (use {@link EgressPolicy#publicInternetOnly()}). */
    public Builder egressPolicy(EgressPolicy policy) {
      this.egressPolicy = policy;
      return this;
    }

    /**
     * The client to derive the delivery client from (its timeouts, TLS, pools); redirects,
     * connection retries, proxies, DNS and sockets are overridden. Default: 5 s connect, 10 s
     * read/write, 15 s per call.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = client;
      return this;
    }

    /** When failed deliveries are retried. Default {@link RetrySchedule#defaults()}. */
    public Builder retrySchedule(RetrySchedule schedule) {
      this.retrySchedule = schedule;
      return this;
    }

    /** The clock for timestamps, signatures and schedules. Default the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** How long the dispatcher sleeps after a pass with nothing to do. Default 1 s. */
    public Builder pollInterval(Duration interval) {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw VodkitException.invalid("pollInterval", "poll interval must be positive");
      }
      this.pollInterval = interval;
      return this;
    }

    /** Builds without a dispatcher thread: call {@link Webhooks#dispatchOnce()} yourself. */
    public Webhooks build() {
      return new Webhooks(this);
    }

    /** Builds and starts the dispatcher thread. */
    public Webhooks start() {
      Webhooks webhooks = new Webhooks(this);
      webhooks.startDispatcher();
      return webhooks;
    }
  }
}
