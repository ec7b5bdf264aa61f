package io.vodkit.cli;

import io.vodkit.examples.cli.UploadCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code vodkit} command line, one jar for everything: {@code demo}, {@code upload}, {@code
 * status}, {@code serve}, {@code worker} and {@code abr-sim}.
 * Run it with {@code bin/vodkit} or {@code java -jar cli/target/vodkit.jar}.
 *
 * <p>Exit codes shared by every command: 0 success, 1 failure, 2 bad usage; each command's
 * {@code --help} lists its own further codes.
 */
@Command(
    name = "vodkit",
    mixinStandardHelpOptions = true,
    version = "vodkit 0.1.0-SNAPSHOT",
    description = "vodkit: uploads, transcoding and delivery of video on your own machines.",
    subcommands = {
      DemoCommand.class,
      UploadCommand.class,
      StatusCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      AbrSimCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (see the message)", "2:bad usage"})
public final class VodkitCli implements Runnable {
  @Spec private CommandSpec spec;

  /** For picocli. */
  public VodkitCli() {}

  /** Runs {@code args} and exits with the command's exit code. */
  public static void main(String[] args) {
    // the pipeline logs at INFO; on a command line only warnings belong between progress lines
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs one command line with the given stdout and stderr; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new VodkitCli());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The command tree, for tests that walk every command's help. */
  static CommandLine commandLine() {
    return new CommandLine(new VodkitCli());
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command, e.g. vodkit demo");
  }
}
