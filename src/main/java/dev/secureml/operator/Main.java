package dev.secureml.operator;

/** Entry point of the runnable jar; the commands live in cli/. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(dev.secureml.operator.cli.RootCommand.execute(args));
  }
}
