package io.vodkit.cli;

import io.vodkit.examples.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vodkit demo}: the end-to-end demo on embedded defaults ({@link Demo}). */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the end-to-end demo on embedded defaults and prints one JSON line.",
      "",
      "Makes a 20 s 1080p test clip (or takes --source), uploads it in signed parts, publishes it, shows progress while it transcodes, then prints status, renditions, the HLS and DASH manifest URLs on the embedded origin and timings."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the video is ready", "1:it ended partial or failed", "2:bad usage"})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--source", paramLabel = "FILE", description = "a video to use instead of the generated clip")
  private Path source;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "vodkit-data",
      description = "the embedded pipeline's data directory (default: ${DEFAULT-VALUE})")
  private Path data;

  @Option(names = "--serve", description = "keep serving the manifests until Enter or end of input")
  private boolean serve;

  @Override
  public Integer call() throws Exception {
    return Demo.execute(source, data, serve);
  }
}
