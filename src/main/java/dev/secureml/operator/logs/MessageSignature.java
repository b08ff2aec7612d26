package dev.secureml.operator.logs;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of a log message with its variable parts replaced, so "epoch 12 failed" and "epoch
 * 13 failed" count as the same message: timestamps, UUIDs, hex ids and numbers become
 * placeholders.
 */
final class MessageSignature {
  // Order matters: a timestamp or UUID is made of digits and hex that later rules would split.
  private static final List<Map.Entry<Pattern, String>> RULES = List.of(
      Map.entry(Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?"
          + "(Z|[+-]\\d{2}:?\\d{2})?"), "<time>"),
      Map.entry(Pattern.compile("\\b\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?\\b"), "<time>"),
      Map.entry(Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
          + "-[0-9a-f]{12}\\b"), "<uuid>"),
      Map.entry(Pattern.compile("(?i)\\b0x[0-9a-f]+\\b"), "<hex>"),
      Map.entry(Pattern.compile("(?i)\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\\b"),
          "<hex>"),
      Map.entry(Pattern.compile("\\d+([.]\\d+)?([eE][-+]?\\d+)?"), "<n>"),
      Map.entry(Pattern.compile("\\s+"), " "));

  private MessageSignature() {}

  static String of(String message) {
    String text = message;
    for (Map.Entry<Pattern, String> rule : RULES) {
      text = rule.getKey().matcher(text).replaceAll(rule.getValue());
    }
    return text.strip();
  }
}
