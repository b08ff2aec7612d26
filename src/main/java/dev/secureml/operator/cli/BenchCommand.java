package dev.secureml.operator.cli;

import dev.secureml.operator.local.bench.Bench;
import dev.secureml.operator.local.bench.BenchOptions;
import dev.secureml.operator.local.bench.BenchReport;
import dev.secureml.operator.local.bench.BenchReportPrinter;
import dev.secureml.operator.local.bench.ChaosOptions;
import dev.secureml.operator.local.bench.ChaosReport;
import dev.secureml.operator.local.bench.ChaosReportPrinter;
import dev.secureml.operator.local.bench.ChaosRun;
import dev.secureml.operator.sagemaker.AwsSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks the operator in-process: throughput, SageMaker calls, Kubernetes writes, memory. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks the operator against the local emulator and an embedded"
        + " Kubernetes API: apply -> create latency, SageMaker calls per job, busiest second"
        + " against the budget, memory; with --chaos, correctness under faults, restarts,"
        + " deletes and updates. Exits 1 when an invariant breaks.")
public class BenchCommand implements Callable<Integer> {
  enum Output { table, json }

  @Option(names = "--jobs", defaultValue = "1000",
      description = "SecureTrainingJobs to create (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--endpoints", defaultValue = "50",
      description = "ModelEndpoints to create (default: ${DEFAULT-VALUE}).")
  int endpoints;

  @Option(names = "--namespaces", defaultValue = "10",
      description = "Namespaces to spread them over (default: ${DEFAULT-VALUE}).")
  int namespaces;

  @Option(names = "--speed", defaultValue = "10",
      description = "Emulator time factor; poll intervals are scaled by it too"
          + " (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--rate", description = "SageMaker calls per second per operation in the"
      + " budgeted phase (default: the operator's, ${DEFAULT-VALUE}).")
  double rate = AwsSettings.DEFAULT_CALLS_PER_SECOND;

  @Option(names = "--burst", description = "Token-bucket burst per operation in the budgeted"
      + " phase (default: the operator's, ${DEFAULT-VALUE}).")
  int burst = AwsSettings.DEFAULT_BURST;

  @Option(names = "--poll", defaultValue = "both",
      description = "adaptive (the operator's), fixed, or both side by side"
          + " (default: ${DEFAULT-VALUE}).")
  String poll;

  @Option(names = "--poll-interval", defaultValue = "30s", converter = DurationConverter.class,
      description = "Interval of --poll fixed, in emulated time (default: ${DEFAULT-VALUE},"
          + " what ACK does).")
  Duration pollInterval;

  @Option(names = "--cached", defaultValue = "0",
      description = "Extra policy-rejected CRs created before the heap is measured"
          + " (default: ${DEFAULT-VALUE}).")
  int cached;

  @Option(names = "--apply-threads", defaultValue = "16",
      description = "Threads creating CRs through the Kubernetes client"
          + " (default: ${DEFAULT-VALUE}).")
  int applyThreads;

  @Option(names = "--warmup-jobs", defaultValue = "100",
      description = "Jobs of an unreported first run that warms the JVM up; 0 for none"
          + " (default: ${DEFAULT-VALUE}).")
  int warmupJobs;

  @Option(names = "--timeout", defaultValue = "20m", converter = DurationConverter.class,
      description = "How long each phase may take; with --chaos, how long the run may take to"
          + " converge after the last fault (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--chaos", description = "Run the workload under chaos instead: AWS throttles"
      + " and fails calls, the operator restarts, CRs are deleted and changed; then check for"
      + " duplicates, orphans, unconverged CRs and lost or repeated log lines. Without --rate"
      + " the SageMaker limit is lifted.")
  boolean chaos;

  @Option(names = "--restarts", defaultValue = "5", description = "With --chaos: operator"
      + " restarts, in the middle of creates, deletes and endpoint updates first, then at random"
      + " (default: ${DEFAULT-VALUE}).")
  int restarts;

  @Option(names = "--throttle-rate", defaultValue = "0.2", description = "With --chaos: share"
      + " of SageMaker, Application Auto Scaling and CloudWatch Logs calls throttled"
      + " (default: ${DEFAULT-VALUE}).")
  double throttleRate;

  @Option(names = "--server-error-rate", defaultValue = "0.05", description = "With --chaos:"
      + " share of those calls answered with HTTP 500 or 503 (default: ${DEFAULT-VALUE}).")
  double serverErrorRate;

  @Option(names = "--lost-answer-rate", defaultValue = "0.05", description = "With --chaos:"
      + " share of the successful creates of SageMaker resources answered with HTTP 500 all the"
      + " same, the resource created and the answer lost (default: ${DEFAULT-VALUE}).")
  double lostAnswerRate;

  @Option(names = "--seed", defaultValue = "42", description = "With --chaos: seeds the faults,"
      + " the CRs deleted and changed, and the restart moments (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--log-lines-per-second", defaultValue = "0.5", description = "With --chaos:"
      + " lines each training container writes per emulated second (default:"
      + " ${DEFAULT-VALUE}).")
  double logLinesPerSecond;

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Option(names = {"-v", "--verbose"}, description = "Show the operator's own log.")
  boolean verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    // Stopping an operator mid-flight (the budgeted phase does) logs interrupted calls.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
    if (chaos) {
      return chaos();
    }
    PrintWriter out = spec.commandLine().getOut();
    BenchOptions.Polling polling;
    BenchOptions options;
    try {
      polling = BenchOptions.Polling.valueOf(poll.toUpperCase(java.util.Locale.ROOT));
      options = new BenchOptions(jobs, endpoints, namespaces, speed, rate, burst, polling,
          pollInterval, cached, applyThreads, warmupJobs, timeout);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + (e.getMessage().startsWith("No enum")
          ? "--poll must be adaptive, fixed or both" : e.getMessage()));
      return 2;
    }
    BenchReport report = new Bench(options).run(spec.commandLine().getErr()::println);
    if (output == Output.json) {
      out.println(BenchReportPrinter.json(report));
      out.flush();
    } else {
      BenchReportPrinter.table(report, out);
    }
    return report.passed() ? 0 : 1;
  }

  private int chaos() throws InterruptedException {
    boolean budgeted = spec.commandLine().getParseResult().hasMatchedOption("--rate");
    ChaosOptions options;
    try {
      options = new ChaosOptions(jobs, endpoints, namespaces, speed, throttleRate,
          serverErrorRate, lostAnswerRate, seed, restarts, budgeted ? rate : 0, burst, logLinesPerSecond,
          applyThreads, timeout);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    }
    ChaosReport report = new ChaosRun(options).run(spec.commandLine().getErr()::println);
    PrintWriter out = spec.commandLine().getOut();
    if (output == Output.json) {
      out.println(ChaosReportPrinter.json(report));
      out.flush();
    } else {
      ChaosReportPrinter.table(report, out);
    }
    return report.passed() ? 0 : 1;
  }
}
