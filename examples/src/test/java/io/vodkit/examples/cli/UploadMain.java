package io.vodkit.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * {@code vodkit upload} on its own, for these tests (the real {@code vodkit} command lives in the
 * {@code cli} module, which depends on this one): {@code upload ARGS…} with the leading {@code
 * upload} as users type it.
 */
final class UploadMain {
  private UploadMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs {@code upload ARGS…}; returns the exit code. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 0 || !args[0].equals("upload")) {
      throw new IllegalArgumentException("the tests call: upload ARGS…");
    }
    CommandLine cli = new CommandLine(new UploadCommand());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(Arrays.copyOfRange(args, 1, args.length));
  }
}
