package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.TranscodeJob;
import io.vodkit.VodkitException;
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
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@link JdbcStore}s on one SQLite file, standing in for two processes: they share one queue
 * and never hand out a job twice. Also checks what the file looks like on disk.
 */
class SqliteTwoStoresTest {
  private static final Instant T0 = QueueFixtures.T0;
  private final QueueFixtures fixtures = new QueueFixtures();
  private static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;
  private Path file;
  private JdbcStore first;
  private JdbcStore second;

  @BeforeEach
  void openTwoStores() {
    file = dir.resolve("shared/vodkit.db");
    first = JdbcStore.sqlite(file);
    second = JdbcStore.sqlite(file);
  }

  @AfterEach
  void closeStores() {
    first.close();
    second.close();
  }

  @Test
  void twoStoresOnOneFileRacingForJobsNeverClaimTheSameJobTwice() throws Exception {
    List<String> published = fixtures.publish(first, 200);
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

    // Exactly once, and no thread failed (race() rethrows). Which store wins how many jobs is up
    // to SQLite's busy handler: there is no fairness between processes, so no split is asserted.
    assertThat(claimed.stream().map(TranscodeJob::id))
        .containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void twoStoresSweepingExpiredLeasesAtOnceRequeueEachJobOnce() throws Exception {
    fixtures.publish(first, 50);
    while (first.claim("w", T0, LEASE).isPresent()) {
      // lease every job
    }
    Instant later = T0.plus(LEASE).plusSeconds(1);
    List<Callable<Integer>> sweepers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      JdbcStore store = i % 2 == 0 ? first : second;
      sweepers.add(() -> store.requeueExpired(later));
    }

    List<Integer> touched = QueueFixtures.race(sweepers);

    assertThat(touched.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
  }

  @Test
  void whatOneStoreWritesTheOtherReadsAtOnce() {
    List<String> jobIds = fixtures.publish(first, 1);

    assertThat(second.findJob(jobIds.get(0))).isPresent();
    TranscodeJob claimed = second.claim("w", T0, LEASE).orElseThrow();
    assertThat(first.findJob(claimed.id())).contains(claimed);
  }

  @Test
  void theFileIsInWalModeWithTheSchemaMigratedOnce() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
      List<String> applied = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT version, description FROM " + Migrations.HISTORY_TABLE
                  + " WHERE type = 'SQL' ORDER BY installed_rank")) {
        while (rs.next()) {
          applied.add(rs.getString(1) + "__" + rs.getString(2));
        }
      }
      assertThat(applied).startsWith("1__init");
      assertThat(applied)
          .containsExactlyElementsOf(
              ShippedScripts.of(Dialect.SQLITE).stream()
                  .map(s -> s.version() + "__" + s.description()).toList());
    }
  }

  @Test
  void fourStoresOpeningTheSameEmptyFileAtOnceAllSucceedAndApplyEachScriptOnce()
      throws Exception {
    Path fresh = dir.resolve("fresh/vodkit.db");
    List<Callable<JdbcStore>> opens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      opens.add(() -> JdbcStore.sqlite(fresh));
    }

    QueueFixtures.race(opens).forEach(JdbcStore::close);

    List<Integer> versions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fresh);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version FROM " + Migrations.HISTORY_TABLE
                    + " WHERE type = 'SQL' ORDER BY installed_rank")) {
      while (rs.next()) {
        versions.add(Integer.parseInt(rs.getString(1)));
      }
    }
    assertThat(versions).containsExactlyElementsOf(ShippedScripts.versions(Dialect.SQLITE));
  }

  @Test
  void statusesAndInstantsAreStoredAsWireNamesAndEpochMillis() throws SQLException {
    String jobId = fixtures.publish(first, 1).get(0);
    first.claim("w", T0, LEASE);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT j.status, j.locked_until, v.status FROM transcode_jobs j"
                    + " JOIN videos v ON v.video_id = j.video_id"
                    + " WHERE j.job_id = '" + jobId + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("processing");
      assertThat(rs.getLong(2)).isEqualTo(T0.plus(LEASE).toEpochMilli());
      assertThat(rs.getString(3)).isEqualTo("transcoding");
    }
  }

  @Test
  void aClosedStoreRefusesWorkWithAStoreError() {
    first.close();

    assertThatThrownBy(() -> first.findVideo("vid_x"))
        .isInstanceOf(VodkitException.class)
        .hasMessageContaining("closed");
    assertThat(second.findVideo("vid_x")).isEmpty();
  }
}
