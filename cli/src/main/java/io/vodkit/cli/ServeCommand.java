package io.vodkit.cli;

import io.vodkit.server.VodkitServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vodkit serve --config FILE}: the REST service ({@link VodkitServer}). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the REST service: the API, uploads and CDN listeners, until SIGTERM.",
      "",
      "FILE is a .properties or .json config (listeners, public base URLs, bearer tokens, data directory, workers, webhook egress); see src-docs/api.md and server/vodkit-server.example.properties. Prints one ready line with the three base URLs."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"1:could not start (the reason is printed)", "2:bad usage", "143:stopped by SIGTERM"})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", required = true, description = "the service's config file")
  private Path config;

  @Override
  public Integer call() throws Exception {
    return VodkitServer.run(config, System.out, System.err);
  }
}
