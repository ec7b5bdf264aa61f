package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.NewUpload;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.examples.TestClip;
import io.vodkit.hls.HlsParser;
import io.vodkit.hls.HlsPlaylist;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.OutboxEvent;
import io.vodkit.storage.s3.S3ProxyServer;
import io.vodkit.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet mode under fire: three {@link WorkerMain} processes on PostgreSQL and S3 (S3Proxy in this
 * JVM), {@value #VIDEOS} short videos published through the pipeline API of this JVM (no workers
 * here), and a killer that SIGKILLs a random worker process (and its ffmpeg) every few seconds and
 * starts a new one. Every video must end ready with exactly one outcome event, no job may keep a
 * lease, no row may be doubled, and every master must parse and name only objects that exist.
 * Bounded: the whole test has four minutes; worker logs are kept in {@code target/chaos/}.
 */
@Tag("chaos")
class FleetChaosTest {
  private static final int VIDEOS = 30;
  private static final int PROCESSES = 3;
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration DRAIN_BUDGET = Duration.ofSeconds(170);

  @TempDir Path dir;
  private final Path logs = Path.of("target", "chaos");
  private final WorkerProcess[] workers = new WorkerProcess[PROCESSES];
  private final Object lock = new Object();
  private boolean stopKilling;
  private int kills;
  private int killsMidJob;
  private int generation;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void everyVideoEndsReadyOnceWhileWorkersAreKilled() throws Exception {
    TestPostgres.assumeReachable();
    String schema = TestPostgres.schemaFor(FleetChaosTest.class);
    S3ProxyServer s3 = S3ProxyServer.get();
    deleteLogs();
    Files.createDirectories(logs);
    Properties p = new Properties();
    p.setProperty(PipelineConfig.STORAGE_TYPE, "s3");
    p.setProperty(PipelineConfig.S3_ENDPOINT, s3.endpoint().toString());
    p.setProperty(PipelineConfig.S3_BUCKET, S3ProxyServer.BUCKET);
    p.setProperty(PipelineConfig.S3_PATH_STYLE, "true");
    p.setProperty(PipelineConfig.S3_ACCESS_KEY, S3ProxyServer.ACCESS_KEY);
    p.setProperty(PipelineConfig.S3_SECRET_KEY, S3ProxyServer.SECRET_KEY);
    p.setProperty(PipelineConfig.STORE_TYPE, "postgres");
    p.setProperty(PipelineConfig.POSTGRES_URL, TestPostgres.URL);
    p.setProperty(PipelineConfig.POSTGRES_SCHEMA, schema);
    p.setProperty(PipelineConfig.BASE_URL_API, "http://127.0.0.1:8080/v1");
    p.setProperty(PipelineConfig.BASE_URL_UPLOADS, s3.endpoint().toString());
    p.setProperty(PipelineConfig.BASE_URL_CDN, s3.endpoint() + "/" + S3ProxyServer.BUCKET + "/");
    p.setProperty(PipelineConfig.WORKERS, "1");
    p.setProperty(PipelineConfig.LEASE, LEASE.toSeconds() + "s");
    p.setProperty(PipelineConfig.HEARTBEAT, "1s");
    p.setProperty(PipelineConfig.POLL_INTERVAL, "500ms");
    p.setProperty(PipelineConfig.SUPERVISOR_INTERVAL, "1s");
    p.setProperty(PipelineConfig.MAX_ATTEMPTS, "25"); // a job may be killed many times; it must never run out
    p.setProperty(PipelineConfig.FFMPEG_THREADS, "1");
    p.setProperty(PipelineConfig.WORK_DIR, dir.resolve("work").toString());
    Path config = FleetProperties.write(p, dir.resolve("fleet.properties"));
    Path clip = TestClip.generate(dir.resolve("clip.mp4"), 320, 180, 2, 300);
    byte[] clipBytes = Files.readAllBytes(clip);

    Properties api = (Properties) p.clone();
    api.setProperty(PipelineConfig.WORKERS, "0");
    PipelineConfig.Backends backends = PipelineConfig.of(api, "api").open(); // migrates the schema
    Thread killer = null;
    try (VideoPipeline pipeline = backends.builder().build()) {
      for (int i = 0; i < PROCESSES; i++) {
        workers[i] = startWorker(config, i);
      }
      for (WorkerProcess w : workers) {
        assertThat(w.awaitReady(Duration.ofSeconds(60))).as(w.output()).isTrue();
      }
      long seed = System.nanoTime();
      killer = new Thread(() -> killLoop(config, new Random(seed), schema), "chaos-killer");

      Instant start = Instant.now();
      killer.start();
      List<String> videoIds = new ArrayList<>();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < VIDEOS; i++) {
        UploadSession up = pipeline.createUpload(NewUpload.of("owner_chaos", "clip " + i, "video/mp4", clipBytes.length));
        HttpResponse<String> put =
            http.send(HttpRequest.newBuilder(up.uploadUrl()).PUT(HttpRequest.BodyPublishers.ofByteArray(clipBytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        pipeline.completeUpload(up.videoId(), List.of());
        pipeline.publish(up.videoId());
        videoIds.add(up.videoId());
      }
      Duration uploads = Duration.between(start, Instant.now());

      Instant deadline = start.plus(DRAIN_BUDGET);
      long terminal = 0;
      while (Instant.now().isBefore(deadline)) {
        terminal = count(schema, "SELECT count(*) FROM videos WHERE status IN ('ready', 'partial', 'failed')");
        if (terminal == VIDEOS) {
          break;
        }
        Thread.sleep(500);
      }
      Duration total = Duration.between(start, Instant.now());
      synchronized (lock) {
        stopKilling = true;
      }
      killer.join(30_000);
      stopAll();

      long recovered = count(schema, "SELECT count(*) FROM transcode_jobs WHERE attempt > 1");
      long maxAttempt = count(schema, "SELECT max(attempt) FROM transcode_jobs");
      long leaseExpiries = count(schema, "SELECT count(*) FROM transcode_jobs WHERE error_code = 'lease_expired'");
      String summary =
          String.format(
              "chaos: %d/%d videos ready-or-terminal with %d worker processes in %.1f s (uploads %.1f s);"
                  + " kills %d (%d while holding a job), recoveries %d jobs with attempt > 1 (max attempt %d,"
                  + " %d last errors lease_expired); seed %d",
              terminal, VIDEOS, PROCESSES, total.toMillis() / 1000.0, uploads.toMillis() / 1000.0, kills,
              killsMidJob, recovered, maxAttempt, leaseExpiries, seed);
      System.out.println(summary);
      Files.writeString(logs.resolve("summary.txt"), summary + "\n");

      assertThat(terminal).as("terminal videos within %s", DRAIN_BUDGET).isEqualTo(VIDEOS);
      assertThat(kills).as("the killer ran").isPositive();
      assertThat(count(schema, "SELECT count(*) FROM videos WHERE status <> 'ready'")).isZero();
      assertThat(count(schema, "SELECT count(*) FROM videos")).isEqualTo(VIDEOS);
      assertThat(count(schema, "SELECT count(*) FROM transcode_jobs")).isEqualTo(VIDEOS);
      assertThat(count(schema, "SELECT count(DISTINCT video_id) FROM transcode_jobs")).isEqualTo(VIDEOS);
      assertThat(count(schema, "SELECT count(*) FROM transcode_jobs WHERE status <> 'complete'"
          + " OR worker_id IS NOT NULL OR locked_until IS NOT NULL")).as("no job keeps a lease").isZero();
      assertThat(count(schema, "SELECT count(*) FROM outbox_events")).isEqualTo(VIDEOS);
      assertThat(count(schema, "SELECT count(DISTINCT job_id) FROM outbox_events")).isEqualTo(VIDEOS);

      ObjectStorage storage = pipeline.storage();
      int segmentsChecked = 0;
      for (String videoId : videoIds) {
        TranscodeJob job = pipeline.job(videoId);
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        List<OutboxEvent> events = backends.store().outboxEvents(videoId);
        assertThat(events).as("outcome events of %s", videoId).hasSize(1);
        assertThat(events.get(0).status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(events.get(0).attempt()).isEqualTo(job.attempt());
        assertThat(events.get(0).eventId()).isEqualTo(OutboxEvent.idFor(job.id(), job.attempt()));
        segmentsChecked += checkPublished(storage, videoId);
      }
      System.out.println("chaos: " + segmentsChecked + " segments and init segments listed by the masters all exist");
      assertThat(segmentsChecked).isGreaterThanOrEqualTo(VIDEOS * 4);
    } finally {
      synchronized (lock) {
        stopKilling = true;
      }
      if (killer != null) {
        killer.interrupt();
        killer.join(10_000);
      }
      for (WorkerProcess w : workers) {
        if (w != null && w.isAlive()) {
          w.kill();
        }
      }
      if (TestPostgres.reachable()) {
        TestPostgres.dropSchema(schema);
      }
    }
  }

  /**
   * The master parses; every media playlist it names (variants and audio) exists and parses; every
   * init segment and segment those name exists in storage; the DASH master is there too. Returns
   * how many segments were checked.
   */
  private static int checkPublished(ObjectStorage storage, String videoId) throws IOException {
    String prefix = VideoPipeline.videoPrefix(videoId);
    assertThat(storage.head(prefix + "manifest.mpd")).as("DASH master of " + videoId).isPresent();
    HlsPlaylist.Master master = HlsParser.parseMaster(read(storage, prefix + "manifest.m3u8"));
    List<String> mediaUris = new ArrayList<>();
    master.variants().forEach(v -> mediaUris.add(v.uri()));
    master.renditions().forEach(r -> r.uri().ifPresent(mediaUris::add));
    assertThat(master.variants()).as("variants of " + videoId).isNotEmpty();
    int checked = 0;
    for (String uri : mediaUris) {
      String mediaKey = prefix + uri;
      HlsPlaylist.Media media = HlsParser.parseMedia(read(storage, mediaKey));
      String dir = mediaKey.substring(0, mediaKey.lastIndexOf('/') + 1);
      assertThat(media.endList()).isTrue();
      assertThat(media.segments()).as(mediaKey).isNotEmpty();
      List<String> keys = new ArrayList<>();
      media.mapUri().ifPresent(m -> keys.add(dir + m));
      media.segments().forEach(s -> keys.add(dir + s.uri()));
      for (String key : keys) {
        assertThat(storage.head(key)).as("%s listed by %s", key, mediaKey).isPresent();
        checked++;
      }
    }
    return checked;
  }

  private static String read(ObjectStorage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void deleteLogs() throws IOException {
    if (Files.isDirectory(logs)) {
      try (var files = Files.list(logs)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  private WorkerProcess startWorker(Path config, int slot) {
    return WorkerProcess.start(config, logs.resolve("worker-" + slot + "-" + (generation++) + ".log"));
  }

  /** Every 2.5–4.5 s: SIGKILL a random worker process (and its ffmpeg), then start a new one. */
  private void killLoop(Path config, Random random, String schema) {
    while (true) {
      try {
        Thread.sleep(2_500 + random.nextInt(2_000));
      } catch (InterruptedException e) {
        return;
      }
      synchronized (lock) {
        if (stopKilling) {
          return;
        }
        int slot = random.nextInt(PROCESSES);
        WorkerProcess victim = workers[slot];
        boolean holding =
            count(schema, "SELECT count(*) FROM transcode_jobs WHERE status = 'processing' AND worker_id LIKE '%-"
                + victim.pid() + "-%'") > 0;
        victim.kill();
        try {
          victim.awaitExit(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          return;
        }
        kills++;
        killsMidJob += holding ? 1 : 0;
        workers[slot] = startWorker(config, slot);
      }
    }
  }

  private void stopAll() throws InterruptedException {
    synchronized (lock) {
      for (WorkerProcess w : workers) {
        w.terminate();
      }
      for (WorkerProcess w : workers) {
        w.awaitExit(Duration.ofSeconds(30));
      }
    }
  }

  private static long count(String schema, String sql) {
    try (Connection c = DriverManager.getConnection(TestPostgres.URL + "&currentSchema=" + schema);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }
}
