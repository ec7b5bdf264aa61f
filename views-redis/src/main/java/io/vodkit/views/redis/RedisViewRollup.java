package io.vodkit.views.redis;

import io.vodkit.VodkitException;
import io.vodkit.internal.Ids;
import io.vodkit.views.DailyUniques;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Moves the views that app instances flushed into Redis ({@link RedisViewSink}) into the
 * relational store ({@link ViewStore}, e.g. {@code JdbcViewStore} on PostgreSQL), every interval,
 * one roll-up at a time fleet-wide (a Redis lock with a TTL). Any number of processes may run one;
 * only the lock holder works.
 *
 * <p><b>Idempotence.</b> Per dirty shard, up to {@value #CHUNK} videos at a time:
 *
 * <ol>
 *   <li>{@code PICK}: move videos from the shard's dirty set to its rolling set;
 *   <li>{@code TAKE} each video: its pending hash becomes its <em>roll</em>, stamped with a new
 *       roll id ({@code vr_…}) — unless a roll is already in flight from a roll-up that crashed,
 *       which is returned as it is;
 *   <li>rolls with an older id: if the store has that id, they were stored before the crash: just
 *       acknowledge them; if not, re-stamp them with the new id ({@code REKEY});
 *   <li>{@code store.apply} one batch under the roll id: the hourly views, plus {@code PFCOUNT}
 *       of each day touched as the day's unique-viewer estimate — the roll id is recorded in the
 *       same transaction as the increments;
 *   <li>{@code ACK}: delete the rolls, drop the videos from the rolling set (and put back in the
 *       dirty set any that received views meanwhile).
 * </ol>
 *
 * A crash anywhere leaves rolls and rolling-set entries that the next run picks up; a roll whose
 * batch committed is recognised by its id and never stored twice. Two roll-ups run concurrently
 * only if one stalls past the lock TTL ({@code max(5 min, 5 × interval)}); then a roll stored by
 * the stalled one after the other checked its id could be counted twice.
 *
 * <p>Thread-safe; {@link #runOnce()} may be called by hand (tests, operators) beside {@link
 * #start()}.
 */
public final class RedisViewRollup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisViewRollup.class);
  static final int CHUNK = 500;
  /** Chunks per shard per run, so a run under a flood of new views still ends. */
  private static final int MAX_CHUNKS_PER_SHARD = 2_000;
  private static final String ID_FIELD = "_id";

  private final UnifiedJedis redis;
  private final RedisViewKeys keys;
  private final ViewStore store;
  private final Duration interval;
  private final long lockTtlMillis;
  private ScheduledExecutorService scheduler;

  /**
   * A roll-up from {@code redis} (the caller's client) under {@code keys} into {@code store} (the
   * caller's), every {@code interval} once {@link #start() started}.
   */
  public RedisViewRollup(UnifiedJedis redis, RedisViewKeys keys, ViewStore store, Duration interval) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.store = Objects.requireNonNull(store, "store");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.lockTtlMillis = Math.max(Duration.ofMinutes(5).toMillis(), 5 * interval.toMillis());
  }

  /** Starts running every interval on a daemon thread; returns this. */
  public synchronized RedisViewRollup start() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "vodkit-views-rollup");
                t.setDaemon(true);
                return t;
              });
      long every = interval.toMillis();
      scheduler.scheduleWithFixedDelay(this::scheduledRun, every, every, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void scheduledRun() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("view roll-up failed; its videos stay in Redis for the next run", e);
    }
  }

  /**
   * Runs one roll-up now; returns the videos whose views were stored or acknowledged, or -1 if
   * another process holds the roll-up lock. Store and Redis failures are {@link VodkitException}s
   * ({@code STORE_FAILED}); what was not finished is picked up by the next run.
   */
  public int runOnce() {
    String token = Ids.random("rl_");
    try {
      String ok = redis.set(keys.lock(), token, SetParams.setParams().nx().px(lockTtlMillis));
      if (!"OK".equals(ok)) {
        return -1;
      }
      try {
        int done = 0;
        for (int shard = 0; shard < RedisViewKeys.SHARDS; shard++) {
          done += rollShard(shard);
        }
        return done;
      } finally {
        ViewScripts.UNLOCK.run(redis, List.of(keys.lock()), List.of(token));
      }
    } catch (JedisException e) {
      throw VodkitException.store("view roll-up from Redis failed: " + e.getMessage(), e);
    }
  }

  private int rollShard(int shard) {
    int done = 0;
    List<String> shardKeys = List.of(keys.dirty(shard), keys.rolling(shard));
    Set<String> tried = new HashSet<>();
    for (int n = 0; n < MAX_CHUNKS_PER_SHARD; n++) {
      Object picked = ViewScripts.PICK.run(redis, shardKeys, List.of(Integer.toString(CHUNK)));
      List<String> videos = strings(picked);
      if (!tried.addAll(videos)) {
        break; // nothing picked, or only videos this run could not finish (left for the next)
      }
      done += rollChunk(shard, videos);
    }
    return done;
  }

  private int rollChunk(int shard, List<String> videos) {
    String rollId = Ids.random("vr_");
    Map<String, Roll> rolls = take(videos, rollId);
    Map<String, String> acks = new LinkedHashMap<>(); // video → roll id to acknowledge
    Map<String, Roll> batch = new LinkedHashMap<>();
    Map<String, Boolean> known = new HashMap<>();
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, Roll> e : rolls.entrySet()) {
      Roll roll = e.getValue();
      if (roll.id.equals(rollId)) {
        batch.put(e.getKey(), roll);
      } else if (known.computeIfAbsent(roll.id, store::isApplied)) {
        acks.put(e.getKey(), roll.id); // stored before a crash: acknowledge only
      } else {
        stale.add(e.getKey());
      }
    }
    for (String video : rekey(stale, rolls, rollId)) {
      batch.put(video, rolls.get(video));
    }
    if (!batch.isEmpty()) {
      store.apply(toBatch(rollId, batch));
      batch.keySet().forEach(v -> acks.put(v, rollId));
    }
    acknowledge(shard, videos, rolls.keySet(), acks);
    return acks.size();
  }

  /** TAKE for every video; videos with nothing pending and no roll are left out. */
  private Map<String, Roll> take(List<String> videos, String rollId) {
    List<List<String>> callKeys = new ArrayList<>(videos.size());
    for (String v : videos) {
      callKeys.add(List.of(keys.pending(v), keys.roll(v)));
    }
    List<Object> replies =
        ScriptPipeline.run(redis, ViewScripts.TAKE, callKeys, nCopies(videos.size(), List.of(rollId)));
    Map<String, Roll> rolls = new LinkedHashMap<>();
    for (int i = 0; i < videos.size(); i++) {
      Roll roll = Roll.parse(strings(replies.get(i)));
      if (roll != null) {
        rolls.put(videos.get(i), roll);
      }
    }
    return rolls;
  }

  /** Re-stamps rolls of a roll-up that died before storing them; returns those re-stamped. */
  private List<String> rekey(List<String> stale, Map<String, Roll> rolls, String rollId) {
    List<String> moved = new ArrayList<>();
    for (String video : stale) {
      Object r =
          ViewScripts.REKEY.run(redis, List.of(keys.roll(video)), List.of(rolls.get(video).id, rollId));
      if (Long.valueOf(1).equals(r)) {
        moved.add(video);
      }
    }
    if (!stale.isEmpty()) {
      log.info("view roll-up {} re-stamped {} rolls left by an earlier roll-up", rollId, moved.size());
    }
    return moved;
  }

  private ViewBatch toBatch(String rollId, Map<String, Roll> rolls) {
    List<HourlyViews> views = new ArrayList<>();
    Map<String, Set<LocalDate>> days = new LinkedHashMap<>();
    for (Map.Entry<String, Roll> e : rolls.entrySet()) {
      for (Map.Entry<Long, Long> h : e.getValue().hours.entrySet()) {
        if (h.getValue() > 0) {
          views.add(new HourlyViews(e.getKey(), Instant.ofEpochSecond(h.getKey() * 3600), h.getValue()));
        }
        days.computeIfAbsent(e.getKey(), v -> new LinkedHashSet<>())
            .add(LocalDate.ofEpochDay(Math.floorDiv(h.getKey(), 24)));
      }
    }
    return new ViewBatch(rollId, views, List.of(), uniques(days));
  }

  /** PFCOUNT of every (video, day) touched. */
  private List<DailyUniques> uniques(Map<String, Set<LocalDate>> days) {
    List<DailyUniques> out = new ArrayList<>();
    if (days.isEmpty()) {
      return out;
    }
    List<String> videos = new ArrayList<>();
    List<LocalDate> dates = new ArrayList<>();
    List<Response<Long>> counts = new ArrayList<>();
    try (AbstractPipeline p = redis.pipelined()) {
      for (Map.Entry<String, Set<LocalDate>> e : days.entrySet()) {
        for (LocalDate day : e.getValue()) {
          videos.add(e.getKey());
          dates.add(day);
          counts.add(p.pfcount(keys.uniques(e.getKey(), day)));
        }
      }
      p.sync();
    }
    for (int i = 0; i < counts.size(); i++) {
      out.add(new DailyUniques(videos.get(i), dates.get(i), counts.get(i).get()));
    }
    return out;
  }

  /** ACK the stored rolls, drop the finished videos from rolling, re-dirty any with new views. */
  private void acknowledge(
      int shard, List<String> picked, Set<String> withRoll, Map<String, String> acks) {
    List<String> finished = new ArrayList<>();
    for (String v : picked) {
      if (!withRoll.contains(v) || acks.containsKey(v)) {
        finished.add(v); // nothing was there, or it is stored
      }
    }
    List<String> acked = new ArrayList<>(acks.keySet());
    List<List<String>> callKeys = new ArrayList<>(acked.size());
    List<List<String>> callArgs = new ArrayList<>(acked.size());
    for (String v : acked) {
      callKeys.add(List.of(keys.roll(v), keys.pending(v)));
      callArgs.add(List.of(acks.get(v)));
    }
    List<Object> replies =
        acked.isEmpty() ? List.of() : ScriptPipeline.run(redis, ViewScripts.ACK, callKeys, callArgs);
    try (AbstractPipeline p = redis.pipelined()) {
      for (int i = 0; i < acked.size(); i++) {
        if (Long.valueOf(1).equals(replies.get(i))) {
          p.sadd(keys.dirty(shard), acked.get(i)); // views arrived while it was rolling
        }
      }
      if (!finished.isEmpty()) {
        p.srem(keys.rolling(shard), finished.toArray(new String[0]));
      }
      p.sync();
    }
  }

  private static List<List<String>> nCopies(int n, List<String> args) {
    return Collections.nCopies(n, args);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object reply) {
    if (reply == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<Object>) reply) {
      out.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o));
    }
    return out;
  }

  /** A roll: its id and views per epoch hour. */
  private static final class Roll {
    final String id;
    final Map<Long, Long> hours = new LinkedHashMap<>();

    private Roll(String id) {
      this.id = id;
    }

    static Roll parse(List<String> flat) {
      if (flat.isEmpty()) {
        return null;
      }
      String id = null;
      Map<Long, Long> hours = new LinkedHashMap<>();
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        if (ID_FIELD.equals(flat.get(i))) {
          id = flat.get(i + 1);
        } else {
          hours.put(Long.parseLong(flat.get(i)), Long.parseLong(flat.get(i + 1)));
        }
      }
      Roll roll = new Roll(Objects.requireNonNull(id, "roll without an id"));
      roll.hours.putAll(hours);
      return roll;
    }
  }

  /** Stops the periodic run (waiting for one in progress); the client and store stay open. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }
}
