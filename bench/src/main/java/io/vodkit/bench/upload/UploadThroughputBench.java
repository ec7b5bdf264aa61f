package io.vodkit.bench.upload;

import io.vodkit.CompletedPart;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.examples.DirectUploader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upload throughput of the embedded pipeline against plain disk writes, in the same run.
 *
 * <p>Upload: a file of {@code MiB} random bytes is uploaded to an embedded pipeline (fs storage,
 * its signed-URL endpoint on loopback, no workers) by {@link DirectUploader} with 4 parts in
 * flight: per part an MD5 pass over the file slice, then a streamed PUT with Content-MD5 that the
 * endpoint checks, hashes and writes to disk with fsync. The figure is MiB/s from the first PUT to
 * the last ETag; {@code completeUpload} (verify and assemble the parts into one object) is timed
 * separately and reported as the end-to-end figure.
 *
 * <p>Endpoint only: the same upload from a client that computes nothing (it streams each part and
 * takes the ETag the endpoint answers), so the figure is the endpoint's own throughput — signature
 * and size checks, streaming to disk, the MD5 for the ETag, fsync — without the reference client's
 * second MD5 of the same bytes competing for the same two cores.
 *
 * <p>Reference: the same bytes copied from the same file to a new file on the same disk by 4
 * threads, each one quarter, with {@link FileChannel} positional reads and writes through a 1 MiB
 * buffer and a final fsync per thread — the disk work an upload cannot avoid.
 *
 * <p>Each repetition runs the reference, then the upload, then the endpoint-only upload, each after
 * a {@code sync} so none pays for the previous one's write-back; an untimed warm-up of 128 MiB of each
 * runs first. Medians are printed with the ratio upload / reference (goal ≥ 0.7). Objects and
 * copies are deleted after each repetition. Usage: {@code UploadThroughputBench [MiB=1024]
 * [repetitions=3]}; it needs 3 × MiB of free disk in the temp directory.
 */
public final class UploadThroughputBench {
  private static final long MIB = 1L << 20;
  private static final int PARALLEL = 4;
  private static final int BUFFER = 1 << 20;

  private UploadThroughputBench() {}

  /** Runs the bench and prints one line per figure. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // one line per upload would drown the figures
    }
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("vodkit-upload-bench");
    try {
      Path source = dir.resolve("source.mp4");
      writeRandom(source, mib * MIB);
      Path warmSource = dir.resolve("warm.mp4");
      writeRandom(warmSource, Math.min(mib, 128) * MIB);
      try (VideoPipeline vodkit = VideoPipeline.embeddedBuilder(dir.resolve("data")).workers(0).build()) {
        DirectUploader uploader = new DirectUploader(PARALLEL);
        PartSender client = (session, file) -> uploader.uploadParts(session, file, n -> {});
        PartSender lean = UploadThroughputBench::sendWithoutHashing;
        reference(warmSource, dir.resolve("copy.bin"));
        upload(vodkit, client, warmSource);
        upload(vodkit, lean, warmSource);
        double[] reference = new double[reps];
        double[] put = new double[reps];
        double[] endpoint = new double[reps];
        double[] endToEnd = new double[reps];
        double[] pairedRatio = new double[reps];
        for (int i = 0; i < reps; i++) {
          settleDisk();
          double refSeconds = reference(source, dir.resolve("copy.bin"));
          settleDisk();
          double[] up = upload(vodkit, client, source);
          settleDisk();
          double[] bare = upload(vodkit, lean, source);
          reference[i] = mib / refSeconds;
          put[i] = mib / up[0];
          endpoint[i] = mib / bare[0];
          endToEnd[i] = mib / (up[0] + up[1]);
          pairedRatio[i] = put[i] / reference[i];
          System.out.printf(Locale.ROOT, "rep %d (load average %.1f): reference %.1f MiB/s, upload %.1f MiB/s (parts %.2f s + complete %.2f s), endpoint only %.1f MiB/s%n",
              i + 1, loadAverage(), reference[i], put[i], up[0], up[1], endpoint[i]);
        }
        double ref = median(reference);
        double upl = median(put);
        double bareUpl = median(endpoint);
        double e2e = median(endToEnd);
        System.out.printf(Locale.ROOT, "reference  FileChannel copy, %d threads, fsync:    %8.1f MiB/s (median of %d, %d MiB)%n",
            PARALLEL, ref, reps, mib);
        System.out.printf(Locale.ROOT, "upload     %d parallel parts over loopback HTTP:  %8.1f MiB/s%n", PARALLEL, upl);
        System.out.printf(Locale.ROOT, "upload + completeUpload (assemble):          %8.1f MiB/s%n", e2e);
        System.out.printf(Locale.ROOT, "endpoint only (client sends, does not hash): %8.1f MiB/s%n", bareUpl);
        System.out.printf(Locale.ROOT, "ratio upload / reference = %.2f (goal >= 0.70); with completion %.2f; endpoint only %.2f%n",
            upl / ref, e2e / ref, bareUpl / ref);
        System.out.printf(Locale.ROOT, "per-repetition ratios upload / reference: %s (median %.2f)%n",
            Arrays.toString(Arrays.stream(pairedRatio).map(r -> Math.round(r * 100) / 100.0).toArray()),
            median(pairedRatio));
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** Sends every planned part of a file and returns the (partNumber, ETag) list. */
  @FunctionalInterface
  private interface PartSender {
    List<CompletedPart> send(UploadSession session, Path file) throws Exception;
  }

  /**
   * Uploads {@code file} in parallel parts with {@code sender} and completes it; returns {parts
   * seconds, complete seconds}.
   */
  private static double[] upload(VideoPipeline vodkit, PartSender sender, Path file) throws Exception {
    UploadSession up = vodkit.createUpload(NewUpload.of("bench", "bench", "video/mp4", Files.size(file)));
    long t0 = System.nanoTime();
    List<CompletedPart> parts = sender.send(up, file);
    long t1 = System.nanoTime();
    vodkit.completeUpload(up.videoId(), parts);
    long t2 = System.nanoTime();
    vodkit.delete(up.videoId());
    return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
  }

  /**
   * The endpoint's share alone: sends each part's bytes (4 in flight) with nothing computed on
   * the client, and takes the ETag the endpoint answers. The endpoint does all its usual work
   * (signature, size, streaming to disk, MD5 for the ETag, fsync); only {@link DirectUploader}'s
   * own MD5 of what it sends is left out.
   */
  private static List<CompletedPart> sendWithoutHashing(UploadSession session, Path file) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<CompletedPart>> sent = new ArrayList<>();
      for (PartUrl part : session.parts()) {
        sent.add(pool.submit(() -> {
          HttpRequest request =
              HttpRequest.newBuilder(part.url())
                  .PUT(HttpRequest.BodyPublishers.fromPublisher(
                      HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, part.offsetBytes(), part.sizeBytes())),
                      part.sizeBytes()))
                  .build();
          HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() != 200) {
            throw new IOException("PUT part " + part.partNumber() + " answered " + answer.statusCode() + ": " + answer.body());
          }
          return new CompletedPart(part.partNumber(), CompletedPart.stripQuotes(answer.headers().firstValue("ETag").orElseThrow()));
        }));
      }
      List<CompletedPart> parts = new ArrayList<>();
      for (Future<CompletedPart> f : sent) {
        parts.add(f.get());
      }
      return parts;
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code size} bytes of {@code file} from {@code offset}, as a stream. */
  private static InputStream slice(Path file, long offset, long size) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return new FilterInputStream(Channels.newInputStream(channel)) {
        private long left = size;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = super.read();
          left -= b < 0 ? 0 : 1;
          return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = super.read(buffer, off, (int) Math.min(len, left));
          left -= Math.max(n, 0);
          return n;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Flushes every dirty page to disk (the {@code sync} command) so no timed section pays for the
   * write-back of the one before it; each starts from the same clean state.
   */
  private static void settleDisk() throws IOException, InterruptedException {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  /** Copies {@code source} to {@code target} with 4 threads, a quarter each; returns seconds. */
  private static double reference(Path source, Path target) throws Exception {
    long size = Files.size(source);
    long quarter = (size + PARALLEL - 1) / PARALLEL;
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try (FileChannel create = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      create.force(false);
    }
    try {
      long t0 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        long from = i * quarter;
        long to = Math.min(size, from + quarter);
        futures.add(pool.submit(() -> {
          copyRange(source, target, from, to);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      pool.shutdown();
      Files.deleteIfExists(target);
    }
  }

  private static void copyRange(Path source, Path target, long from, long to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
      long position = from;
      while (position < to) {
        buffer.clear().limit((int) Math.min(BUFFER, to - position));
        int n = in.read(buffer, position);
        if (n < 0) {
          throw new IOException("source ended at " + position);
        }
        buffer.flip();
        long at = position;
        while (buffer.hasRemaining()) {
          at += out.write(buffer, at);
        }
        position += n;
      }
      out.force(true);
    }
  }

  /** Random bytes behind an MP4 {@code ftyp} box, so completeUpload's screen lets them through. */
  private static void writeRandom(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(size);
    ByteBuffer chunk = ByteBuffer.allocate(BUFFER);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long written = 0; written < size; ) {
        chunk.clear();
        if (written == 0) {
          chunk.put(new byte[] {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0});
        }
        while (chunk.remaining() >= Long.BYTES) {
          chunk.putLong(random.nextLong());
        }
        chunk.flip().limit((int) Math.min(BUFFER, size - written));
        while (chunk.hasRemaining()) {
          written += out.write(chunk);
        }
      }
    }
  }

  /** The 1-minute load average, to judge how busy the machine was during a repetition. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
