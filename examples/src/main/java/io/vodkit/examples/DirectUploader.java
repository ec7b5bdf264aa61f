package io.vodkit.examples;

import io.vodkit.CompletedPart;
import io.vodkit.PartUrl;
import io.vodkit.UploadSession;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The client side of a presigned upload, as a browser or CLI would do it: PUTs each planned part
 * of a file straight to its signed URL (in parallel, with {@code Content-MD5}), checks that every
 * returned ETag is the MD5 of what was sent, and returns the (partNumber, ETag) list to complete
 * the upload with. Streams from the file; never holds a part in memory.
 *
 * <p>Thread-safe; one instance can upload many files.
 */
public final class DirectUploader {
  private final HttpClient http;
  private final int parallelism;

  /** An uploader sending up to {@code parallelism} parts at once. */
  public DirectUploader(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1");
    }
    this.parallelism = parallelism;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Uploads every part of {@code file} as planned in {@code session}; {@code onBytes} receives
   * the size of each part once it is stored.
   */
  public List<CompletedPart> uploadParts(UploadSession session, Path file, LongConsumer onBytes) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<CompletedPart>> futures = new ArrayList<>();
      for (PartUrl part : session.parts()) {
        futures.add(
            pool.submit(
                () -> {
                  CompletedPart done = new CompletedPart(part.partNumber(), put(part.url(), file, part.offsetBytes(), part.sizeBytes()));
                  onBytes.accept(part.sizeBytes());
                  return done;
                }));
      }
      List<CompletedPart> parts = new ArrayList<>();
      for (Future<CompletedPart> f : futures) {
        parts.add(f.get());
      }
      return parts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("upload interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** PUTs the whole file to the session's single upload URL and returns the ETag. */
  public String uploadWhole(UploadSession session, Path file) {
    return put(session.uploadUrl(), file, 0, session.fileSizeBytes());
  }

  /**
   * PUTs {@code size} bytes of {@code file} from {@code offset} to a presigned URL; returns the
   * ETag. Throws {@link PutRejectedException} when storage refuses it, {@link
   * UncheckedIOException} when the connection fails, and UPLOAD_VERIFICATION_FAILED when the
   * returned ETag is not the MD5 of the bytes sent.
   */
  public String put(URI url, Path file, long offset, long size) {
    try {
      byte[] md5 = md5(file, offset, size);
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofMinutes(10))
              .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
              .PUT(HttpRequest.BodyPublishers.fromPublisher(
                  HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, offset, size)), size))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new PutRejectedException(url, response.statusCode(), response.body());
      }
      String etag = CompletedPart.stripQuotes(response.headers().firstValue("ETag").orElse(""));
      if (!etag.equals(HexFormat.of().formatHex(md5))) {
        throw VodkitException.uploadVerification(0, "storage answered ETag " + etag + " for bytes whose MD5 is " + HexFormat.of().formatHex(md5));
      }
      return etag;
    } catch (IOException e) {
      throw new UncheckedIOException("PUT " + PutRejectedException.withoutQuery(url) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("upload interrupted", e);
    }
  }

  private static InputStream slice(Path file, long offset, long size) {
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(offset);
      return new BoundedInputStream(Channels.newInputStream(ch), size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] md5(Path file, long offset, long size) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = slice(file, offset, size)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  /** Reads at most {@code limit} bytes of the underlying stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
