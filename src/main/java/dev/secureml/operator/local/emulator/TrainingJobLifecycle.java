package dev.secureml.operator.local.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves training jobs through their lifecycle as emulated time passes. Every change is stamped
 * with the moment it was due, not the moment a tick noticed it, so the recorded transitions
 * have exact durations whatever the ticker's jitter. Reads call {@link #catchUp} first, which
 * makes the state a function of time rather than of when the ticker last ran.
 */
final class TrainingJobLifecycle implements AutoCloseable {
  private static final long TICK_MILLIS = 10;
  /** A failing image fails this far into its training phase. */
  private static final double FAIL_AT = 0.4;
  static final String FAILURE_ERROR = "label must be in [0,1] for logistic regression";

  private final EmulatedClock clock;
  private final TrainingLogWriter logs;
  private final ModelArtifactWriter artifacts;
  private final Set<TrainingJob> active = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "aws-emulator-lifecycle");
    thread.setDaemon(true);
    return thread;
  });

  TrainingJobLifecycle(EmulatedClock clock, TrainingLogWriter logs,
      ModelArtifactWriter artifacts) {
    this.clock = clock;
    this.logs = logs;
    this.artifacts = artifacts;
  }

  void start() {
    ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  void track(TrainingJob job) {
    active.add(job);
  }

  void stop(TrainingJob job) {
    synchronized (job) {
      Instant now = clock.now();
      advance(job, now);
      if (job.isFinished()) {
        throw AwsServiceException.validation("The request was rejected because the training job"
            + " is in status " + job.status() + ".");
      }
      if (job.status().equals(TrainingJob.STOPPING)) {
        return; // stopping twice is harmless, as in SageMaker
      }
      logs.terminated(job, now); // nothing while the instances are not up yet
      job.beginStopping(now);
    }
  }

  void catchUp(TrainingJob job) {
    synchronized (job) {
      advance(job, clock.now());
    }
    if (job.isFinished()) {
      active.remove(job);
    }
  }

  private void tick() {
    for (TrainingJob job : active) {
      try {
        catchUp(job);
      } catch (RuntimeException e) {
        // One broken job must not stop the ticker (a thrown exception would cancel it).
        active.remove(job);
        System.err.println("aws-emulator: dropped training job " + job.name() + ": " + e);
      }
    }
  }

  /** Applies every change due up to {@code now}, in order. Caller holds the job's lock. */
  private void advance(TrainingJob job, Instant now) {
    while (!job.isFinished()) {
      if (job.status().equals(TrainingJob.STOPPING)) {
        Instant due = job.phaseStart().plus(clock.real(TrainingPhase.STOPPING_SECONDS));
        if (now.isBefore(due)) {
          return;
        }
        end(job, TrainingJob.STOPPED, TrainingJob.STOPPED, "Training job stopped", due);
        continue;
      }
      TrainingPhase phase = job.phase();
      Duration length = clock.real(phase.seconds());
      Instant due = job.phaseStart().plus(length);
      Instant limit = job.trainingStart() == null ? null
          : job.trainingStart().plus(clock.real(job.maxRuntimeSeconds()));
      Instant failAt = phase == TrainingPhase.TRAINING && failsOnPurpose(job)
          ? job.phaseStart().plus(clock.real(phase.seconds() * FAIL_AT)) : null;
      Instant next = earliest(due, failAt);
      boolean overRuntime = limit != null && limit.isBefore(next);
      if (overRuntime) {
        next = limit;
      }
      Instant logUntil = now.isBefore(next) ? now : next;
      if (phase == TrainingPhase.TRAINING) {
        logs.trainingUpTo(job, TrainingCurve.of(job), job.phaseStart(), length, logUntil);
      } else {
        logs.flow(job, phase, logUntil);
      }
      if (now.isBefore(next)) {
        return;
      }
      if (overRuntime) {
        logs.terminated(job, limit);
        end(job, TrainingJob.STOPPED, "MaxRuntimeExceeded",
            "Training job runtime exceeded MaxRuntimeInSeconds provided", limit);
      } else if (failAt != null) {
        logs.failed(job, failAt, FAILURE_ERROR);
        job.failureReason(TrainingLogWriter.failureReason(FAILURE_ERROR));
        end(job, TrainingJob.FAILED, TrainingJob.FAILED, "Training job failed", failAt);
      } else {
        completePhase(job, phase, due);
      }
    }
  }

  private void completePhase(TrainingJob job, TrainingPhase phase, Instant at) {
    switch (phase) {
      case STARTING -> job.enter(TrainingPhase.DOWNLOADING, at);
      case DOWNLOADING -> {
        job.enter(TrainingPhase.TRAINING, at);
        logs.containerStarted(job, at);
      }
      case TRAINING -> {
        logs.finished(job, at);
        job.enter(TrainingPhase.UPLOADING, at);
      }
      case UPLOADING -> {
        TrainingCurve curve = TrainingCurve.of(job);
        job.completedWith(artifacts.write(job, curve), curve.finalMetrics());
        end(job, TrainingJob.COMPLETED, TrainingJob.COMPLETED, "Training job completed", at);
      }
    }
  }

  private void end(TrainingJob job, String status, String secondary, String message,
      Instant at) {
    if (job.trainingStart() != null) {
      long trained = Math.max(1, Math.round(clock.emulatedSeconds(job.trainingStart(), at)));
      job.billing(trained, TrainingCurve.of(job).billableSeconds(trained, job.spot()));
    }
    job.finish(status, secondary, message, at);
  }

  /** An image whose tag contains "fail" (e.g. {@code xgboost:1.7-fail}) fails in training. */
  static boolean failsOnPurpose(TrainingJob job) {
    String image = job.trainingImage();
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') && image.substring(colon + 1).contains("fail");
  }

  private static Instant earliest(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
