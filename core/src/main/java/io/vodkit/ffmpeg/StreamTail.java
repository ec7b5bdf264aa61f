package io.vodkit.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains a child process stream (stderr) on its own daemon thread so the child never blocks on a
 * full pipe, keeping only the last lines for error messages.
 *
 * <p>Thread-safe: the drain thread appends, any thread may read {@link #text()}. The stream is
 * closed by the drain thread when it reaches its end.
 */
final class StreamTail {
  private static final int MAX_LINE = 500;

  private final int maxLines;
  private final Deque<String> lines = new ArrayDeque<>();
  private final Thread thread;

  private StreamTail(InputStream in, int maxLines, String threadName) {
    this.maxLines = maxLines;
    this.thread = new Thread(() -> drain(in), threadName);
    this.thread.setDaemon(true);
  }

  /** Starts draining {@code in} and keeps its last {@code maxLines} lines. */
  static StreamTail start(InputStream in, int maxLines, String threadName) {
    StreamTail tail = new StreamTail(in, maxLines, threadName);
    tail.thread.start();
    return tail;
  }

  /** Waits up to {@code millis} for the stream to end (the process has exited), keeps interrupts. */
  StreamTail awaitEnd(long millis) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (thread.isAlive()) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      try {
        thread.join(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  /** The kept lines, newline-separated. */
  synchronized String text() {
    return String.join("\n", lines);
  }

  /**
   * The kept lines on one line for exception messages: at most {@code maxChars} from the end,
   * without ffmpeg's context pointers ({@code [hls @ 0x55d0…]} becomes {@code [hls]}) and with
   * the local path of {@code source} (if given) replaced by {@code <source>}.
   */
  String oneLine(int maxChars, Path source) {
    String flat = redact(text().replaceAll("\\s*\\R\\s*", " | ").trim(), source);
    return flat.length() <= maxChars ? flat : "…" + flat.substring(flat.length() - maxChars);
  }

  /** Removes context pointers and the local path of {@code source} from ffmpeg/ffprobe output. */
  static String redact(String text, Path source) {
    String out = text.replaceAll(" @ 0x[0-9a-fA-F]+\\]", "]");
    if (source != null) {
      String path = source.toAbsolutePath().normalize().toString();
      out = out.replace("file:" + path, "<source>").replace(path, "<source>");
    }
    return out;
  }

  private void drain(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line);
        }
      }
    } catch (IOException e) {
      // the process was killed or the pipe closed: what we have is what there is
    }
  }

  private synchronized void add(String line) {
    if (lines.size() == maxLines) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }
}
