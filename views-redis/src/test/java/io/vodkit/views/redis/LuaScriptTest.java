package io.vodkit.views.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.internal.Ids;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Scripts unknown to the server (as after a restart) are loaded on first use, alone or pipelined. */
class LuaScriptTest {
  private RedisClient redis;
  private RedisViewKeys keys;

  @BeforeEach
  void connect() {
    TestRedis.assumeReachable();
    redis = TestRedis.client();
    keys = TestRedis.freshKeys();
  }

  @AfterEach
  void clean() {
    if (redis != null) {
      TestRedis.deleteAll(redis, keys);
      redis.close();
    }
  }

  @Test
  void aScriptTheServerHasNeverSeenIsLoadedAndRunOnItsFirstCall() {
    LuaScript incr =
        new LuaScript("return redis.call('INCRBY', KEYS[1], ARGV[1])").variant(Ids.random("t-"));
    String key = keys.pending("vid_script");
    assertThat(incr.run(redis, List.of(key), List.of("5"))).isEqualTo(5L);
    assertThat(incr.run(redis, List.of(key), List.of("2"))).isEqualTo(7L);
  }

  @Test
  void aPipelineOfCallsToAnUnloadedScriptIsLoadedAndSentAgainWhole() {
    LuaScript set =
        new LuaScript("redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]").variant(Ids.random("t-"));
    List<List<String>> callKeys =
        List.of(List.of(keys.roll("vid_a")), List.of(keys.roll("vid_b")), List.of(keys.roll("vid_c")));
    List<Object> replies =
        ScriptPipeline.run(redis, set, callKeys, Collections.nCopies(3, List.of("x")));
    assertThat(replies).containsExactly("x", "x", "x");
    assertThat(redis.get(keys.roll("vid_b"))).isEqualTo("x");
  }
}
