package io.vodkit.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code vodkit} command line: {@code vodkit upload FILE …} today (see {@link UploadCommand});
 * more subcommands will follow. Run it with {@code examples/vodkit.sh}. Usage errors exit with 2,
 * an unexpected failure with 1 after printing its stack trace.
 *
 * <p>{@link #execute} runs one command line and returns its exit code (for tests and embedding);
 * {@link #main} exits the JVM with it. Each call builds its own command objects.
 */
@Command(
    name = "vodkit",
    mixinStandardHelpOptions = true,
    version = "vodkit 0.1.0-SNAPSHOT",
    description = "vodkit on this machine (embedded pipeline).",
    subcommands = {UploadCommand.class, CommandLine.HelpCommand.class})
public final class Vodkit implements Runnable {
  @Spec private CommandSpec spec;

  /** For picocli. */
  public Vodkit() {}

  /** Runs {@code args} and exits with the command's exit code. */
  public static void main(String[] args) {
    // the pipeline logs at INFO; on a command line only warnings belong between the progress lines
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs one command line with the given stdout and stderr; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Vodkit());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command, e.g. vodkit upload FILE");
  }
}
