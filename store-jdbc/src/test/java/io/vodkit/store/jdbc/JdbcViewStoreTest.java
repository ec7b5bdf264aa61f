package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.testing.MutableClock;
import io.vodkit.views.DailyUniques;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcViewStoreTest {
  private static final String VIDEO = "vid_AAAAAAAAAAAAAAAA";
  private static final Instant H10 = Instant.parse("2026-06-20T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-06-20");

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-06-20T10:30:00Z");
  private JdbcViewStore store;

  @BeforeEach
  void open() {
    store = JdbcViewStore.sqlite(dir.resolve("vodkit.db"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static ViewBatch views(String flushId, Instant hour, long n) {
    return new ViewBatch(flushId, List.of(new HourlyViews(VIDEO, hour, n)), List.of(), List.of());
  }

  @Test
  void fourViewStoresOpeningOneNewFileAtOnceAllSucceedAndLeaveItInWalMode() throws Exception {
    Path fresh = dir.resolve("views-only/views.db");
    List<Callable<JdbcViewStore>> opens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      opens.add(() -> JdbcViewStore.sqlite(fresh, clock));
    }
    List<JdbcViewStore> stores = QueueFixtures.race(opens);
    try {
      assertThat(stores.get(0).apply(views("vf_wal", H10, 3))).isTrue();
      assertThat(stores.get(3).views(VIDEO)).isEqualTo(3);
    } finally {
      stores.forEach(JdbcViewStore::close);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fresh);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void aBatchAppliedTwiceUnderOneFlushIdIsCountedOnce() {
    ViewBatch batch = views("vf_one", H10, 7);
    assertThat(store.apply(batch)).isTrue();
    assertThat(store.apply(batch)).isFalse();
    assertThat(store.isApplied("vf_one")).isTrue();
    assertThat(store.isApplied("vf_two")).isFalse();
    assertThat(store.views(VIDEO)).isEqualTo(7);
    assertThat(store.viewsSince(VIDEO, H10)).isEqualTo(7);
  }

  @Test
  void forgettingAVideoDeletesItsTotalsHoursAndUniquesOnly() {
    String other = "vid_BBBBBBBBBBBBBBBB";
    store.apply(new ViewBatch("vf_f1",
        List.of(new HourlyViews(VIDEO, H10, 5), new HourlyViews(other, H10, 2)),
        List.of(new DailyViewers(VIDEO, DAY, new long[] {1, 2, 3}), new DailyViewers(other, DAY, new long[] {4})),
        List.of()));
    assertThat(store.uniqueViewers(VIDEO, DAY)).isEqualTo(3);

    store.forget(VIDEO);
    store.forget(VIDEO); // idempotent

    assertThat(store.views(VIDEO)).isZero();
    assertThat(store.viewsSince(VIDEO, H10)).isZero();
    assertThat(store.uniqueViewers(VIDEO, DAY)).isZero();
    assertThat(store.views(other)).isEqualTo(2);
    assertThat(store.uniqueViewers(other, DAY)).isEqualTo(1);
    assertThat(store.isApplied("vf_f1")).as("flush ids stay: a retried flush must not count again").isTrue();
  }

  @Test
  void totalsSurviveReopeningTheDatabase() {
    store.apply(views("vf_a", H10, 3));
    store.apply(views("vf_b", H10.plus(Duration.ofHours(1)), 4));
    store.close();
    store = JdbcViewStore.sqlite(dir.resolve("vodkit.db"), clock);
    assertThat(store.views(VIDEO)).isEqualTo(7);
    assertThat(store.apply(views("vf_a", H10, 3))).as("ids are durable too").isFalse();
  }

  @Test
  void viewsSinceCountsWholeHourBucketsStartingAtOrAfterTheInstant() {
    store.apply(views("vf_1", H10.minus(Duration.ofHours(1)), 1));
    store.apply(views("vf_2", H10, 10));
    store.apply(views("vf_3", H10.plus(Duration.ofHours(2)), 100));
    assertThat(store.viewsSince(VIDEO, H10)).isEqualTo(110);
    assertThat(store.viewsSince(VIDEO, H10.plusSeconds(1))).isEqualTo(100);
    assertThat(store.viewsSince("vid_nobody0000000000", H10)).isZero();
    assertThat(store.views("vid_nobody0000000000")).isZero();
  }

  @Test
  void viewerSketchesMergeAcrossFlushesIntoOneDistinctCount() {
    long[] first = LongStream.range(0, 60_000).map(i -> i * 0x9E3779B97F4A7C15L).toArray();
    long[] second = LongStream.range(30_000, 90_000).map(i -> i * 0x9E3779B97F4A7C15L).toArray();
    store.apply(new ViewBatch("vf_s1", List.of(), List.of(new DailyViewers(VIDEO, DAY, first)), List.of()));
    store.apply(new ViewBatch("vf_s2", List.of(), List.of(new DailyViewers(VIDEO, DAY, second)), List.of()));
    assertThat((double) store.uniqueViewers(VIDEO, DAY)).isCloseTo(90_000, within(1_800.0));
    assertThat(store.uniqueViewers(VIDEO, DAY.plusDays(1))).isZero();
  }

  @Test
  void estimatesMadeElsewhereOnlyEverRaiseTheDaysFigure() {
    store.apply(new ViewBatch("vf_u1", List.of(), List.of(), List.of(new DailyUniques(VIDEO, DAY, 500))));
    store.apply(new ViewBatch("vf_u2", List.of(), List.of(), List.of(new DailyUniques(VIDEO, DAY, 200))));
    assertThat(store.uniqueViewers(VIDEO, DAY)).isEqualTo(500);
    store.apply(new ViewBatch("vf_u3", List.of(), List.of(), List.of(new DailyUniques(VIDEO, DAY, 800))));
    assertThat(store.uniqueViewers(VIDEO, DAY)).isEqualTo(800);
  }

  @Test
  void pruningForgetsOldFlushIdsAndHoursButKeepsTotals() {
    Instant old = H10.minus(Duration.ofDays(100));
    store.apply(views("vf_old", old, 5));
    store.apply(views("vf_new", H10, 1));
    store.prune(H10.plus(Duration.ofDays(31)));
    assertThat(store.isApplied("vf_old")).isFalse();
    assertThat(store.isApplied("vf_new")).isFalse();
    assertThat(store.viewsSince(VIDEO, Instant.EPOCH)).isEqualTo(1);
    assertThat(store.views(VIDEO)).isEqualTo(6);
  }

  @Test
  void theViewTablesLiveBesideTheMetadataStoreInOneSqliteFile() {
    try (JdbcStore metadata = JdbcStore.sqlite(dir.resolve("vodkit.db"));
        JdbcViewStore second = JdbcViewStore.sqlite(dir.resolve("vodkit.db"), clock)) {
      store.apply(views("vf_x", H10, 2));
      assertThat(second.views(VIDEO)).isEqualTo(2);
      assertThat(metadata.findVideo(VIDEO)).isEmpty();
    }
  }
}
