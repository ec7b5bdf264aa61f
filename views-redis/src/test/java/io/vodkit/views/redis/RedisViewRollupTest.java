package io.vodkit.views.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.VodkitException;
import io.vodkit.internal.Ids;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

class RedisViewRollupTest {
  private static final Instant H10 = Instant.parse("2026-06-20T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-06-20");

  @TempDir Path dir;
  private RedisClient redis;
  private RedisViewKeys keys;
  private RedisViewSink sink;
  private JdbcViewStore store;
  private final String video = Ids.videoId();

  @BeforeEach
  void connect() {
    TestRedis.assumeReachable();
    redis = TestRedis.client();
    keys = TestRedis.freshKeys();
    sink = new RedisViewSink(redis, keys);
    store = JdbcViewStore.sqlite(dir.resolve("vodkit.db"));
  }

  @AfterEach
  void clean() {
    if (redis != null) {
      TestRedis.deleteAll(redis, keys);
      redis.close();
      store.close();
    }
  }

  private void flush(String videoId, long views, long... viewers) {
    sink.apply(
        new ViewBatch(
            Ids.random("vf_"),
            List.of(new HourlyViews(videoId, H10, views)),
            List.of(new DailyViewers(videoId, DAY, viewers)),
            List.of()));
  }

  private RedisViewRollup rollup(ViewStore target) {
    return new RedisViewRollup(redis, keys, target, Duration.ofMinutes(1));
  }

  @Test
  void aRollUpMovesEveryVideosViewsIntoTheStoreAndLeavesNothingPending() {
    String other = Ids.videoId();
    flush(video, 5, 1, 2, 3);
    flush(video, 2, 3, 4);
    flush(other, 9, 9);

    assertThat(rollup(store).runOnce()).isEqualTo(2);

    assertThat(store.views(video)).isEqualTo(7);
    assertThat(store.views(other)).isEqualTo(9);
    assertThat(store.viewsSince(video, H10)).isEqualTo(7);
    assertThat(store.uniqueViewers(video, DAY)).isEqualTo(4);
    assertThat(redis.exists(keys.pending(video))).isFalse();
    assertThat(redis.exists(keys.roll(video))).isFalse();
    assertThat(redis.scard(keys.rolling(RedisViewKeys.shard(video)))).isZero();
    assertThat(rollup(store).runOnce()).as("nothing left").isZero();
    assertThat(store.views(video)).isEqualTo(7);
  }

  @Test
  void aRollUpThatCommittedButCrashedBeforeAcknowledgingIsNotStoredTwice() {
    flush(video, 11, 1);
    CommitThenCrash crashing = new CommitThenCrash(store);
    assertThatThrownBy(() -> rollup(crashing).runOnce()).isInstanceOf(VodkitException.class);
    assertThat(store.views(video)).as("the batch committed").isEqualTo(11);
    assertThat(redis.exists(keys.roll(video))).as("but the roll was not acknowledged").isTrue();

    flush(video, 4, 2); // views keep arriving meanwhile
    // acknowledges the stored roll (its id is in the store) without storing it again...
    assertThat(rollup(store).runOnce()).isEqualTo(1);
    assertThat(store.views(video)).isEqualTo(11);
    // ...and leaves the views that arrived meanwhile dirty, for the next run
    assertThat(rollup(store).runOnce()).isEqualTo(1);
    assertThat(store.views(video)).isEqualTo(11 + 4);
    assertThat(redis.exists(keys.roll(video))).isFalse();
    assertThat(redis.exists(keys.pending(video))).isFalse();
  }

  @Test
  void aRollUpThatFailedBeforeCommittingIsStoredByTheNextRun() {
    flush(video, 6, 1);
    ViewStore down = new DownStore(store);
    assertThatThrownBy(() -> rollup(down).runOnce()).isInstanceOf(VodkitException.class);
    assertThat(store.views(video)).isZero();
    assertThat(rollup(store).runOnce()).isEqualTo(1);
    assertThat(store.views(video)).isEqualTo(6);
  }

  @Test
  void onlyOneRollUpRunsAtATime() {
    redis.set(keys.lock(), "someone-else");
    assertThat(rollup(store).runOnce()).isEqualTo(-1);
    redis.del(keys.lock());
    assertThat(rollup(store).runOnce()).isZero();
  }

  @Test
  void aMillionDistinctViewersThroughRedisAreEstimatedWithinTwoPercent() {
    long[] viewers = new long[1_000_000];
    for (int i = 0; i < viewers.length; i++) {
      viewers[i] = 0x9E3779B97F4A7C15L * (i + 1);
    }
    flush(video, viewers.length, viewers);
    rollup(store).runOnce();
    long estimate = store.uniqueViewers(video, DAY);
    assertThat(Math.abs(estimate - 1_000_000) / 1_000_000.0).isLessThanOrEqualTo(0.02);
    assertThat(store.views(video)).isEqualTo(1_000_000);
  }

  /** Stores the batch, then fails as if the process died before Redis heard back. */
  private static final class CommitThenCrash extends DelegatingStore {
    CommitThenCrash(ViewStore store) {
      super(store);
    }

    @Override
    public boolean apply(ViewBatch batch) {
      super.apply(batch);
      throw VodkitException.store("roll-up process died after COMMIT", null);
    }
  }

  /** Fails before anything is stored. */
  private static final class DownStore extends DelegatingStore {
    DownStore(ViewStore store) {
      super(store);
    }

    @Override
    public boolean apply(ViewBatch batch) {
      throw VodkitException.store("database is down", null);
    }
  }

  private abstract static class DelegatingStore implements ViewStore {
    private final ViewStore store;

    DelegatingStore(ViewStore store) {
      this.store = store;
    }

    @Override
    public void forget(String videoId) {
      store.forget(videoId);
    }

    @Override
    public boolean apply(ViewBatch batch) {
      return store.apply(batch);
    }

    @Override
    public boolean isApplied(String flushId) {
      return store.isApplied(flushId);
    }

    @Override
    public long views(String videoId) {
      return store.views(videoId);
    }

    @Override
    public long viewsSince(String videoId, Instant since) {
      return store.viewsSince(videoId, since);
    }

    @Override
    public long uniqueViewers(String videoId, LocalDate day) {
      return store.uniqueViewers(videoId, day);
    }
  }
}
