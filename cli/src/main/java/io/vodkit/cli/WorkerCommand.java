package io.vodkit.cli;

import io.vodkit.fleet.WorkerMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vodkit worker --config FILE}: a worker process of a fleet ({@link WorkerMain}). */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs transcode workers against a shared store and storage until SIGTERM.",
      "",
      "FILE is a properties file (vodkit.storage.type=fs|s3, vodkit.store.type=sqlite|postgres, vodkit.workers, …; see src-docs/operations.md). On SIGTERM the worker stops claiming and hands its running job back to the queue without using up an attempt."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "1:store or storage unreachable", "2:bad usage or config (the key is named)", "143:stopped by SIGTERM"
    })
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", required = true, description = "the fleet properties file")
  private Path config;

  @Override
  public Integer call() {
    return WorkerMain.run(new String[] {"--config", config.toString()}, System.out, System.err);
  }
}
