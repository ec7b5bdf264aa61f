package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.TranscodeJob;
import io.vodkit.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue on the real PostgreSQL with two {@link JdbcStore}s, each with its own pool, standing
 * in for two processes on one schema: exactly-once claims, lost leases, concurrent sweeps,
 * concurrent first starts and LISTEN/NOTIFY wake-ups across processes.
 */
class PostgresQueueTest {
  private static final Instant T0 = QueueFixtures.T0;
  private final QueueFixtures fixtures = new QueueFixtures();
  private static final Duration LEASE = Duration.ofMinutes(5);

  private static String schema;
  private JdbcStore first;
  private JdbcStore second;

  @BeforeAll
  static void nameTheSchema() {
    schema = TestPostgres.schemaFor(PostgresQueueTest.class);
  }

  @AfterAll
  static void dropSchema() {
    if (TestPostgres.reachable()) {
      TestPostgres.dropSchema(schema);
    }
  }

  @BeforeEach
  void openTwoProcesses() {
    TestPostgres.assumeReachable();
    first = JdbcStore.postgres(TestPostgres.URL, schema);
    second = JdbcStore.postgres(TestPostgres.URL, schema);
    TestPostgres.emptyTables(schema);
  }

  @AfterEach
  void closeProcesses() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  @Test
  void twoProcessesRacingSixteenThreadsOverFiveHundredJobsClaimEachJobExactlyOnce()
      throws Exception {
    List<String> published = fixtures.publish(first, 500);
    Queue<TranscodeJob> claimed = new ConcurrentLinkedQueue<>();
    List<Callable<Void>> workers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      JdbcStore store = i % 2 == 0 ? first : second;
      String workerId = "p" + (i % 2) + "-w" + i;
      workers.add(
          () -> {
            Optional<TranscodeJob> job;
            while ((job = store.claim(workerId, T0.plusSeconds(1), LEASE)).isPresent()) {
              claimed.add(job.get());
            }
            return null;
          });
    }

    QueueFixtures.race(workers);

    assertThat(claimed.stream().map(TranscodeJob::id))
        .containsExactlyInAnyOrderElementsOf(published);
    assertThat(claimed).allSatisfy(j -> assertThat(j.attempt()).isEqualTo(1));
    assertThat(claimed.stream().map(TranscodeJob::workerId).filter(w -> w.startsWith("p1")))
        .as("the second process claimed some jobs too").isNotEmpty();
  }

  @Test
  void aRenewalAfterAnotherProcessReclaimedTheExpiredJobReturnsFalse() {
    fixtures.publish(first, 1);
    TranscodeJob lost = first.claim("p0-w", T0, LEASE).orElseThrow();
    Instant later = lost.lockedUntil().plusSeconds(1);
    assertThat(second.requeueExpired(later)).isEqualTo(1);
    TranscodeJob taken = second.claim("p1-w", later, LEASE).orElseThrow();

    boolean renewed = first.renew(lost.lease(), later.plus(LEASE), List.of());

    assertThat(renewed).isFalse();
    assertThat(taken.id()).isEqualTo(lost.id());
    assertThat(taken.attempt()).isEqualTo(2);
    assertThat(first.findJob(taken.id())).contains(taken);
    assertThat(second.renew(taken.lease(), later.plus(LEASE), List.of())).isTrue();
  }

  @Test
  void fourConcurrentSweepsFromTwoProcessesTouchEachExpiredJobExactlyOnce() throws Exception {
    List<String> published = fixtures.publish(first, 100);
    while (first.claim("w", T0, LEASE).isPresent()) {
      // lease every job
    }
    Instant later = T0.plus(LEASE).plusSeconds(1);
    List<Callable<Integer>> sweepers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JdbcStore store = i % 2 == 0 ? first : second;
      sweepers.add(() -> store.requeueExpired(later));
    }

    List<Integer> touched = QueueFixtures.race(sweepers);

    assertThat(touched.stream().mapToInt(Integer::intValue).sum()).isEqualTo(published.size());
    for (String jobId : published) {
      TranscodeJob job = second.findJob(jobId).orElseThrow();
      assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(job.errorCode()).isEqualTo("lease_expired");
    }
  }

  @Test
  void aClaimSkipsTheRowAnotherTransactionHoldsInsteadOfWaitingForIt() throws SQLException {
    List<String> jobs = fixtures.publish(first, 2);
    try (Connection holder = DriverManager.getConnection(TestPostgres.URL);
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.execute(
          "SELECT job_id FROM \"" + schema + "\".transcode_jobs WHERE job_id = '" + jobs.get(0)
              + "' FOR UPDATE");

      TranscodeJob claimed = second.claim("w", T0, LEASE).orElseThrow();

      assertThat(claimed.id()).isEqualTo(jobs.get(1));
      assertThat(second.claim("w", T0, LEASE)).isEmpty();
      holder.rollback();
    }
    assertThat(second.claim("w", T0, LEASE).map(TranscodeJob::id)).contains(jobs.get(0));
  }

  @Test
  void fourProcessesMigratingTheSameEmptySchemaAtOnceAllSucceedAndApplyEachScriptOnce()
      throws Exception {
    String fresh = TestPostgres.schemaFor(PostgresQueueTest.class);
    List<Callable<JdbcStore>> starts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      starts.add(() -> JdbcStore.postgres(TestPostgres.URL, fresh));
    }
    try {
      List<JdbcStore> stores = QueueFixtures.race(starts);
      stores.forEach(JdbcStore::close);

      List<Integer> versions = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(TestPostgres.URL);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT version FROM \"" + fresh + "\"." + Migrations.HISTORY_TABLE
                      + " WHERE type = 'SQL' ORDER BY installed_rank")) {
        while (rs.next()) {
          versions.add(Integer.parseInt(rs.getString(1)));
        }
      }
      assertThat(versions)
          .containsExactlyElementsOf(ShippedScripts.versions(Dialect.POSTGRESQL));
    } finally {
      TestPostgres.dropSchema(fresh);
    }
  }

  @Test
  void awaitWorkReturnsPromptlyWhenAnotherProcessEnqueues() throws Exception {
    first.awaitWork(Duration.ofMillis(1)); // starts listening, takes any earlier wake-up
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      long start = System.nanoTime();
      Future<Boolean> woken = waiter.submit(() -> first.awaitWork(Duration.ofSeconds(10)));

      fixtures.publish(second, 1);

      assertThat(woken.get(15, TimeUnit.SECONDS)).as("woken before the 10 s timeout").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    } finally {
      waiter.shutdownNow();
    }
  }

  @Test
  void awaitWorkIsNotWokenByWorkQueuedInAnotherSchema() throws Exception {
    String other = TestPostgres.schemaFor(PostgresQueueTest.class);
    try (JdbcStore elsewhere = JdbcStore.postgres(TestPostgres.URL, other)) {
      first.awaitWork(Duration.ofMillis(1));

      fixtures.publish(elsewhere, 1);

      assertThat(first.awaitWork(Duration.ofMillis(500))).isFalse();
    } finally {
      TestPostgres.dropSchema(other);
    }
  }

  @Test
  void closingAStoreLeavesTheCallersDataSourceOpen() throws Exception {
    try (var pool = TestPools.pool(2)) {
      JdbcStore store = JdbcStore.postgres(pool, schema);
      store.awaitWork(Duration.ofMillis(1));

      store.close();

      assertThat(pool.isClosed()).isFalse();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void theTablesAreCreatedInTheNamedSchema() throws SQLException {
    Set<String> tables = new HashSet<>();
    try (Connection c = DriverManager.getConnection(TestPostgres.URL);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + schema + "'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }

    assertThat(tables)
        .contains("videos", "upload_sessions", "transcode_jobs", Migrations.HISTORY_TABLE);
  }
}
