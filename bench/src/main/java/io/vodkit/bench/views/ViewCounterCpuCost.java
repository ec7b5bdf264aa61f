package io.vodkit.bench.views;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU cost of one {@code record} call, measured as thread CPU time rather than wall time, so
 * the figure survives a box shared with other work (JMH's throughput does not: it counts the time
 * the threads spent waiting for a core). Same events and counter as {@link ViewCounterBench};
 * 2 threads; prints nanoseconds of CPU per event and what that makes on 2 dedicated cores.
 *
 * <p>Run: {@code java -cp "bench/target/classes:bench/target/lib/*"
 * io.vodkit.bench.views.ViewCounterCpuCost [mix] [passes]} (mix as in {@link ViewCounterBench},
 * default {@code repeat-1k}; passes over each thread's 2^20 events, default 40).
 */
public final class ViewCounterCpuCost {
  private ViewCounterCpuCost() {}

  public static void main(String[] args) throws Exception {
    String mix = args.length > 0 ? args[0] : "repeat-1k";
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    ViewCounterBench bench = new ViewCounterBench();
    bench.mix = mix;
    bench.start();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= 3; round++) {
      List<Thread> threads = new ArrayList<>();
      long[] cpu = new long[2];
      bench.threadIds.set(0); // the same two threads' pairs every round: the dedup set stays put
      for (int t = 0; t < 2; t++) {
        int id = t;
        ViewCounterBench.Events events = new ViewCounterBench.Events();
        events.build(bench);
        threads.add(
            new Thread(
                () -> {
                  long start = mx.getCurrentThreadCpuTime();
                  for (long n = (long) passes * ViewCounterBench.EVENTS; n > 0; n--) {
                    bench.record(events);
                  }
                  cpu[id] = mx.getCurrentThreadCpuTime() - start;
                }));
      }
      long wall = System.nanoTime();
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      wall = System.nanoTime() - wall;
      long events = 2L * passes * ViewCounterBench.EVENTS;
      double cpuPerEvent = (double) (cpu[0] + cpu[1]) / events;
      System.out.printf(
          Locale.ROOT,
          "round %d, mix %s: %.1f ns CPU per event -> %.1f M events/s on 2 dedicated cores"
              + " (wall-clock here: %.1f M/s)%n",
          round, mix, cpuPerEvent, 2_000 / cpuPerEvent, events * 1_000.0 / wall);
    }
    bench.stop();
  }
}
