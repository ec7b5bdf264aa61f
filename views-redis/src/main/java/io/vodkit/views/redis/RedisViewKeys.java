package io.vodkit.views.redis;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Redis key layout of fleet view counting. Every key of one video carries the video id as its
 * hash tag ({@code views:{vid_x}:…}), so the per-video scripts touch one hash slot and run
 * unchanged on Redis Cluster; the sets of videos waiting for the roll-up are sharded over {@value
 * #SHARDS} tags ({@code views:{dirty-N}:…}) so no single key is hot.
 *
 * <pre>
 * {ns}:{vid}:p              hash  epoch hour → views not yet rolled up (HINCRBY by instances)
 * {ns}:{vid}:r              hash  the roll-up in flight: _id → roll id, epoch hour → views
 * {ns}:{vid}:f:{flushId}    string  flush marker, 2 days: this flush was added to :p
 * {ns}:{vid}:u:{yyyy-mm-dd} HyperLogLog of the day's viewers, 3 days
 * {ns}:{dirty-N}:d          set   videos with something in :p
 * {ns}:{dirty-N}:r          set   videos the roll-up has picked and not yet finished
 * {ns}:rollup-lock          string  one roll-up at a time, fleet-wide
 * </pre>
 *
 * Immutable and thread-safe.
 */
public final class RedisViewKeys {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Dirty-set shards. */
  public static final int SHARDS = 16;
  /** The keys under namespace {@code views}. */
  public static final RedisViewKeys DEFAULT = new RedisViewKeys("views");

  private final String ns;

  /** Keys under {@code namespace} (letters, digits, {@code _ . : -}; no braces). */
  public RedisViewKeys(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace must match " + NAMESPACE.pattern());
    }
    this.ns = namespace;
  }

  /** The namespace. */
  public String namespace() {
    return ns;
  }

  String pending(String videoId) {
    return ns + ":{" + videoId + "}:p";
  }

  String roll(String videoId) {
    return ns + ":{" + videoId + "}:r";
  }

  String marker(String videoId, String flushId) {
    return ns + ":{" + videoId + "}:f:" + flushId;
  }

  String uniques(String videoId, LocalDate day) {
    return ns + ":{" + videoId + "}:u:" + day;
  }

  static int shard(String videoId) {
    return Math.floorMod(videoId.hashCode(), SHARDS);
  }

  String dirty(int shard) {
    return ns + ":{dirty-" + shard + "}:d";
  }

  String rolling(int shard) {
    return ns + ":{dirty-" + shard + "}:r";
  }

  String lock() {
    return ns + ":rollup-lock";
  }
}
