package dev.secureml.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; each subcommand wires one mode of the jar. */
@Command(name = "secure-sagemaker-operator", mixinStandardHelpOptions = true,
    version = "secure-sagemaker-operator 0.1.0",
    description = "Runs Amazon SageMaker from Kubernetes under per-team compliance policies.",
    subcommands = {RunCommand.class, LocalCommand.class, LogsCommand.class,
        EmulatorCommand.class, BaselineCommand.class, BenchLogsCommand.class,
        BenchDriftCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public class RootCommand {
  public static int execute(String[] args) {
    return new CommandLine(new RootCommand()).execute(args);
  }
}
