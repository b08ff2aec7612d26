package dev.secureml.operator;

/** Entry point of the runnable jar; the commands live in cli/. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The JDK HTTP server (emulator, /metrics) delays small replies 40 ms unless Nagle is off.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The operator's own log (slf4j-simple, the framework's and the SDK's messages included)
    // goes to System.err: mask secrets in it as in everything else the operator writes.
    System.setErr(dev.secureml.operator.logs.RedactingPrintStream.wrap(System.err));
    System.exit(dev.secureml.operator.cli.RootCommand.execute(args));
  }
}
