package dev.secureml.operator.local.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes what a model-serving container prints into CloudWatch Logs: group
 * {@code /aws/sagemaker/Endpoints/<endpoint>}, one stream {@code <variant>/<instance-id>} per
 * instance, created when the instance starts. Start-up lines when a deployment comes up, the
 * ping failure of a failing image, and one line per {@link #INVOCATIONS_PER_LINE} invocations
 * of a variant.
 */
final class EndpointLogWriter {
  static final String GROUP_PREFIX = "/aws/sagemaker/Endpoints/";
  static final int INVOCATIONS_PER_LINE = 25;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneOffset.UTC);

  private final LogStore logs;

  EndpointLogWriter(LogStore logs) {
    this.logs = logs;
  }

  static String group(String endpoint) {
    return GROUP_PREFIX + endpoint;
  }

  void started(Endpoint endpoint, Endpoint.Deployment deployment, Instant at) {
    for (EndpointVariant v : deployment.variants()) {
      for (String instance : v.instanceIds()) {
        write(endpoint, v.name() + "/" + instance, at, List.of(
            line(at, "INFO", "Starting the inference server with 2 workers."),
            line(at, "INFO", "Listening at: unix:/tmp/gunicorn.sock"),
            line(at, "INFO", "Booting worker with pid: 21"),
            line(at, "INFO", "Loading model " + v.modelName() + " from /opt/ml/model"),
            line(at, "INFO", "Model loaded; serving " + String.join(", ", v.images()))));
      }
    }
  }

  void failedHealthCheck(Endpoint endpoint, Endpoint.Deployment deployment, Instant at) {
    for (EndpointVariant v : deployment.variants()) {
      if (v.failsHealthCheck()) {
        for (String instance : v.instanceIds()) {
          write(endpoint, v.name() + "/" + instance, at, List.of(
              line(at, "ERROR", "Worker exited: model could not be loaded"),
              line(at, "ERROR", "GET /ping 500: health check failed")));
        }
      }
    }
  }

  /** Called on every invocation; writes a line when the count reaches a multiple of N. */
  void invoked(Endpoint endpoint, EndpointVariant variant, long count, Instant at) {
    if (count % INVOCATIONS_PER_LINE != 0 || variant.instanceIds().isEmpty()) {
      return;
    }
    int instance = (int) ((count / INVOCATIONS_PER_LINE) % variant.instanceIds().size());
    write(endpoint, variant.name() + "/" + variant.instanceIds().get(instance), at, List.of(
        line(at, "INFO", "Handled " + count + " invocations of variant " + variant.name())));
  }

  private void write(Endpoint endpoint, String stream, Instant at, List<String> lines) {
    String group = group(endpoint.name());
    logs.ensureStream(group, stream);
    logs.append(group, stream, lines.stream()
        .map(l -> Map.entry(at.toEpochMilli(), l)).toList());
  }

  private static String line(Instant at, String level, String message) {
    return STAMP.format(at) + " [" + level + "] " + message;
  }
}
