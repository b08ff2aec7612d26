package dev.secureml.operator.sagemaker;

import java.time.Instant;

/** What a listing or HEAD says about one object; {@code eTag} keeps S3's quotes. */
public record S3ObjectSummary(String uri, String eTag, long size, Instant lastModified) {}
