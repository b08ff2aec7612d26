package dev.secureml.operator.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Sends CSV rows to endpoints so the sandbox has live traffic to capture and monitor. Each
 * started endpoint gets a daemon thread that sends the rows round-robin, one
 * {@code text/csv} InvokeEndpoint per row, at most {@code requestsPerSecond}: a thread that
 * falls behind (slow answers) does not burst to catch up. Failures are logged at debug level
 * and counted, never thrown: an endpoint that is still Creating simply answers errors until it
 * is InService. An endpoint started with a {@link DriftPlan} is sent shifted rows once the plan
 * has started.
 */
public final class TrafficGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);

  private final SageMakerRuntimeClient client;
  private final List<String> columns;
  private final List<String> rows;
  private final long periodNanos;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();

  public TrafficGenerator(SageMakerRuntimeClient client, List<String> csvRows,
      double requestsPerSecond) {
    this(client, List.of(), csvRows, requestsPerSecond);
  }

  /** @param columns names of the rows' columns, for drift plans (see {@link #loadColumns}) */
  public TrafficGenerator(SageMakerRuntimeClient client, List<String> columns,
      List<String> csvRows, double requestsPerSecond) {
    if (csvRows.isEmpty()) {
      throw new IllegalArgumentException("csvRows must not be empty");
    }
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be > 0, was "
          + requestsPerSecond);
    }
    this.client = client;
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(csvRows);
    this.periodNanos = Math.max(1, Math.round(1e9 / requestsPerSecond));
  }

  /**
   * Reads a CSV data set for traffic: drops the header line and the first column (the label,
   * e.g. {@code failed} in {@code examples/data/fdic-bank-failures.csv}), because an endpoint is
   * sent features only. Blank lines are skipped.
   */
  public static List<String> loadRows(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + csv, e);
    }
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      int comma = line.indexOf(',');
      rows.add(comma < 0 ? "" : line.substring(comma + 1).trim());
    }
    return rows;
  }

  /**
   * The column names of a CSV data set as {@link #loadRows} sends its rows: the header line
   * without its first column (the label).
   */
  public static List<String> loadColumns(Path csv) {
    List<String> header;
    try (var lines = Files.lines(csv)) {
      header = lines.limit(1).map(line -> List.of(line.split(",", -1))).findFirst()
          .orElse(List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + csv, e);
    }
    return header.stream().skip(1).map(String::trim).toList();
  }

  /** Starts sending to an endpoint; does nothing when it is already being sent to. */
  public void start(String endpointName) {
    start(endpointName, null);
  }

  /**
   * Starts sending to an endpoint, shifting rows as {@code drift} says once it has started
   * (null: never); does nothing when the endpoint is already being sent to.
   *
   * @throws IllegalArgumentException when the plan names a column the rows do not have
   */
  public void start(String endpointName, DriftPlan drift) {
    RowShifter shifter = drift == null ? null
        : new RowShifter(drift, columns, endpointName.hashCode());
    workers.computeIfAbsent(endpointName, name -> {
      Worker worker = new Worker(name, drift, shifter);
      Thread thread = new Thread(worker, "traffic-" + name);
      thread.setDaemon(true);
      worker.thread = thread;
      thread.start();
      return worker;
    });
  }

  /** Stops sending to an endpoint and waits briefly for the request in flight. */
  public void stop(String endpointName) {
    Worker worker = workers.remove(endpointName);
    if (worker != null) {
      worker.running = false;
      LockSupport.unpark(worker.thread);
      try {
        worker.thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the endpoint's drift plan has started: rows sent to it now are shifted. */
  public boolean shifted(String endpointName) {
    Worker worker = workers.get(endpointName);
    return worker != null && worker.shifted;
  }

  /** Requests sent to an endpoint so far, answered or not. */
  public long sent(String endpointName) {
    return counter(sent, endpointName).get();
  }

  /** Requests to an endpoint that failed (not InService yet, throttled, unreachable...). */
  public long failed(String endpointName) {
    return counter(failed, endpointName).get();
  }

  @Override
  public void close() {
    List.copyOf(workers.keySet()).forEach(this::stop);
  }

  private static AtomicLong counter(Map<String, AtomicLong> counters, String endpoint) {
    return counters.computeIfAbsent(endpoint, e -> new AtomicLong());
  }

  private final class Worker implements Runnable {
    private final String endpoint;
    private final DriftPlan drift;
    private final RowShifter shifter;
    private volatile boolean running = true;
    private volatile boolean shifted;
    private Thread thread;

    Worker(String endpoint, DriftPlan drift, RowShifter shifter) {
      this.endpoint = endpoint;
      this.drift = drift;
      this.shifter = shifter;
    }

    @Override
    public void run() {
      long first = System.nanoTime();
      long next = first;
      long requests = 0;
      int index = 0;
      while (running) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        if (drift != null && !shifted && requests >= drift.afterRequests()
            && System.nanoTime() - first >= drift.afterTime().toNanos()) {
          shifted = true;
        }
        String row = shifted ? shifter.apply(rows.get(index)) : rows.get(index);
        index = (index + 1) % rows.size();
        requests++;
        counter(sent, endpoint).incrementAndGet();
        try {
          client.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv")
              .body(SdkBytes.fromUtf8String(row)));
        } catch (RuntimeException e) {
          counter(failed, endpoint).incrementAndGet();
          LOG.debug("Invoking endpoint {} failed: {}", endpoint, e.toString());
        }
        next += periodNanos;
        long now = System.nanoTime();
        if (now - next > periodNanos) {
          next = now; // fell behind: resume the rate from now rather than bursting
        }
      }
    }
  }
}
