package dev.secureml.operator.local.emulator;

import java.util.Collection;
import java.util.Map;

/** A SageMaker resource that carries tags: AddTags, ListTags and DeleteTags work on it. */
interface Taggable {
  String arn();

  /** A copy of the tags, in the order they were added. */
  Map<String, String> tags();

  void putTags(Map<String, String> added);

  void removeTags(Collection<String> keys);
}
