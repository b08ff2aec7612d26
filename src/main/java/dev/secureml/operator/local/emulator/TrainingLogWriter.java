package dev.secureml.operator.local.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what an XGBoost container prints into CloudWatch Logs: group
 * {@code /aws/sagemaker/TrainingJobs}, one stream {@code <job>/algo-<n>-<epoch>} per instance,
 * created when the container starts. Tabs appear as {@code #011}, as SageMaker's log driver
 * writes them.
 */
final class TrainingLogWriter {
  static final String GROUP = "/aws/sagemaker/TrainingJobs";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd:HH:mm:ss").withZone(ZoneOffset.UTC);

  private final LogStore logs;

  TrainingLogWriter(LogStore logs) {
    this.logs = logs;
  }

  /** The container started: streams appear, with the framework's start-up lines. */
  void containerStarted(TrainingJob job, Instant at) {
    int hosts = job.instanceCount();
    List<String> streams = new ArrayList<>();
    for (int n = 1; n <= hosts; n++) {
      String stream = job.name() + "/algo-" + n + "-" + at.getEpochSecond();
      logs.ensureStream(GROUP, stream);
      streams.add(stream);
    }
    job.logStreams(streams);
    List<String> lines = new ArrayList<>();
    lines.add(info(at, "Imported framework sagemaker_xgboost_container.training"));
    lines.add(info(at, "No GPUs detected (normal if no gpus installed)"));
    lines.add(info(at, "Running XGBoost Sagemaker in algorithm mode"));
    lines.add(info(at, "Determined 0 GPU(s) available on the instance."));
    lines.add(info(at, "Determined delimiter of CSV input is ','"));
    job.request().path("InputDataConfig").forEach(channel -> lines.add(info(at,
        "files path: /opt/ml/input/data/" + channel.path("ChannelName").asText())));
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
    append(job, at, lines);
  }

  /** Writes the rounds whose time has come, spread evenly over the training phase. */
  void roundsUpTo(TrainingJob job, TrainingCurve curve, Instant trainingStart,
      Duration trainingLength, Instant until) {
    int logged = job.epochsLogged();
    while (logged < curve.rounds()) {
      Instant due = trainingStart.plus(trainingLength.multipliedBy(logged + 1)
          .dividedBy(curve.rounds() + 1));
      if (due.isAfter(until)) {
        break;
      }
      append(job, due, List.of(String.format("[%d]#011train-logloss:%.5f#011validation-logloss:%.5f",
          logged, curve.trainLoss(logged), curve.validationLoss(logged))));
      logged++;
    }
    job.epochsLogged(logged);
  }

  void failed(TrainingJob job, Instant at, String error) {
    append(job, at, List.of(
        "[" + STAMP.format(at) + ":ERROR] Customer Error: " + error,
        "Traceback (most recent call last):",
        "  File \"/miniconda3/lib/python3.8/site-packages/sagemaker_xgboost_container/"
            + "algorithm_mode/train.py\", line 226, in train_job",
        "    bst = xgb.train(train_cfg, train_dmatrix, num_boost_round=num_round, evals=watchlist)",
        "  File \"/miniconda3/lib/python3.8/site-packages/xgboost/training.py\", line 196, in train",
        "    bst.update(dtrain, i, obj)",
        "xgboost.core.XGBoostError: " + error));
  }

  void terminated(TrainingJob job, Instant at) {
    append(job, at, List.of(info(at, "Received SIGTERM; saving the model and exiting.")));
  }

  void finished(TrainingJob job, Instant at) {
    append(job, at, List.of(info(at, "Saving model to /opt/ml/model/xgboost-model")));
  }

  private void append(TrainingJob job, Instant at, List<String> lines) {
    if (job.logStreams().isEmpty()) {
      return;
    }
    List<Map.Entry<Long, String>> events = new ArrayList<>();
    for (String line : lines) {
      events.add(Map.entry(at.toEpochMilli(), line));
    }
    for (String stream : job.logStreams()) {
      logs.append(GROUP, stream, events);
    }
  }

  private static String info(Instant at, String message) {
    return "[" + STAMP.format(at) + ":INFO] " + message;
  }
}
