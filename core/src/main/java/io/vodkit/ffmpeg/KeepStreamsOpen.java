package io.vodkit.ffmpeg;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A ffprobe {@link Process} as handed to ffmpeg-cli-wrapper, which calls {@link Process#destroy()} when it is done:
 * the JDK's {@code destroy} also closes the process's streams, which would cut our stderr drain
 * short when it has not read everything yet (a race that loses the error message under load).
 * Here {@code destroy} only signals the process; the streams stay ours.
 *
 * <p>Thread-safe as the wrapped {@link Process} is.
 */
final class KeepStreamsOpen extends Process {
  private final Process process;

  KeepStreamsOpen(Process process) {
    this.process = process;
  }

  @Override
  public OutputStream getOutputStream() {
    return process.getOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return process.getInputStream();
  }

  @Override
  public InputStream getErrorStream() {
    return process.getErrorStream();
  }

  @Override
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return process.waitFor(timeout, unit);
  }

  @Override
  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public ProcessHandle toHandle() {
    return process.toHandle();
  }

  @Override
  public void destroy() {
    process.toHandle().destroy();
  }

  @Override
  public Process destroyForcibly() {
    process.toHandle().destroyForcibly();
    return this;
  }
}
