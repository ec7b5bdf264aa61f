package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: fetches what a player would from the embedded pipeline's origin, over HTTP. */
final class OriginFetch {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OriginFetch() {}

  /** GET {@code uri}, which must answer 200 with a body. */
  static byte[] bytes(URI uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("GET %s", uri).isEqualTo(200);
    return r.body();
  }

  /** The status code of a GET of {@code uri}. */
  static int status(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** GET {@code uri} as UTF-8 text (a playlist or an MPD). */
  static String text(URI uri) throws IOException, InterruptedException {
    return new String(bytes(uri), StandardCharsets.UTF_8);
  }

  /** GET {@code uri} into {@code target}. */
  static Path download(URI uri, Path target) throws IOException, InterruptedException {
    return Files.write(target, bytes(uri));
  }

  /** GET {@code length} bytes from {@code offset} with a Range request, which must answer 206. */
  static byte[] range(URI uri, long offset, long length) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Range", "bytes=" + offset + "-" + (offset + length - 1))
        .build();
    HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as("Range GET %s", uri).isEqualTo(206);
    assertThat(r.body()).hasSize((int) length);
    return r.body();
  }
}
