package io.vodkit.cli;

import io.vodkit.abr.cli.AbrSim;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code vodkit abr-sim …}: the ABR simulator ({@link AbrSim}); every argument, {@code --help}
 * included, goes to it unchanged.
 */
@Command(
    name = "abr-sim",
    description = "Runs ABR rules over throughput traces and prints a results table (see --help).")
final class AbrSimCommand implements Callable<Integer> {
  @Unmatched private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    System.setProperty("java.awt.headless", "true");
    return AbrSim.run(args.toArray(String[]::new), System.out, System.err);
  }
}
