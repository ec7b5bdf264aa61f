package io.vodkit.views.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.internal.Ids;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.testing.MutableClock;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.ViewCounterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/** Several app instances, each with its own counter and Redis client, one roll-up, one store. */
class FleetViewCountingTest {
  private static final ViewCounterConfig MANUAL =
      ViewCounterConfig.defaults()
          .withFlushInterval(Duration.ofHours(12))
          .withReadCacheTtl(Duration.ZERO)
          .withClockTick(Duration.ZERO);

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-06-20T10:05:00Z");
  private RedisViewKeys keys;
  private JdbcViewStore store;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void setUp() {
    TestRedis.assumeReachable();
    keys = TestRedis.freshKeys();
    store = JdbcViewStore.sqlite(dir.resolve("vodkit.db"), clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (keys != null) {
      try (RedisClient redis = TestRedis.client()) {
        TestRedis.deleteAll(redis, keys);
      }
      store.close();
    }
  }

  private BufferedViewCounter instance() {
    RedisClient redis = TestRedis.client();
    BufferedViewCounter counter =
        new BufferedViewCounter(new RedisViewSink(redis, keys), store, MANUAL, clock);
    open.add(redis);
    open.add(counter);
    return counter;
  }

  @Test
  void forgettingAVideoClearsRedisAndTheStoreAndTheRollUpDoesNotBringItBack() throws Exception {
    String video = Ids.videoId();
    String other = Ids.videoId();
    BufferedViewCounter counter = instance();
    counter.record(video, "alice", 25);
    counter.record(other, "alice", 25);
    counter.flush();
    try (RedisClient redis = TestRedis.client()) {
      new RedisViewRollup(redis, keys, store, Duration.ofMinutes(1)).runOnce();
      assertThat(counter.viewCount(video)).isEqualTo(1);
      counter.record(video, "bob", 25);
      counter.flush(); // in Redis, not rolled up yet
      assertThat(redis.exists(keys.pending(video))).isTrue();

      counter.forget(video);

      assertThat(redis.exists(keys.pending(video))).isFalse();
      assertThat(redis.sismember(keys.dirty(RedisViewKeys.shard(video)), video)).isFalse();
      new RedisViewRollup(redis, keys, store, Duration.ofMinutes(1)).runOnce();
      assertThat(counter.viewCount(video)).isZero();
      assertThat(store.views(video)).isZero();
      assertThat(counter.viewCount(other)).isEqualTo(1);
    }
  }

  @Test
  void fourInstancesFlushingConcurrentlyToRedisAddUpToTheExactCountAfterTheRollUp()
      throws Exception {
    String[] videos = {Ids.videoId(), Ids.videoId()};
    List<BufferedViewCounter> instances = List.of(instance(), instance(), instance(), instance());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int n = 0; n < instances.size(); n++) {
        BufferedViewCounter counter = instances.get(n);
        int instance = n;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20_000; i++) {
                    for (String video : videos) {
                      counter.record(video, "viewer-" + instance + "-" + i, 25);
                    }
                    if (i % 5_000 == 0) {
                      counter.flush();
                    }
                  }
                  counter.flush();
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (RedisClient redis = TestRedis.client()) {
      new RedisViewRollup(redis, keys, store, Duration.ofMinutes(1)).runOnce();
    }
    for (String video : videos) {
      assertThat(instances.get(0).viewCount(video)).isEqualTo(80_000);
    }
  }
}
