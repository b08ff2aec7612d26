package dev.secureml.operator.local.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The lines the sandbox prints when a resource has changed since it last looked. */
final class TransitionLines {
  private static final String LINE = "%-18s %-40s %-12s %s";

  private TransitionLines() {}

  /**
   * @param before the last look, null for the first
   * @return a line for a new phase or explaining condition; for a monitor also one for a new
   *     DriftDetected status and one per new run
   */
  static List<String> between(ResourceState before, ResourceState now) {
    List<String> lines = new ArrayList<>();
    if (before == null || !Objects.equals(headline(before), headline(now))) {
      lines.add(String.format(LINE, now.kind(), now.qualifiedName(), now.phase(),
          now.condition()).stripTrailing());
    }
    ResourceState.Monitor was = before == null ? null : before.monitor();
    ResourceState.Monitor is = now.monitor();
    if (is == null) {
      return lines;
    }
    if (is.drift() != null && (was == null || !Objects.equals(was.drift(), is.drift()))) {
      lines.add(String.format(LINE, now.kind(), now.qualifiedName(), "Drift=" + is.drift(),
          is.driftMessage()).stripTrailing());
    }
    ResourceState.Run run = is.lastRun();
    if (run != null && (was == null || was.lastRun() == null
        || !Objects.equals(was.lastRun().scheduledTime(), run.scheduledTime()))) {
      lines.add(String.format(LINE, now.kind(), now.qualifiedName(), "run", describe(run, is)));
    }
    return lines;
  }

  /**
   * What a change must touch to be shown. A monitor's condition messages may change with every
   * run, which its run lines already show, so for monitors only phase and reason count.
   */
  private static String headline(ResourceState s) {
    return s.phase() + "|" + s.reason() + (s.monitor() == null ? "|" + s.message() : "");
  }

  private static String describe(ResourceState.Run run, ResourceState.Monitor monitor) {
    StringBuilder text = new StringBuilder()
        .append("scheduled ").append(run.scheduledTime()).append(": ").append(run.status())
        .append(", ").append(run.recordsAnalyzed()).append(" records analyzed, ")
        .append(run.violations()).append(run.violations() == 1 ? " violation" : " violations");
    if (run.violations() > 0 && !monitor.driftedFeatures().isEmpty()) {
      text.append(" (").append(String.join(", ", monitor.driftedFeatures())).append(')');
    }
    if (run.failureReason() != null && !run.failureReason().isEmpty()) {
      text.append(": ").append(run.failureReason());
    }
    return text.toString();
  }
}
