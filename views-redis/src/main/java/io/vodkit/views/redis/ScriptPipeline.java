package io.vodkit.views.redis;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs many calls of one script in one pipeline. If a node lacks the script ({@code NOSCRIPT}),
 * loads it on the node that owns the failing call's first key and sends every call again — safe
 * because the scripts are idempotent; at most one retry per node. Stateless.
 */
final class ScriptPipeline {
  private static final int MAX_LOADS = 32;

  private ScriptPipeline() {}

  /** The replies, in call order. {@code keys.get(i)} and {@code args.get(i)} make call i. */
  static List<Object> run(
      UnifiedJedis redis, LuaScript script, List<List<String>> keys, List<List<String>> args) {
    for (int attempt = 1; ; attempt++) {
      List<Response<Object>> replies = new ArrayList<>(keys.size());
      try (AbstractPipeline p = redis.pipelined()) {
        for (int i = 0; i < keys.size(); i++) {
          replies.add(script.queue(p, keys.get(i), args.get(i)));
        }
        p.sync();
      }
      List<Object> out = new ArrayList<>(replies.size());
      for (int i = 0; i < replies.size(); i++) {
        try {
          out.add(replies.get(i).get());
        } catch (JedisNoScriptException e) {
          if (attempt == MAX_LOADS) {
            throw e;
          }
          script.load(redis, keys.get(i).get(0));
          out = null;
          break;
        }
      }
      if (out != null) {
        return out;
      }
    }
  }
}
