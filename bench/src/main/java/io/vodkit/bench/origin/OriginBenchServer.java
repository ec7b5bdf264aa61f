package io.vodkit.bench.origin;

import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.storage.fs.FsObjectStorage;
import io.vodkit.storage.fs.FsOriginServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Serves the benchmark's objects with {@link FsOriginServer} until standard input closes:
 * {@value #SEGMENT_KEY} (2.5 MB of random bytes, as a 4 s 5 Mbit/s segment) and {@value
 * #PLAYLIST_KEY} (the media playlist of a 5-minute rendition), both stored through {@link
 * FsObjectStorage#put} with their real metadata. Prints {@code origin <base URL>} and {@code
 * objects <directory>} (the tree nginx serves in the same run), then {@code ready}.
 *
 * <p>Usage: {@code OriginBenchServer <storage dir> [threads]}.
 */
public final class OriginBenchServer {
  /** The segment every segment run requests. */
  public static final String SEGMENT_KEY = "videos/vid_bench/720p/seg_00000.m4s";
  /** The playlist every playlist run requests. */
  public static final String PLAYLIST_KEY = "videos/vid_bench/720p/playlist.m3u8";

  private static final int SEGMENT_BYTES = 2_500_000;
  private static final int PLAYLIST_SEGMENTS = 75;

  private OriginBenchServer() {}

  /** Runs the server; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: OriginBenchServer <storage dir> [threads]");
      System.exit(2);
    }
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : FsOriginServer.DEFAULT_THREADS;
    FsObjectStorage storage = FsObjectStorage.create(Path.of(args[0]), URI.create("http://127.0.0.1:1/"));
    byte[] segment = new byte[SEGMENT_BYTES];
    new Random(1).nextBytes(segment);
    storage.put(SEGMENT_KEY, segment, ObjectMetadata.of("video/iso.segment", CachePolicy.IMMUTABLE));
    storage.put(PLAYLIST_KEY, playlist().getBytes(StandardCharsets.UTF_8),
        ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST));
    try (FsOriginServer origin =
        FsOriginServer.builder(storage).threads(threads).start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      System.out.println("origin " + origin.baseUri());
      System.out.println("objects " + storage.root().resolve("objects"));
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until stdin closes
      }
    }
  }

  private static String playlist() {
    StringBuilder p = new StringBuilder();
    p.append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n")
        .append("#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n");
    for (int i = 0; i < PLAYLIST_SEGMENTS; i++) {
      p.append("#EXTINF:4.000,\n").append(String.format(Locale.ROOT, "seg_%05d.m4s\n", i));
    }
    return p.append("#EXT-X-ENDLIST\n").toString();
  }
}
