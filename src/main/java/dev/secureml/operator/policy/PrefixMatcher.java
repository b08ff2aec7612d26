package dev.secureml.operator.policy;

import java.util.List;
import java.util.Optional;

/**
 * Allow-list matching on parsed components, never on strings: the value is parsed first (by
 * the caller), each entry is parsed here, and registry + path components or bucket + key
 * segments are compared. A plain {@code startsWith} would let {@code s3://fraud-data} admit
 * {@code s3://fraud-data-evil/x} and {@code approved/} admit {@code approved/../evil}.
 *
 * <p>An empty list admits everything (the policy does not restrict); an entry that does not
 * parse admits nothing (PolicyValidator reports it and the policy is not Ready).
 */
final class PrefixMatcher {
  private PrefixMatcher() {}

  static boolean admitsImage(List<String> prefixes, ImageReference image) {
    if (prefixes == null || prefixes.isEmpty()) {
      return true;
    }
    return prefixes.stream().map(PrefixMatcher::imagePrefix).flatMap(Optional::stream)
        .anyMatch(p -> p.admits(image));
  }

  static boolean admitsS3(List<String> prefixes, S3Uri uri) {
    if (prefixes == null || prefixes.isEmpty()) {
      return true;
    }
    return prefixes.stream().map(PrefixMatcher::s3Prefix).flatMap(Optional::stream)
        .anyMatch(uri::within);
  }

  /** Whether the URI would be admitted with a trailing '/', for the message's hint. */
  static boolean admitsS3AsFolder(List<String> prefixes, S3Uri uri) {
    return prefixes != null && prefixes.stream().map(PrefixMatcher::s3Prefix)
        .flatMap(Optional::stream).anyMatch(uri::lacksTrailingSlashOf);
  }

  static Optional<ImagePrefix> imagePrefix(String entry) {
    try {
      return Optional.of(ImagePrefix.parse(entry));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  static Optional<S3Uri> s3Prefix(String entry) {
    try {
      return Optional.of(S3Uri.parse(entry));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }
}
