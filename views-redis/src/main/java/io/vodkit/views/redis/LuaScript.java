package io.vodkit.views.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), loaded on demand: a call that finds the script
 * missing ({@code NOSCRIPT}, after a restart or on a new cluster node) loads it on the node that
 * owns the key and is retried. Every script here is idempotent, so a retried call or pipeline is
 * safe. Immutable and thread-safe.
 */
final class LuaScript {
  private final String text;
  private final String sha;

  LuaScript(String text) {
    this.text = text;
    this.sha = sha1(text);
  }

  /** The same script under another SHA (a leading comment): tests use it to start unloaded. */
  LuaScript variant(String comment) {
    return new LuaScript("-- " + comment.replace('\n', ' ') + "\n" + text);
  }

  /** Queues the script on a pipeline. */
  Response<Object> queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
    return pipeline.evalsha(sha, keys, args);
  }

  /** Runs the script now, loading it first if the server lacks it. */
  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      load(redis, keys.get(0));
      return redis.evalsha(sha, keys, args);
    }
  }

  /** Loads the script on the node that owns {@code sampleKey}. */
  void load(UnifiedJedis redis, String sampleKey) {
    redis.scriptLoad(text, sampleKey);
  }

  private static String sha1(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
