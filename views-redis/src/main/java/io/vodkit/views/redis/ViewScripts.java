package io.vodkit.views.redis;

/**
 * The Lua scripts of fleet view counting. Each touches the keys of one hash slot only (one video,
 * or one dirty-set shard), so it runs on Redis Cluster; each is idempotent, so a retried call
 * changes nothing the first did not. Stateless.
 */
final class ViewScripts {
  private ViewScripts() {}

  /**
   * An instance's flush of one video. KEYS: marker, pending. ARGV: marker TTL (s), then (epoch
   * hour, views) pairs. Adds the views once per flush id: 1 if added, 0 if the marker was there.
   */
  static final LuaScript FLUSH =
      new LuaScript(
          "if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end\n"
              + "for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1]) end\n"
              + "return 1\n");

  /**
   * The roll-up takes one video's pending views. KEYS: pending, roll. ARGV: roll id. Returns the
   * roll already in flight if there is one (pending stays for later), else moves pending to the
   * roll under the new id; the roll as a flat field/value list, empty if there was nothing.
   */
  static final LuaScript TAKE =
      new LuaScript(
          "local held = redis.call('HGETALL', KEYS[2])\n"
              + "if #held > 0 then return held end\n"
              + "if redis.call('EXISTS', KEYS[1]) == 0 then return {} end\n"
              + "redis.call('RENAME', KEYS[1], KEYS[2])\n"
              + "redis.call('HSET', KEYS[2], '_id', ARGV[1])\n"
              + "return redis.call('HGETALL', KEYS[2])\n");

  /** Moves a roll from one id to another if it still has the first. KEYS: roll. ARGV: old, new. */
  static final LuaScript REKEY =
      new LuaScript(
          "if redis.call('HGET', KEYS[1], '_id') == ARGV[1] then\n"
              + "  redis.call('HSET', KEYS[1], '_id', ARGV[2]) return 1 end\n"
              + "return 0\n");

  /**
   * Deletes a roll that was stored, if it still has that id. KEYS: roll, pending. ARGV: id.
   * Returns 1 if views arrived in pending meanwhile (the video must stay dirty), else 0.
   */
  static final LuaScript ACK =
      new LuaScript(
          "if redis.call('HGET', KEYS[1], '_id') == ARGV[1] then redis.call('DEL', KEYS[1]) end\n"
              + "return redis.call('EXISTS', KEYS[2])\n");

  /**
   * Picks videos to roll up in one shard. KEYS: dirty, rolling. ARGV: how many. Moves up to that
   * many from dirty to rolling, then returns up to that many of rolling (leftovers of a crashed
   * roll-up included).
   */
  static final LuaScript PICK =
      new LuaScript(
          "local moved = redis.call('SPOP', KEYS[1], ARGV[1])\n"
              + "for _, v in ipairs(moved) do redis.call('SADD', KEYS[2], v) end\n"
              + "return redis.call('SRANDMEMBER', KEYS[2], ARGV[1])\n");

  /** Releases the roll-up lock if this holder still has it. KEYS: lock. ARGV: token. */
  static final LuaScript UNLOCK =
      new LuaScript(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
              + "return 0\n");
}
