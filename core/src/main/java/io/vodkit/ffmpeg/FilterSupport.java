package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the ffmpeg binary has the filters HDR tone mapping needs ({@code zscale}, from zimg, and
 * {@code tonemap}), asked once with {@code ffmpeg -hide_banner -filters} the first time an HDR or
 * wide-gamut source is seen, then remembered.
 *
 * <p>Thread-safe: concurrent first calls may both ask; the answer is the same.
 */
final class FilterSupport {
  private static final Logger log = LoggerFactory.getLogger(FilterSupport.class);
  private static final Pattern ZSCALE = Pattern.compile("(?m)^\\s*\\S+\\s+zscale\\s");
  private static final Pattern TONEMAP = Pattern.compile("(?m)^\\s*\\S+\\s+tonemap\\s");

  private final List<String> command;
  private volatile Boolean zscale;

  FilterSupport(Path ffmpeg, List<String> commandPrefix) {
    List<String> c = new ArrayList<>(commandPrefix);
    c.addAll(List.of(ffmpeg.toString(), "-hide_banner", "-filters"));
    this.command = List.copyOf(c);
  }

  /** True when both {@code zscale} and {@code tonemap} are available. */
  boolean zscale() {
    Boolean known = zscale;
    if (known == null) {
      known = ask();
      if (!Thread.currentThread().isInterrupted()) {
        zscale = known; // an interrupted question is asked again next time
      }
    }
    return known;
  }

  private boolean ask() {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      boolean both = ZSCALE.matcher(out).find() && TONEMAP.matcher(out).find();
      if (!both) {
        log.warn("ffmpeg has no zscale/tonemap filters: HDR sources will be marked BT.709, not tone-mapped");
      }
      return both;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
