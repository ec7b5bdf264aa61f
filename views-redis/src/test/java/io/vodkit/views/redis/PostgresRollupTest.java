package io.vodkit.views.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.internal.Ids;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.testing.MutableClock;
import io.vodkit.testkit.TestPostgres;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewCounterConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.RedisClient;

/** The fleet as deployed: counters → Redis → roll-up → PostgreSQL (a schema of its own). */
class PostgresRollupTest {
  private static final Instant H10 = Instant.parse("2026-06-20T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-06-20");

  private String schema;
  private JdbcViewStore store;
  private RedisClient redis;
  private RedisViewKeys keys;
  private final MutableClock clock = MutableClock.at("2026-06-20T10:05:00Z");
  private final String video = Ids.videoId();

  @BeforeEach
  void open() {
    TestPostgres.assumeReachable();
    TestRedis.assumeReachable();
    schema = TestPostgres.schemaFor(PostgresRollupTest.class);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(TestPostgres.URL);
    store = JdbcViewStore.postgres(ds, schema, clock);
    redis = TestRedis.client();
    keys = TestRedis.freshKeys();
  }

  @AfterEach
  void close() {
    if (redis != null) {
      TestRedis.deleteAll(redis, keys);
      redis.close();
    }
    if (store != null) {
      store.close();
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void onPostgresABatchAppliedTwiceUnderOneFlushIdIsCountedOnceAndSketchesMerge() {
    long[] first = LongStream.range(0, 20_000).map(i -> i * 0x9E3779B97F4A7C15L).toArray();
    long[] second = LongStream.range(10_000, 30_000).map(i -> i * 0x9E3779B97F4A7C15L).toArray();
    ViewBatch a =
        new ViewBatch("vf_pg_a", List.of(new HourlyViews(video, H10, 3)),
            List.of(new DailyViewers(video, DAY, first)), List.of());
    ViewBatch b =
        new ViewBatch("vf_pg_b", List.of(new HourlyViews(video, H10, 4)),
            List.of(new DailyViewers(video, DAY, second)), List.of());
    assertThat(store.apply(a)).isTrue();
    assertThat(store.apply(a)).isFalse();
    assertThat(store.apply(b)).isTrue();
    assertThat(store.views(video)).isEqualTo(7);
    assertThat(store.viewsSince(video, H10)).isEqualTo(7);
    assertThat((double) store.uniqueViewers(video, DAY)).isCloseTo(30_000, within(600.0));
    assertThat(store.isApplied("vf_pg_a")).isTrue();
  }

  @Test
  void viewsRecordedOnTwoInstancesReachPostgresThroughRedisExactlyOnce() {
    ViewCounterConfig manual =
        ViewCounterConfig.defaults()
            .withFlushInterval(Duration.ofHours(12))
            .withReadCacheTtl(Duration.ZERO)
            .withClockTick(Duration.ZERO);
    try (BufferedViewCounter a = new BufferedViewCounter(new RedisViewSink(redis, keys), store, manual, clock);
        BufferedViewCounter b = new BufferedViewCounter(new RedisViewSink(redis, keys), store, manual, clock)) {
      for (int i = 0; i < 1_000; i++) {
        a.record(video, "a-" + i, 15);
        b.record(video, "b-" + i, 15);
      }
      a.flush();
      b.flush();
      RedisViewRollup rollup = new RedisViewRollup(redis, keys, store, Duration.ofMinutes(1));
      assertThat(rollup.runOnce()).isEqualTo(1);
      assertThat(rollup.runOnce()).isZero();
      assertThat(a.viewCount(video)).isEqualTo(2_000);
      assertThat(b.viewsLast24Hours(video)).isEqualTo(2_000);
      assertThat((double) a.uniqueViewers(video, DAY)).isCloseTo(2_000, within(40.0));
    }
  }
}
