package io.vodkit.views.redis;

import io.vodkit.VodkitException;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewSink;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The {@link ViewSink} of an app instance in a fleet: each flush goes to Redis in pipelines of
 * {@value #VIDEOS_PER_PIPELINE} videos, per video
 *
 * <ol>
 *   <li>{@code SADD} the video to its dirty shard (so the roll-up finds it),
 *   <li>the {@code FLUSH} script: {@code SET marker NX EX} and, only if the marker was new, one
 *       {@code HINCRBY} per hour, so the increments are applied once per flush id,
 *   <li>{@code SADD} again (a roll-up that picked the video between 1 and 2 leaves it dirty),
 *   <li>{@code PFADD} of the viewer hashes into the day's HyperLogLog, {@value #HLL_CHUNK} at a
 *       time ({@code PFADD} is idempotent by nature, so it needs no marker).
 * </ol>
 *
 * Redis replies come back once per pipeline; a retried flush (same id) adds nothing that was
 * already added, video by video. Every key of a video shares its hash slot: this runs unchanged on
 * Redis Cluster (pass a {@code RedisClusterClient}).
 *
 * <p>{@code DailyUniques} in a batch are ignored (Redis makes its own estimates). Thread-safe if
 * the client is (Jedis' {@code RedisClient} and {@code RedisClusterClient} are pools).
 */
public final class RedisViewSink implements ViewSink {
  static final int VIDEOS_PER_PIPELINE = 500;
  static final int HLL_CHUNK = 1_000;
  /** Flush markers outlive any retry of a queued flush by a wide margin. */
  static final Duration MARKER_TTL = Duration.ofDays(2);
  /** A day's HyperLogLog lives until every roll-up that may read it has run. */
  static final Duration HLL_TTL = Duration.ofDays(3);

  /** Script loads per flush: one per cluster node that lacks it, at most. */
  private static final int MAX_SCRIPT_LOADS = 32;

  private final UnifiedJedis redis;
  private final RedisViewKeys keys;
  private final LuaScript flush;

  /**
   * A sink writing through {@code redis} (the caller's client; not closed here) under {@code keys}.
   */
  public RedisViewSink(UnifiedJedis redis, RedisViewKeys keys) {
    this(redis, keys, ViewScripts.FLUSH);
  }

  /** As above with another flush script (tests: one the server has not loaded yet). */
  RedisViewSink(UnifiedJedis redis, RedisViewKeys keys, LuaScript flush) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.flush = Objects.requireNonNull(flush, "flush");
  }

  /**
   * Deletes what Redis holds for the video: its pending and rolling counters, its daily
   * HyperLogLogs of the days that can still exist ({@link #HLL_TTL}), and its entries in the dirty
   * sets, so the roll-up does not bring it back. Flush markers expire by themselves.
   */
  @Override
  public void forget(String videoId) {
    Objects.requireNonNull(videoId, "videoId");
    List<String> ownKeys = new ArrayList<>(List.of(keys.pending(videoId), keys.roll(videoId)));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (LocalDate day = today.minusDays(HLL_TTL.toDays()); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
      ownKeys.add(keys.uniques(videoId, day));
    }
    int shard = RedisViewKeys.shard(videoId);
    try {
      redis.del(ownKeys.toArray(String[]::new)); // one slot: every key carries {videoId}
      redis.srem(keys.dirty(shard), videoId);
      redis.srem(keys.rolling(shard), videoId);
    } catch (JedisException e) {
      throw VodkitException.store("cannot forget the views of " + videoId + " in Redis: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean apply(ViewBatch batch) {
    List<VideoFlush> videos = group(batch);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return send(batch.flushId(), videos) || batch.views().isEmpty();
        } catch (ScriptMissing e) {
          if (attempt == MAX_SCRIPT_LOADS) {
            throw e.getCause();
          }
          // load it on that key's node and resend: markers stop what already landed
          flush.load(redis, e.sampleKey);
        }
      }
    } catch (JedisException e) {
      throw VodkitException.store("view flush " + batch.flushId() + " to Redis failed: " + e.getMessage(), e);
    }
  }

  private boolean send(String flushId, List<VideoFlush> videos) {
    boolean added = false;
    String markerTtl = Long.toString(MARKER_TTL.toSeconds());
    for (int from = 0; from < videos.size(); from += VIDEOS_PER_PIPELINE) {
      List<VideoFlush> chunk = videos.subList(from, Math.min(videos.size(), from + VIDEOS_PER_PIPELINE));
      List<Response<Object>> flushed = new ArrayList<>(chunk.size());
      List<String> flushedVideos = new ArrayList<>(chunk.size());
      try (AbstractPipeline p = redis.pipelined()) {
        for (VideoFlush v : chunk) {
          String dirty = keys.dirty(RedisViewKeys.shard(v.videoId));
          if (!v.hours.isEmpty()) {
            p.sadd(dirty, v.videoId);
            List<String> scriptKeys = List.of(keys.marker(v.videoId, flushId), keys.pending(v.videoId));
            flushed.add(flush.queue(p, scriptKeys, v.args(markerTtl)));
            flushedVideos.add(v.videoId);
            p.sadd(dirty, v.videoId);
          }
          for (DailyViewers d : v.viewers) {
            String hll = keys.uniques(v.videoId, d.day());
            long[] hashes = d.viewerHashes();
            for (int i = 0; i < hashes.length; i += HLL_CHUNK) {
              String[] elements = new String[Math.min(HLL_CHUNK, hashes.length - i)];
              for (int j = 0; j < elements.length; j++) {
                elements[j] = Long.toHexString(hashes[i + j]);
              }
              p.pfadd(hll, elements);
            }
            if (hashes.length > 0) {
              p.expire(hll, HLL_TTL.toSeconds());
            }
          }
        }
        p.sync();
      }
      for (int i = 0; i < flushed.size(); i++) {
        try {
          added |= Long.valueOf(1).equals(flushed.get(i).get()); // rethrows the call's error
        } catch (JedisNoScriptException e) {
          throw new ScriptMissing(keys.pending(flushedVideos.get(i)), e);
        }
      }
    }
    return added;
  }

  private static List<VideoFlush> group(ViewBatch batch) {
    Map<String, VideoFlush> byVideo = new LinkedHashMap<>();
    for (HourlyViews v : batch.views()) {
      byVideo.computeIfAbsent(v.videoId(), VideoFlush::new).hours.add(v);
    }
    for (DailyViewers d : batch.viewers()) {
      byVideo.computeIfAbsent(d.videoId(), VideoFlush::new).viewers.add(d);
    }
    return new ArrayList<>(byVideo.values());
  }

  /** The flush script is missing on the node that owns {@code sampleKey}. */
  private static final class ScriptMissing extends RuntimeException {
    final String sampleKey;

    ScriptMissing(String sampleKey, JedisNoScriptException cause) {
      super(cause.getMessage(), cause, false, false);
      this.sampleKey = sampleKey;
    }

    @Override
    public synchronized JedisNoScriptException getCause() {
      return (JedisNoScriptException) super.getCause();
    }
  }

  /** What one flush holds for one video. */
  private static final class VideoFlush {
    final String videoId;
    final List<HourlyViews> hours = new ArrayList<>(2);
    final List<DailyViewers> viewers = new ArrayList<>(1);

    VideoFlush(String videoId) {
      this.videoId = videoId;
    }

    List<String> args(String markerTtl) {
      List<String> args = new ArrayList<>(1 + 2 * hours.size());
      args.add(markerTtl);
      for (HourlyViews h : hours) {
        args.add(Long.toString(h.hourStart().getEpochSecond() / 3600));
        args.add(Long.toString(h.views()));
      }
      return args;
    }
  }
}
