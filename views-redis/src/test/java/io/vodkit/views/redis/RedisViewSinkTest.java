package io.vodkit.views.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.internal.Ids;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisClusterCRC16;

class RedisViewSinkTest {
  private static final Instant H10 = Instant.parse("2026-06-20T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-06-20");

  private RedisClient redis;
  private RedisViewKeys keys;
  private RedisViewSink sink;
  private final String video = Ids.videoId();

  @BeforeEach
  void connect() {
    TestRedis.assumeReachable();
    redis = TestRedis.client();
    keys = TestRedis.freshKeys();
    sink = new RedisViewSink(redis, keys);
  }

  @AfterEach
  void clean() {
    if (redis != null) {
      TestRedis.deleteAll(redis, keys);
      redis.close();
    }
  }

  private ViewBatch batch(String flushId, long views, long[] viewers) {
    return new ViewBatch(
        flushId,
        List.of(new HourlyViews(video, H10, views), new HourlyViews(video, H10.plusSeconds(3600), 1)),
        List.of(new DailyViewers(video, DAY, viewers)),
        List.of());
  }

  @Test
  void aFlushAppliedTwiceUnderOneIdAddsItsViewsToRedisOnce() {
    long[] viewers = LongStream.rangeClosed(1, 40).toArray();
    assertThat(sink.apply(batch("vf_same", 40, viewers))).isTrue();
    assertThat(sink.apply(batch("vf_same", 40, viewers))).isFalse();
    assertThat(sink.apply(batch("vf_other", 2, new long[] {1, 2}))).isTrue();

    Map<String, String> pending = redis.hgetAll(keys.pending(video));
    long hour = H10.getEpochSecond() / 3600;
    assertThat(pending).containsEntry(Long.toString(hour), "42").containsEntry(Long.toString(hour + 1), "2");
    assertThat(redis.pfcount(keys.uniques(video, DAY))).isEqualTo(40);
    assertThat(redis.smembers(keys.dirty(RedisViewKeys.shard(video)))).containsExactly(video);
    assertThat(redis.ttl(keys.uniques(video, DAY))).isPositive();
  }

  @Test
  void everyKeyOfOneVideoHashesToOneClusterSlot() {
    int slot = JedisClusterCRC16.getSlot(keys.pending(video));
    assertThat(JedisClusterCRC16.getSlot(keys.roll(video))).isEqualTo(slot);
    assertThat(JedisClusterCRC16.getSlot(keys.marker(video, "vf_x"))).isEqualTo(slot);
    assertThat(JedisClusterCRC16.getSlot(keys.uniques(video, DAY))).isEqualTo(slot);
    int shard = RedisViewKeys.shard(video);
    assertThat(JedisClusterCRC16.getSlot(keys.dirty(shard)))
        .isEqualTo(JedisClusterCRC16.getSlot(keys.rolling(shard)));
  }

  @Test
  void aFlushScriptTheServerHasNotLoadedIsLoadedAndTheFlushGoesThrough() {
    // as after a Redis restart: the SHA is unknown to the server (NOSCRIPT)
    LuaScript unloaded = ViewScripts.FLUSH.variant(Ids.random("never-loaded-"));
    RedisViewSink fresh = new RedisViewSink(redis, keys, unloaded);
    assertThat(fresh.apply(batch("vf_after_restart", 3, new long[] {7}))).isTrue();
    assertThat(redis.hget(keys.pending(video), Long.toString(H10.getEpochSecond() / 3600))).isEqualTo("3");
  }
}
