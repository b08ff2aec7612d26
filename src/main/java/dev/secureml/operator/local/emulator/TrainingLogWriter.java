package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes what an XGBoost training container prints into CloudWatch Logs: group
 * {@code /aws/sagemaker/TrainingJobs}, one stream {@code <job>/algo-<n>-<epoch>} per instance.
 * Tabs appear as {@code #011}, as SageMaker's log driver writes them.
 *
 * <p>The instances come up {@link #BOOT_FRACTION} into Starting; their streams appear then,
 * with the first line (before that, DescribeLogStreams finds nothing, as in AWS). From then
 * on each instance writes a steady flow of lines fitting its phase (image layers while
 * Starting, input objects while Downloading, tree and memory lines while Training, upload
 * progress while Uploading) at {@code linesPerSecond} per emulated second, and fixed lines at
 * fixed moments: the framework's start-up block (version, hyperparameters, channel sizes) when
 * Training begins, one metrics line per round spread over Training, the model save, SIGTERM,
 * or on failure an ERROR line, a Python traceback line by line and the algorithm error.
 * Fixed lines count against the rate, so the flow pauses after a burst. The flow stops at
 * {@link #MAX_LINES_PER_JOB} lines per job (shared by its instances); fixed lines are always
 * written. Timestamps strictly increase within a stream (a line due in the same millisecond as
 * the one before it is moved on by a millisecond).
 *
 * <p>All methods are called with the job's lock held; the job keeps the writer's state.
 */
final class TrainingLogWriter {
  static final String GROUP = "/aws/sagemaker/TrainingJobs";
  static final int MAX_LINES_PER_JOB = 2_000;
  /** The instances are up after this share of Starting; the rest is theirs to log. */
  static final double BOOT_FRACTION = 2.0 / 3;
  static final String ALGORITHM_ERROR = "Algorithm error: ExecuteUserScriptError: Command"
      + " \"/miniconda3/bin/python3 train.py\" failed with exit code 1";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd:HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NATIVE_STAMP =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final double MEMORY_GIB = 15.25;

  /** One instance's stream. */
  static final class Stream {
    final String name;
    final int host;
    final Random random;
    long lastMillis = Long.MIN_VALUE;
    int lines;
    int progress;
    int checkpointedRound = -1;

    Stream(String name, int host, Random random) {
      this.name = name;
      this.host = host;
      this.random = random;
    }
  }

  /** A job's logging state, kept on the job. */
  static final class JobLog {
    final Instant booted;
    final List<Stream> streams;
    int roundsLogged;

    JobLog(Instant booted, List<Stream> streams) {
      this.booted = booted;
      this.streams = List.copyOf(streams);
    }
  }

  private final LogStore logs;
  private final EmulatedClock clock;
  private final double linesPerSecond;

  TrainingLogWriter(LogStore logs, EmulatedClock clock, double linesPerSecond) {
    this.logs = logs;
    this.clock = clock;
    this.linesPerSecond = linesPerSecond;
  }

  /** When the instances of a job that entered Starting at {@code start} come up. */
  Instant bootTime(Instant start) {
    return start.plus(clock.real(TrainingPhase.STARTING.seconds() * BOOT_FRACTION));
  }

  /**
   * Writes the steady flow of {@code phase} up to {@code until}; in Starting, first brings the
   * instances up if their time has come.
   */
  void flow(TrainingJob job, TrainingPhase phase, Instant until) {
    if (job.containerLog() == null) {
      if (phase != TrainingPhase.STARTING) {
        return;
      }
      Instant boot = bootTime(job.phaseStart());
      if (boot.isAfter(until)) {
        return;
      }
      boot(job, boot);
    }
    if (linesPerSecond <= 0) {
      return;
    }
    JobLog log = job.containerLog();
    int cap = Math.max(1, MAX_LINES_PER_JOB / log.streams.size());
    for (Stream s : log.streams) {
      List<Map.Entry<Long, String>> batch = new ArrayList<>();
      while (s.lines < cap) {
        Instant slot = log.booted.plus(clock.real(s.lines / linesPerSecond));
        long at = Math.max(slot.toEpochMilli(), s.lastMillis + 1);
        if (at > until.toEpochMilli()) {
          break;
        }
        add(s, batch, at, filler(job, phase, s, Instant.ofEpochMilli(at)));
      }
      if (!batch.isEmpty()) {
        logs.append(GROUP, s.name, batch);
      }
    }
  }

  /** The framework's start-up block, when the training container starts. */
  void containerStarted(TrainingJob job, Instant at) {
    JsonNode request = job.request();
    List<String> lines = new ArrayList<>();
    lines.add(info(at, "Imported framework sagemaker_xgboost_container.training"));
    lines.add(info(at, "Framework version: " + frameworkVersion(job.trainingImage())
        + " (xgboost, Python 3.8)"));
    Map<String, String> hyperparameters = new TreeMap<>();
    request.path("HyperParameters").fields().forEachRemaining(
        e -> hyperparameters.put(e.getKey(), e.getValue().asText()));
    hyperparameters.forEach((name, value) -> {
      if (!value.matches("-?[0-9.eE+-]+|true|false")) {
        lines.add(info(at, "Failed to parse hyperparameter " + name + " value " + value
            + " to Json."));
        lines.add("Returning the value itself");
      }
    });
    lines.add(info(at, "Hyperparameters: " + hyperparameters));
    lines.add(info(at, "No GPUs detected (normal if no gpus installed)"));
    lines.add(info(at, "Running XGBoost Sagemaker in algorithm mode"));
    lines.add(info(at, "Determined 0 GPU(s) available on the instance."));
    for (JsonNode channel : request.path("InputDataConfig")) {
      String name = channel.path("ChannelName").asText();
      lines.add(info(at, "Determined delimiter of CSV input is ','"));
      lines.add(info(at, "files path: /opt/ml/input/data/" + name));
      lines.add(info(at, String.format(Locale.ROOT, "Channel %s: %d files, %.1f MiB", name,
          channelFiles(job, name), channelMiB(job, name))));
    }
    int hosts = job.instanceCount();
    if (hosts == 1) {
      lines.add(info(at, "Single node training."));
    } else {
      List<String> names = new ArrayList<>();
      for (int n = 1; n <= hosts; n++) {
        names.add("'algo-" + n + "'");
      }
      lines.add(info(at, "Distributed node training with " + hosts + " hosts: " + names));
    }
    lines.add(info(at, "Train matrix has 3000 rows and 20 columns"));
    lines.add(info(at, "Validation matrix has 1000 rows"));
    write(job, at, lines);
  }

  /**
   * Training up to {@code until}: the metrics lines of the rounds that have come due, spread
   * evenly over the phase, and the steady flow between them.
   */
  void trainingUpTo(TrainingJob job, TrainingCurve curve, Instant trainingStart,
      Duration trainingLength, Instant until) {
    JobLog log = job.containerLog();
    if (log == null) {
      return;
    }
    while (log.roundsLogged < curve.rounds()) {
      int round = log.roundsLogged;
      Instant due = trainingStart.plus(trainingLength.multipliedBy(round + 1)
          .dividedBy(curve.rounds() + 1));
      if (due.isAfter(until)) {
        break;
      }
      flow(job, TrainingPhase.TRAINING, due);
      write(job, due, List.of(String.format(Locale.ROOT,
          "[%d]#011train-logloss:%.5f#011validation-logloss:%.5f#011validation-auc:%.5f",
          round, curve.trainLoss(round), curve.validationLoss(round),
          curve.validationAuc(round))));
      log.roundsLogged++;
    }
    flow(job, TrainingPhase.TRAINING, until);
  }

  /** The job failed in training: the error, its traceback line by line, the exit. */
  void failed(TrainingJob job, Instant at, String error) {
    List<String> lines = new ArrayList<>();
    lines.add(line(at, "ERROR", "Reporting training FAILURE"));
    lines.add(line(at, "ERROR", "framework error: "));
    lines.addAll(traceback(error));
    lines.add(line(at, "ERROR", ALGORITHM_ERROR));
    write(job, at, lines);
  }

  /** The FailureReason DescribeTrainingJob shows for {@link #failed}. */
  static String failureReason(String error) {
    return "AlgorithmError: framework error: \n" + String.join("\n", traceback(error))
        + " (exit code 1)";
  }

  void terminated(TrainingJob job, Instant at) {
    write(job, at, List.of(info(at, "Received SIGTERM; saving the model and exiting.")));
  }

  void finished(TrainingJob job, Instant at) {
    write(job, at, List.of(info(at, "Saving model to /opt/ml/model/xgboost-model")));
  }

  private void boot(TrainingJob job, Instant at) {
    int hosts = job.instanceCount();
    List<Stream> streams = new ArrayList<>();
    for (int n = 1; n <= hosts; n++) {
      String name = job.name() + "/algo-" + n + "-" + at.getEpochSecond();
      logs.ensureStream(GROUP, name);
      streams.add(new Stream(name, n, new Random(Objects.hash(job.name(), n))));
    }
    job.containerLog(new JobLog(at, streams));
    String type = job.request().path("ResourceConfig").path("InstanceType").asText("ml.m5.xlarge");
    for (Stream s : streams) {
      List<Map.Entry<Long, String>> batch = new ArrayList<>();
      long millis = at.toEpochMilli();
      add(s, batch, millis, "bash: cannot set terminal process group (-1): Inappropriate ioctl"
          + " for device");
      add(s, batch, millis, "bash: no job control in this shell");
      add(s, batch, millis, info(at, "Host algo-" + s.host + " of " + hosts + " is up ("
          + type + ")"));
      logs.append(GROUP, s.name, batch);
    }
  }

  /** Writes fixed lines to every stream, in order, from {@code at} on. */
  private void write(TrainingJob job, Instant at, List<String> lines) {
    JobLog log = job.containerLog();
    if (log == null) {
      return;
    }
    for (Stream s : log.streams) {
      List<Map.Entry<Long, String>> batch = new ArrayList<>();
      for (String line : lines) {
        add(s, batch, Math.max(at.toEpochMilli(), s.lastMillis + 1), line);
      }
      logs.append(GROUP, s.name, batch);
    }
  }

  private static void add(Stream s, List<Map.Entry<Long, String>> batch, long at, String line) {
    long millis = Math.max(at, s.lastMillis + 1);
    batch.add(Map.entry(millis, line));
    s.lastMillis = millis;
    s.lines++;
  }

  /** One line of the steady flow, varied by a random draw of the stream's own. */
  private String filler(TrainingJob job, TrainingPhase phase, Stream s, Instant at) {
    Random random = s.random;
    return switch (phase) {
      case STARTING -> {
        int layers = 14;
        int layer = s.progress % layers + 1;
        s.progress++;
        yield info(at, String.format(Locale.ROOT,
            "Pulling %s: layer %d/%d (sha256:%012x) %.1f MB downloaded", job.trainingImage(),
            layer, layers, random.nextLong() & 0xffffffffffffL, 5 + random.nextDouble() * 60));
      }
      case DOWNLOADING -> {
        List<String> channels = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (JsonNode c : job.request().path("InputDataConfig")) {
          channels.add(c.path("ChannelName").asText());
          uris.add(c.path("DataSource").path("S3DataSource").path("S3Uri").asText());
        }
        if (channels.isEmpty()) {
          yield info(at, "Waiting for input data");
        }
        int i = s.progress % channels.size();
        int object = s.progress / channels.size();
        s.progress++;
        String uri = uris.get(i);
        yield info(at, String.format(Locale.ROOT,
            "Downloading %s%spart-%05d.csv to /opt/ml/input/data/%s (%.2f MiB)", uri,
            uri.endsWith("/") ? "" : "/", object, channels.get(i), 0.5 + random.nextDouble() * 4));
      }
      case TRAINING -> {
        double draw = random.nextDouble();
        int round = job.containerLog().roundsLogged;
        if (draw < 0.6) {
          yield "[" + NATIVE_STAMP.format(at) + "] INFO: ../src/tree/updater_prune.cc:98: tree"
              + " pruning end, 1 roots, " + (20 + random.nextInt(100)) + " extra nodes, "
              + random.nextInt(8) + " pruned nodes, max_depth=6";
        }
        if (draw < 0.72 && round > s.checkpointedRound && round > 0) {
          s.checkpointedRound = round;
          yield info(at, "Checkpoint saved to /opt/ml/checkpoints/xgboost-checkpoint."
              + (round - 1));
        }
        if (draw < 0.93) {
          double used = 2.5 + random.nextDouble() * 7;
          yield info(at, String.format(Locale.ROOT, "Memory usage: %.2f GiB of %.2f GiB (%.1f%%)",
              used, MEMORY_GIB, used / MEMORY_GIB * 100));
        }
        if (draw < 0.97) {
          double used = 11.5 + random.nextDouble() * 2.5;
          yield line(at, "WARNING", String.format(Locale.ROOT,
              "Memory usage is high: %.2f GiB of %.2f GiB (%.1f%%)", used, MEMORY_GIB,
              used / MEMORY_GIB * 100));
        }
        yield "[" + NATIVE_STAMP.format(at) + "] WARNING: ../src/learner.cc:767: Parameters:"
            + " { \"silent\" } are not used.";
      }
      case UPLOADING -> {
        double total = 12.4;
        double done = Math.min(total, 0.8 * ++s.progress);
        yield info(at, String.format(Locale.ROOT,
            "Uploading /opt/ml/model to %s: %.1f MiB of %.1f MiB", artifactUri(job), done,
            total));
      }
    };
  }

  private static List<String> traceback(String error) {
    return List.of(
        "Traceback (most recent call last):",
        "  File \"/opt/ml/code/train.py\", line 87, in <module>",
        "    main(parse_args())",
        "  File \"/opt/ml/code/train.py\", line 74, in main",
        "    booster = xgb.train(params, dtrain, num_boost_round=args.num_round,"
            + " evals=watchlist, callbacks=[LabelCheck()])",
        "  File \"/miniconda3/lib/python3.8/site-packages/xgboost/training.py\", line 185,"
            + " in train",
        "    if cb_container.after_iteration(bst, i, dtrain, evals):",
        "  File \"/miniconda3/lib/python3.8/site-packages/xgboost/callback.py\", line 254,"
            + " in after_iteration",
        "    ret = any(c.after_iteration(model, epoch, self.history) for c in self.callbacks)",
        "  File \"/opt/ml/code/train.py\", line 42, in after_iteration",
        "    raise ValueError(LABEL_ERROR)",
        "ValueError: " + error);
  }

  private static String artifactUri(TrainingJob job) {
    String out = job.outputPath();
    return out + (out.endsWith("/") ? "" : "/") + job.name() + "/output/model.tar.gz";
  }

  private static String frameworkVersion(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
  }

  private static int channelFiles(TrainingJob job, String channel) {
    return 4 + Math.floorMod(Objects.hash(job.name(), channel), 60);
  }

  private static double channelMiB(TrainingJob job, String channel) {
    return channelFiles(job, channel) * (1.5 + Math.floorMod(Objects.hash(channel, job.name()),
        300) / 100.0);
  }

  private static String info(Instant at, String message) {
    return line(at, "INFO", message);
  }

  private static String line(Instant at, String level, String message) {
    return "[" + STAMP.format(at) + ":" + level + "] " + message;
  }
}
