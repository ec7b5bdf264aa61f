package io.vodkit.bench.views;

import io.vodkit.internal.Ids;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.redis.RedisViewKeys;
import io.vodkit.views.redis.RedisViewSink;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Events per second into the real Redis (127.0.0.1:6379, or {@code VODKIT_BENCH_REDIS}) from one
 * JVM, one thread, with pipelining. Scores are per event (or counted view), via
 * {@code @OperationsPerInvocation}:
 *
 * <ul>
 *   <li>{@code sinkFlush} — what an app instance sends: {@link RedisViewSink#apply} of a flush of
 *       {@value #VIEWS} counted views over {@value #VIDEOS} videos (per video: SADD, the
 *       idempotent FLUSH script with its HINCRBY, SADD, PFADD of the viewer hashes);
 *   <li>{@code pipelinedPerEvent} — the naive design for comparison: one {@code HINCRBY} and one
 *       {@code PFADD} per event, {@value #VIEWS} events per pipeline, no local aggregation.
 * </ul>
 *
 * Keys live under a namespace of their own, deleted at the end. Run: {@code java -cp
 * "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main RedisViewsBench -f 1 -wi 2 -i
 * 3}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class RedisViewsBench {
  static final int VIDEOS = 1_000;
  static final int VIEWS = 10_000;
  static final Instant HOUR = Instant.parse("2026-06-20T10:00:00Z");
  static final LocalDate DAY = LocalDate.parse("2026-06-20");

  RedisClient redis;
  RedisViewKeys keys;
  RedisViewSink sink;
  List<HourlyViews> views;
  List<DailyViewers> viewers;
  String[] eventPending;
  String[] eventHll;
  String[] eventViewer;

  @Setup(Level.Trial)
  public void connect() {
    String[] hostPort =
        System.getenv().getOrDefault("VODKIT_BENCH_REDIS", "127.0.0.1:6379").split(":");
    redis = RedisClient.create(hostPort[0], Integer.parseInt(hostPort[1]));
    keys = new RedisViewKeys("bench-" + Ids.random(""));
    sink = new RedisViewSink(redis, keys);
    SplittableRandom random = new SplittableRandom(7);
    views = new ArrayList<>();
    viewers = new ArrayList<>();
    eventPending = new String[VIEWS];
    eventHll = new String[VIEWS];
    eventViewer = new String[VIEWS];
    int perVideo = VIEWS / VIDEOS;
    for (int v = 0; v < VIDEOS; v++) {
      String video = String.format("vid_%016d", v);
      long[] hashes = new long[perVideo];
      for (int j = 0; j < perVideo; j++) {
        hashes[j] = random.nextLong();
        int e = v * perVideo + j;
        eventPending[e] = keys.namespace() + ":{" + video + "}:p";
        eventHll[e] = keys.namespace() + ":{" + video + "}:u:" + DAY;
        eventViewer[e] = Long.toHexString(hashes[j]);
      }
      views.add(new HourlyViews(video, HOUR, perVideo));
      viewers.add(new DailyViewers(video, DAY, hashes));
    }
  }

  @TearDown(Level.Trial)
  public void clean() {
    ScanParams match = new ScanParams().match(keys.namespace() + ":*").count(10_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, match);
      if (!page.getResult().isEmpty()) {
        redis.unlink(page.getResult().toArray(new String[0]));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    redis.close();
  }

  @Benchmark
  @OperationsPerInvocation(VIEWS)
  public boolean sinkFlush() {
    return sink.apply(new ViewBatch(Ids.random("vf_"), views, viewers, List.of()));
  }

  @Benchmark
  @OperationsPerInvocation(VIEWS)
  public void pipelinedPerEvent() {
    String hour = Long.toString(HOUR.getEpochSecond() / 3600);
    try (AbstractPipeline p = redis.pipelined()) {
      for (int e = 0; e < VIEWS; e++) {
        p.hincrBy(eventPending[e], hour, 1);
        p.pfadd(eventHll[e], eventViewer[e]);
      }
      p.sync();
    }
  }
}
