package dev.secureml.operator.logs;

/** One CloudWatch log event: when it happened, what it said, when CloudWatch received it. */
public record LogLine(long timestampMillis, String message, long ingestionTimeMillis) {}
