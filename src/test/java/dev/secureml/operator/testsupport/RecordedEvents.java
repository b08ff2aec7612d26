package dev.secureml.operator.testsupport;

import dev.secureml.operator.controller.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An EventRecorder that keeps each Event as "Normal|Warning reason: message", in order. */
public final class RecordedEvents extends EventRecorder {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  public RecordedEvents() {
    super(null);
  }

  @Override
  public void normal(HasMetadata about, String reason, String message) {
    lines.add("Normal " + reason + ": " + message);
  }

  @Override
  public void warning(HasMetadata about, String reason, String message) {
    lines.add("Warning " + reason + ": " + message);
  }

  /** The Events so far, oldest first. */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
