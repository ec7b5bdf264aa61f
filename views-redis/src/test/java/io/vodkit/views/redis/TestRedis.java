package io.vodkit.views.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The real Redis the tests run against: {@code VODKIT_TEST_REDIS} ({@code host:port}), by default
 * 127.0.0.1:6379. Each test works under its own key namespace and deletes it afterwards. When
 * Redis cannot be reached the tests are skipped with a loud message — unless {@code CI=true},
 * where a missing Redis is a failure, never a silent green.
 */
final class TestRedis {
  static final String ADDRESS = System.getenv().getOrDefault("VODKIT_TEST_REDIS", "127.0.0.1:6379");

  private static String unreachable;
  private static boolean checked;

  private TestRedis() {}

  static RedisClient client() {
    String[] hostPort = ADDRESS.split(":");
    return RedisClient.create(hostPort[0], Integer.parseInt(hostPort[1]));
  }

  /** Skips the calling test (fails it under {@code CI=true}) if Redis does not answer PING. */
  static synchronized void assumeReachable() {
    if (!checked) {
      checked = true;
      try (RedisClient redis = client()) {
        redis.ping();
      } catch (RuntimeException e) {
        unreachable = e.toString();
      }
    }
    if (unreachable == null) {
      return;
    }
    String message =
        "Redis is not reachable at " + ADDRESS + " (" + unreachable + "): the Redis view tests"
            + " DID NOT RUN. Start it, or point VODKIT_TEST_REDIS at one.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and " + message);
    }
    System.err.println("\n!!!!!!!! SKIPPED: " + message + " !!!!!!!!\n");
    Assumptions.abort(message);
  }

  /** A namespace no other test uses. */
  static RedisViewKeys freshKeys() {
    return new RedisViewKeys("vt-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  /** Deletes every key under the namespace. */
  static void deleteAll(RedisClient redis, RedisViewKeys keys) {
    ScanParams match = new ScanParams().match(keys.namespace() + ":*").count(1_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    List<String> found = new ArrayList<>();
    do {
      ScanResult<String> page = redis.scan(cursor, match);
      found.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    for (String key : found) {
      redis.del(key);
    }
  }
}
