package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.VideoPipeline;
import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.testkit.TestPostgres;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.ViewCounter;
import io.vodkit.views.ViewCounterConfig;
import io.vodkit.views.redis.RedisViewKeys;
import io.vodkit.views.redis.RedisViewRollup;
import io.vodkit.views.redis.RedisViewSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * src-docs/views.md's fleet wiring (Redis + PostgreSQL), run against the machine's Redis and
 * PostgreSQL in a schema and key namespace of its own. Skipped loudly when either is down, except
 * under {@code CI=true}.
 */
class ViewsSnippetsTest {
  @TempDir Path dataDir;

  private final String schema = TestPostgres.schemaFor(ViewsSnippetsTest.class);
  private final RedisViewKeys keys =
      new RedisViewKeys("docs-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  private HikariDataSource pooledDataSource;

  @AfterEach
  void cleanUp() {
    if (pooledDataSource != null) {
      pooledDataSource.close();
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void theFleetWiringCountsAQualifiedViewThroughRedisIntoPostgres() {
    TestPostgres.assumeReachable();
    assumeRedis();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestPostgres.URL);
    config.setMaximumPoolSize(4);
    pooledDataSource = new HikariDataSource(config);
    RedisViewRollup checkRollup;
    // snippet:views-fleet
    RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    JdbcViewStore totals = JdbcViewStore.postgres(pooledDataSource, schema);
    ViewCounter views = new BufferedViewCounter(
        new RedisViewSink(redis, keys), totals, ViewCounterConfig.defaults(), InstantSource.system());
    RedisViewRollup rollup = new RedisViewRollup(redis, keys, totals, Duration.ofMinutes(1)).start();
    VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(dataDir).viewCounter(views).closing(rollup).closing(totals).build();
    // end:views-fleet
    checkRollup = rollup;
    try (vodkit; redis) {
      vodkit.viewCounter().record("vid_docs", "viewer-1", 12.0);
      vodkit.viewCounter().flush();
      checkRollup.runOnce();
      assertThat(vodkit.viewCount("vid_docs")).isEqualTo(1);
    }
  }

  private static void assumeRedis() {
    try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
      redis.ping();
    } catch (RuntimeException e) {
      String message = "Redis is not reachable at 127.0.0.1:6379 (" + e + "): the views snippet DID NOT RUN";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and " + message);
      }
      System.err.println("\n!!!!!!!! SKIPPED: " + message + " !!!!!!!!\n");
      Assumptions.abort(message);
    }
  }
}
