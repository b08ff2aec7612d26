package dev.secureml.operator.cli;

import dev.secureml.operator.local.sandbox.Sandbox;
import dev.secureml.operator.local.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The local sandbox: no cluster and no AWS account needed. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run the operator against an embedded Kubernetes API and an AWS emulator, "
        + "upload the example data, apply manifests, send endpoints example traffic (shifted "
        + "after 25 s), and report until every resource has settled (Ready or Stalled; a "
        + "DataQualityMonitor once it reports drift).",
        "Exit codes: 0 all settled and every DataQualityMonitor reported drift in exactly the "
            + "shifted features, 1 timeout or a monitor that did not, 2 bad input."})
public class LocalCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR",
      description = "Manifest file or directory to apply; repeatable (default: examples/).")
  List<Path> manifests;

  // Training and endpoint take about 25 s at --speed 20, the shift starts 25 s later and the
  // monitor needs one or two 10 s windows after it: about 70 s at worst.
  @Option(names = "--timeout", defaultValue = "120s", converter = DurationConverter.class,
      description = "Give up after this long (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "table (default) or json: the final objects as one JSON array on stdout.")
  String output;

  @Option(names = "--speed", defaultValue = "20",
      description = "Emulator time factor: 20 runs SageMaker's lifecycle 20x faster "
          + "(default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--aws-port", defaultValue = "0",
      description = "Port of the AWS emulator (default: any free port).")
  int awsPort;

  @Option(names = "--kube-port", defaultValue = "0",
      description = "Port of the embedded Kubernetes API (default: any free port).")
  int kubePort;

  @Option(names = "--keep-running",
      description = "Keep the sandbox up after settling and write a kubeconfig for it.")
  boolean keepRunning;

  @Option(names = "--kubeconfig", defaultValue = "target/sandbox.kubeconfig",
      description = "Where --keep-running writes the kubeconfig (default ${DEFAULT-VALUE}).")
  Path kubeconfig;

  @Option(names = {"-v", "--verbose"}, description = "Show the operator's own log.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("table") && !output.equals("json")) {
      System.err.println("error: --output must be table or json, not '" + output + "'");
      return Sandbox.EXIT_BAD_INPUT;
    }
    if (speed <= 0) {
      System.err.println("error: --speed must be greater than 0");
      return Sandbox.EXIT_BAD_INPUT;
    }
    // The sandbox prints its own story; the operator's log would drown it.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
    boolean json = output.equals("json");
    var options = new SandboxOptions(
        manifests == null || manifests.isEmpty() ? List.of(Path.of("examples")) : manifests,
        timeout, speed, awsPort, kubePort, json, keepRunning, kubeconfig);
    return new Sandbox(options, System.out, json ? System.err : System.out).run();
  }
}
