package dev.secureml.operator.controller.job;

import java.time.Duration;

/** What the lifecycle tells log forwarding about a job (hooks into controller/logs). */
public interface JobLogs<R> {
  /** After every pass: starts, follows or finishes forwarding the job's log streams. */
  void track(R resource);

  /** Once the job has settled: when to look again for its last lines, or null. */
  Duration settled(R resource);

  /** The resource is gone: stop forwarding and drop what was kept for it. */
  void forget(R resource);
}
