package dev.secureml.operator.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Sends the example training rows (label dropped) to an endpoint in a loop, from a background
 * thread, optionally with one numeric column scaled: normal traffic, or traffic that drifted.
 */
final class MonitorTraffic implements AutoCloseable {
  /** Column index (after dropping the label) of tier1_capital_ratio. */
  static final int TIER1 = 0;

  private final SageMakerRuntimeClient runtime;
  private final String endpointName;
  private final List<String[]> rows;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private volatile double tier1Factor = 1.0;
  private final Thread thread;

  MonitorTraffic(SageMakerRuntimeClient runtime, String endpointName) {
    this.runtime = runtime;
    this.endpointName = endpointName;
    this.rows = trainingRows();
    this.thread = new Thread(this::loop, "monitor-traffic");
    thread.setDaemon(true);
    thread.start();
  }

  static List<String[]> trainingRows() {
    try {
      List<String> lines = Files.readAllLines(Path.of("examples/data/fdic-train.csv"));
      List<String[]> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cols = line.split(",");
        out.add(Arrays.copyOfRange(cols, 1, cols.length));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on tier1_capital_ratio is multiplied by {@code factor} (1 = normal). */
  void scaleTier1(double factor) {
    tier1Factor = factor;
  }

  long sent() {
    return sent.get();
  }

  private void loop() {
    int i = 0;
    while (running.get()) {
      String[] row = rows.get(i++ % rows.size()).clone();
      row[TIER1] = String.format(Locale.ROOT, "%.2f", Double.parseDouble(row[TIER1])
          * tier1Factor);
      try {
        runtime.invokeEndpoint(b -> b.endpointName(endpointName).contentType("text/csv")
            .body(SdkBytes.fromUtf8String(String.join(",", row))));
        sent.incrementAndGet();
        Thread.sleep(4);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running.get()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
    runtime.close();
  }
}
