package dev.secureml.operator.controller.logs;

import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.logs.LogSink;
import java.net.URI;
import java.util.List;

/**
 * How logs are forwarded.
 *
 * @param enabled forwarding at all (resources may still turn it off one by one)
 * @param stdoutJson one JSON object per line on the operator's stdout, for the cluster's log
 *     pipeline
 * @param httpSinkUrl POST batches of JSON lines here; null for none
 * @param httpHeadersSecret {@code namespace/name} of a Secret whose keys are HTTP header names
 *     (e.g. Authorization); null for none
 * @param extraRedactions regular expressions masked in every line, on top of the defaults
 * @param extraSinks more sinks (the sandbox prints lines for people)
 */
public record LogOptions(boolean enabled, boolean stdoutJson, URI httpSinkUrl,
    String httpHeadersSecret, int httpBatchSize, List<String> extraRedactions,
    LogForwarderSettings forwarder, List<LogSink> extraSinks) {

  public static LogOptions defaults() {
    return new LogOptions(true, true, null, null, 500, List.of(),
        LogForwarderSettings.defaults(), List.of());
  }

  public LogOptions withStdoutJson(boolean on) {
    return new LogOptions(enabled, on, httpSinkUrl, httpHeadersSecret, httpBatchSize,
        extraRedactions, forwarder, extraSinks);
  }

  public LogOptions withHttpSink(URI url, String headersSecret, int batchSize) {
    return new LogOptions(enabled, stdoutJson, url, headersSecret, batchSize, extraRedactions,
        forwarder, extraSinks);
  }

  public LogOptions withExtraRedactions(List<String> patterns) {
    return new LogOptions(enabled, stdoutJson, httpSinkUrl, httpHeadersSecret, httpBatchSize,
        List.copyOf(patterns), forwarder, extraSinks);
  }

  public LogOptions withForwarder(LogForwarderSettings settings) {
    return new LogOptions(enabled, stdoutJson, httpSinkUrl, httpHeadersSecret, httpBatchSize,
        extraRedactions, settings, extraSinks);
  }

  public LogOptions withExtraSinks(List<LogSink> sinks) {
    return new LogOptions(enabled, stdoutJson, httpSinkUrl, httpHeadersSecret, httpBatchSize,
        extraRedactions, forwarder, List.copyOf(sinks));
  }

  public LogOptions disabled() {
    return new LogOptions(false, stdoutJson, httpSinkUrl, httpHeadersSecret, httpBatchSize,
        extraRedactions, forwarder, extraSinks);
  }
}
