package io.vodkit.bench.store;

import io.vodkit.JobStatus;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.spi.JobOutcome;
import io.vodkit.store.jdbc.JdbcStore;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Claim throughput of the job queue, and proof that no job is handed out twice.
 *
 * <p>For each database (PostgreSQL, then SQLite as the reference): fill the queue with {@code
 * jobs} queued jobs (bench-only bulk insert, untimed), then release {@code claimers} threads at
 * once. Each thread repeats a worker's minimal cycle — one {@link JdbcStore#claim} (the oldest
 * queued job, leased) followed by one {@link JdbcStore#finish} (complete, job and video in one
 * transaction) — until its claim comes back empty. The figure is completed claim+finish cycles
 * per second of wall time, from the release of the threads until the last one finds the queue
 * empty (two committed transactions per cycle). A warm-up round of {@code jobs / 50} jobs runs
 * first, untimed. Also printed: the rate over the first and the last tenth of the cycles (a
 * long backlog drains slower at the end on PostgreSQL: claimed jobs leave dead entries at the head
 * of the queue index until vacuum). Afterwards every claimed id is checked: each of the loaded
 * jobs claimed exactly once by the threads and marked complete on attempt 1 in the database.
 *
 * <p>Usage: {@code ClaimBench [jobs=100000] [claimers=8] [postgres-jdbc-url]
 * [both|postgresql|sqlite]}; the default URL is the local server ({@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). PostgreSQL runs
 * in a fresh schema {@code vodkit_bench_<random>} dropped afterwards, with the server's own
 * durability settings; SQLite in a temporary file (WAL, default synchronous mode).
 */
public final class ClaimBench {
  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final Instant NOW = Instant.parse("2026-06-20T17:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(10);
  private static final JobOutcome DONE =
      new JobOutcome(
          JobStatus.COMPLETE,
          List.of(
              new RenditionProgress("360p", RenditionState.DONE, 100, null),
              new RenditionProgress("720p", RenditionState.DONE, 100, null)),
          List.of(
              new Rendition("360p", 640, 360, 800, 850_000L, "avc1.4d401e,mp4a.40.2"),
              new Rendition("720p", 1280, 720, 2800, 2_900_000L, "avc1.64001f,mp4a.40.2")),
          20.0, null, null);

  private ClaimBench() {}

  /** One database's result. */
  record Result(
      String database, int jobs, int claimers, double seconds, int doubleClaims,
      int fewestByOneClaimer, int mostByOneClaimer, double firstTenthRate, double lastTenthRate) {
    double claimsPerSecond() {
      return jobs / seconds;
    }
  }

  /** What the claimers did: per claimer, the ids claimed and when each cycle ended (nanos). */
  private record Drain(List<List<String>> ids, List<long[]> endedAt) {}

  /** Runs the bench on PostgreSQL and SQLite and prints one line per database and the ratio. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int claimers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String url = args.length > 2 ? args[2] : DEFAULT_URL;
    String which = args.length > 3 ? args[3] : "both";

    System.out.printf(
        "ClaimBench: %,d jobs, %d claimers, one claim + one finish per job%n", jobs, claimers);
    List<Result> results = new ArrayList<>();
    if (!which.equals("sqlite")) {
      results.add(print(postgres(url, jobs, claimers)));
    }
    if (!which.equals("postgresql")) {
      results.add(print(sqlite(jobs, claimers)));
    }
    if (results.size() == 2) {
      System.out.printf(
          Locale.ROOT, "postgresql/sqlite claims-per-second ratio: %.2f%n",
          results.get(0).claimsPerSecond() / results.get(1).claimsPerSecond());
    }
    if (results.stream().anyMatch(r -> r.doubleClaims() > 0)) {
      System.out.println("FAILED: a job was claimed more than once");
      System.exit(1);
    }
  }

  private static Result postgres(String url, int jobs, int claimers) throws Exception {
    String schema =
        "vodkit_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    try (JdbcStore store = JdbcStore.postgres(url, schema)) {
      return run("postgresql", store, url, schema, jobs, claimers);
    } finally {
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
    }
  }

  private static Result sqlite(int jobs, int claimers) throws Exception {
    Path dir = Files.createTempDirectory("vodkit-claimbench");
    Path file = dir.resolve("queue.db");
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      return run("sqlite", store, "jdbc:sqlite:" + file, null, jobs, claimers);
    } finally {
      for (String name : List.of("queue.db", "queue.db-wal", "queue.db-shm")) {
        Files.deleteIfExists(dir.resolve(name));
      }
      Files.deleteIfExists(dir);
    }
  }

  private static Result run(
      String database, JdbcStore store, String url, String schema, int jobs, int claimers)
      throws Exception {
    int warmUp = Math.max(100, jobs / 50);
    BulkLoad.queuedJobs(url, schema, "warm", warmUp, NOW.minusSeconds(3600));
    claimAll(store, claimers, warmUp);

    List<String> loaded = BulkLoad.queuedJobs(url, schema, "run", jobs, NOW);
    long start = System.nanoTime();
    Drain drain = claimAll(store, claimers, jobs);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<List<String>> claimed = drain.ids();

    int doubleClaims = verify(database, loaded, claimed);
    int complete = countCompleteFirstAttempts(url, schema);
    if (complete != jobs) {
      System.out.printf("  %s: %,d of %,d jobs complete on attempt 1%n", database, complete, jobs);
      doubleClaims += Math.abs(jobs - complete);
    }
    int fewest = claimed.stream().mapToInt(List::size).min().orElse(0);
    int most = claimed.stream().mapToInt(List::size).max().orElse(0);
    long[] ends = drain.endedAt().stream().flatMapToLong(Arrays::stream).sorted()
        .toArray();
    return new Result(
        database, jobs, claimers, seconds, doubleClaims, fewest, most,
        rate(ends, start, 0, ends.length / 10), rate(ends, start, ends.length * 9 / 10,
            ends.length));
  }

  /** Cycles per second between the {@code from}-th and the {@code to}-th completed cycle. */
  private static double rate(long[] ends, long start, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    long begin = from == 0 ? start : ends[from - 1];
    return (to - from) / ((ends[to - 1] - begin) / 1e9);
  }

  /** Runs the claimers until the queue is empty. */
  private static Drain claimAll(JdbcStore store, int claimers, int expected) throws Exception {
    List<List<String>> claimed = new ArrayList<>();
    List<long[]> endedAt = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < claimers; i++) {
      List<String> mine = new ArrayList<>();
      long[] myEnds = new long[expected];
      claimed.add(mine);
      endedAt.add(myEnds);
      String workerId = "bench-w" + i;
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  Optional<TranscodeJob> job;
                  while ((job = store.claim(workerId, NOW, LEASE)).isPresent()) {
                    if (!store.finish(job.get().lease(), DONE, NOW)) {
                      throw new IllegalStateException("lost the lease on " + job.get().id());
                    }
                    if (mine.size() < myEnds.length) {
                      myEnds[mine.size()] = System.nanoTime();
                    }
                    mine.add(job.get().id());
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              workerId);
      threads.add(t);
      t.start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a claimer failed", failure.get());
    }
    for (int i = 0; i < claimers; i++) {
      endedAt.set(i, Arrays.copyOf(endedAt.get(i), claimed.get(i).size()));
    }
    return new Drain(claimed, endedAt);
  }

  /** Every loaded id claimed exactly once (warm-up ids aside); returns the number of repeats. */
  private static int verify(String database, List<String> loaded, List<List<String>> claimed) {
    Set<String> seen = new HashSet<>();
    int repeats = 0;
    int total = 0;
    for (List<String> ids : claimed) {
      for (String id : ids) {
        total++;
        if (!seen.add(id)) {
          repeats++;
        }
      }
    }
    Set<String> missing = new HashSet<>(loaded);
    missing.removeAll(seen);
    if (!missing.isEmpty() || total != loaded.size()) {
      throw new IllegalStateException(
          database + ": " + total + " claims for " + loaded.size() + " jobs, " + missing.size()
              + " never claimed");
    }
    return repeats;
  }

  private static int countCompleteFirstAttempts(String url, String schema) throws SQLException {
    String table = schema == null ? "transcode_jobs" : "\"" + schema + "\".transcode_jobs";
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM " + table
                    + " WHERE job_id LIKE 'tjob_run_%' AND status = 'complete' AND attempt = 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Result print(Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %,9d jobs  %d claimers  %7.2f s  %,8.0f claims/s  double claims: %d"
            + "  (per claimer %,d..%,d; first 10%%: %,.0f/s, last 10%%: %,.0f/s)%n",
        r.database(), r.jobs(), r.claimers(), r.seconds(), r.claimsPerSecond(),
        r.doubleClaims(), r.fewestByOneClaimer(), r.mostByOneClaimer(), r.firstTenthRate(),
        r.lastTenthRate());
    return r;
  }
}
