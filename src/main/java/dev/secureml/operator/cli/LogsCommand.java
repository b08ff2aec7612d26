package dev.secureml.operator.cli;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.logs.CloudWatchLogsGateway;
import dev.secureml.operator.logs.LogLocation;
import dev.secureml.operator.logs.MergedLogReader;
import dev.secureml.operator.logs.MergedLogReader.StreamLine;
import dev.secureml.operator.sagemaker.AwsClientFactory;
import dev.secureml.operator.sagemaker.AwsSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Shows a resource's SageMaker logs to the person asking, read with their own AWS credentials:
 * the operator's forwarding is not needed, and nobody gets logs their IAM identity may not read.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = {"Print the CloudWatch logs of a SecureTrainingJob or ModelEndpoint, all its "
        + "streams merged in time order, as '<stream> <time> <message>'. The resource is read "
        + "through the kubeconfig, the logs with your own AWS credentials (default chain).",
        "Exit codes: 0 done (or stopped while following), 1 Kubernetes or AWS failed, "
        + "2 bad reference or no SageMaker resource yet."})
public class LogsCommand implements Callable<Integer> {
  static final int EXIT_FAILED = 1;
  static final int EXIT_BAD_INPUT = 2;

  @Parameters(index = "0", paramLabel = "KIND/NAME",
      description = "stj/<name> or mep/<name> (also securetrainingjob/<name>, "
          + "modelendpoint/<name>).")
  String reference;

  @Option(names = {"-n", "--namespace"},
      description = "Namespace of the resource (default: the kubeconfig's namespace).")
  String namespace;

  @Option(names = {"-f", "--follow"},
      description = "Keep printing new lines, and lines of new streams, until interrupted.")
  boolean follow;

  @Option(names = "--since", converter = GoDurationConverter.class, paramLabel = "DURATION",
      description = "Only lines written in the last DURATION, e.g. 10m, 1h30m.")
  Duration since;

  @Option(names = "--aws-endpoint", defaultValue = "${env:SECUREML_AWS_ENDPOINT}",
      description = "Endpoint override for CloudWatch Logs, e.g. http://127.0.0.1:4566 for the "
          + "emulator (env SECUREML_AWS_ENDPOINT).")
  URI awsEndpoint;

  @Option(names = "--region", defaultValue = "${env:AWS_REGION}",
      description = "AWS region (env AWS_REGION; default: the region in the resource's ARN, "
          + "else us-east-1).")
  String region;

  @Option(names = "--poll-interval", hidden = true, defaultValue = "2s",
      converter = DurationConverter.class)
  Duration pollInterval;

  @Spec
  CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Source source;
    try {
      Target target = Target.parse(reference);
      try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
        String ns = namespace != null ? namespace
            : kube.getNamespace() != null ? kube.getNamespace() : "default";
        source = target.resolve(kube, ns);
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return EXIT_BAD_INPUT;
    } catch (KubernetesClientException e) {
      err.println("error: cannot read " + reference + " from Kubernetes: " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    }
    return print(source);
  }

  private int print(Source source) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var settings = AwsSettings.forRegion(region(source)).withEndpointOverride(awsEndpoint);
    long notBefore = since == null ? 0 : clock.millis() - since.toMillis();
    try (CloudWatchLogsClient logs = new AwsClientFactory(settings).cloudWatchLogs()) {
      var reader = new MergedLogReader(new CloudWatchLogsGateway(logs), source.location(),
          notBefore);
      boolean toldWaiting = false;
      while (true) {
        reader.poll(line -> out.println(format(line)));
        out.flush();
        if (reader.streamCount() == 0 && !toldWaiting) {
          err.println("no logs yet in " + source.location()
              + (follow ? "; waiting for them" : ""));
          err.flush();
          toldWaiting = true;
        }
        if (!follow) {
          return 0;
        }
        Thread.sleep(pollInterval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (AbortedException e) {
      return 0; // interrupted inside an AWS call while following
    } catch (SdkException e) {
      if (Thread.currentThread().isInterrupted()) {
        return 0;
      }
      err.println("error: cannot read CloudWatch Logs " + source.location() + " in "
          + settings.region() + ": " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    }
  }

  static String format(StreamLine line) {
    String message = line.message() == null ? "" : line.message();
    int end = message.length();
    while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.stream() + " " + Instant.ofEpochMilli(line.timestampMillis()) + " "
        + message.substring(0, end);
  }

  /** The flag or AWS_REGION, else where the resource lives according to its ARN. */
  private String region(Source source) {
    if (region != null && !region.isBlank()) {
      return region;
    }
    if (source.arn() != null) {
      String[] parts = source.arn().split(":", 6);
      if (parts.length == 6 && !parts[3].isEmpty()) {
        return parts[3];
      }
    }
    return "us-east-1";
  }

  /** Where a resource's logs are, and its ARN (which names its region) when known. */
  record Source(LogLocation location, String arn) {}

  /** A KIND/NAME reference as kubectl users write it. */
  record Target(boolean training, String name) {
    static Target parse(String reference) {
      String text = reference == null ? "" : reference.strip();
      int slash = text.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("'" + text + "' is not a KIND/NAME reference; use "
            + "stj/<name> or mep/<name>");
      }
      String kind = text.substring(0, slash).toLowerCase(Locale.ROOT);
      String name = text.substring(slash + 1);
      if (kind.endsWith(".secureml.dev")) {
        kind = kind.substring(0, kind.length() - ".secureml.dev".length());
      }
      boolean training = switch (kind) {
        case "stj", "securetrainingjob", "securetrainingjobs" -> true;
        case "mep", "modelendpoint", "modelendpoints" -> false;
        default -> throw new IllegalArgumentException("cannot show logs of '" + text + "': "
            + "the kind must be stj (securetrainingjob) or mep (modelendpoint)");
      };
      if (name.isEmpty() || name.contains("/")) {
        throw new IllegalArgumentException("'" + text + "' names no resource; use "
            + (training ? "stj" : "mep") + "/<name>");
      }
      return new Target(training, name);
    }

    /** Reads the resource; IllegalArgumentException when it is missing or not submitted. */
    Source resolve(KubernetesClient kube, String ns) {
      if (training) {
        SecureTrainingJob job = kube.resources(SecureTrainingJob.class).inNamespace(ns)
            .withName(name).get();
        if (job == null) {
          throw notFound("securetrainingjob", ns);
        }
        var status = job.getStatus();
        if (status == null || status.trainingJobName == null || status.trainingJobName.isBlank()) {
          throw notSubmitted("securetrainingjob", ns, "training job",
              status == null ? null : status.phase);
        }
        return new Source(LogLocation.ofTrainingJob(status.trainingJobName, status.logs),
            status.trainingJobArn);
      }
      ModelEndpoint endpoint = kube.resources(ModelEndpoint.class).inNamespace(ns)
          .withName(name).get();
      if (endpoint == null) {
        throw notFound("modelendpoint", ns);
      }
      var status = endpoint.getStatus();
      if (status == null || status.endpointName == null || status.endpointName.isBlank()) {
        throw notSubmitted("modelendpoint", ns, "endpoint", status == null ? null : status.phase);
      }
      return new Source(LogLocation.ofEndpoint(status.endpointName, status.logs),
          status.endpointArn);
    }

    private IllegalArgumentException notFound(String kind, String ns) {
      return new IllegalArgumentException(kind + " " + ns + "/" + name + " not found");
    }

    private IllegalArgumentException notSubmitted(String kind, String ns, String what,
        String phase) {
      return new IllegalArgumentException(kind + " " + ns + "/" + name + " has no SageMaker "
          + what + " yet (" + (phase == null ? "not reconciled yet" : "phase " + phase) + ")");
    }
  }
}
