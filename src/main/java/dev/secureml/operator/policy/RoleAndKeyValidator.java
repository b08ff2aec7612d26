package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy's execution role and KMS keys: ARNs of the right form (an IAM role; a KMS key id or
 * alias), in the policy's region and partition, and classifications that a resource can name,
 * none twice in different case.
 */
final class RoleAndKeyValidator {
  static final String ROLE_EXAMPLE = "arn:aws:iam::111122223333:role/name";
  static final String KEY_EXAMPLE =
      "arn:aws:kms:us-east-1:111122223333:key/<key id> (or alias/<name>)";
  /** IAM: an optional path of printable segments, then a name of [\w+=,.@-]{1,64}. */
  private static final Pattern ROLE_ARN = Pattern.compile("^arn:(aws(?:-[a-z]+)*):iam::"
      + "[0-9]{12}:role/((?:[\\x21-\\x2E\\x30-\\x7E]+/){0,64})[\\w+=,.@-]{1,64}$");
  /** KMS: a key id (a UUID, or mrk- and 32 hex digits for multi-Region keys) or an alias. */
  private static final Pattern KMS_ARN = Pattern.compile("^arn:(aws(?:-[a-z]+)*):kms:"
      + "([a-z]{2}(?:-[a-z]+)+-[0-9]):[0-9]{12}:(?:key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
      + "[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias/[A-Za-z0-9/_-]{1,250})$");
  /** Region prefixes outside the aws partition; us-isob- before us-iso-'s shorter prefix. */
  private static final Map<String, String> PARTITIONS = orderedPartitions();
  /** The dataClassification pattern of every kind: a key outside it can never be chosen. */
  private static final Pattern CLASSIFICATION = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*$");

  private RoleAndKeyValidator() {}

  private static Map<String, String> orderedPartitions() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("cn-", "aws-cn");
    p.put("us-gov-", "aws-us-gov");
    p.put("us-isob-", "aws-iso-b");
    p.put("us-isof-", "aws-iso-f");
    p.put("us-iso-", "aws-iso");
    p.put("eu-isoe-", "aws-iso-e");
    p.put("eusc-", "aws-eusc");
    return p;
  }

  static void role(CompliancePolicySpec spec, List<String> problems) {
    String role = spec.executionRoleArn;
    if (role == null || role.isEmpty()) {
      problems.add("executionRoleArn is missing");
      return;
    }
    Matcher m = ROLE_ARN.matcher(role);
    if (!m.matches() || m.group(2).length() > 512) {
      problems.add("executionRoleArn " + QuotedValue.of(role) + " is not an IAM role ARN such "
          + "as " + ROLE_EXAMPLE);
      return;
    }
    String expected = partition(spec.region);
    if (expected != null && !expected.equals(m.group(1))) {
      problems.add("executionRoleArn is in partition " + m.group(1) + " but region "
          + spec.region + " is in partition " + expected);
    }
  }

  static void encryption(CompliancePolicySpec spec, List<String> problems) {
    if (spec.encryption == null) {
      problems.add("encryption is missing");
      return;
    }
    Map<String, String> keys = spec.encryption.kmsKeyByClassification;
    if (keys == null || keys.isEmpty()) {
      problems.add("encryption.kmsKeyByClassification is empty");
      return;
    }
    // PolicyValidator calls this only once the CRD schema has checked the region's form.
    String region = spec.region;
    Map<String, String> byFold = new TreeMap<>();
    TreeSet<String> regions = new TreeSet<>();
    keys.forEach((classification, key) -> {
      String field = "encryption.kmsKeyByClassification." + classification;
      if (classification == null || !CLASSIFICATION.matcher(classification).matches()) {
        problems.add(field + " can never be chosen: a dataClassification is a letter followed "
            + "by letters, digits and '-'");
      } else {
        String earlier = byFold.putIfAbsent(classification.toLowerCase(Locale.ROOT),
            classification);
        if (earlier != null) {
          problems.add(field + " and encryption.kmsKeyByClassification." + earlier
              + " differ only by case; keep one");
        }
      }
      Matcher m = key == null ? null : KMS_ARN.matcher(key);
      if (m == null || !m.matches()) {
        problems.add(field + " is not a KMS key or alias ARN such as " + KEY_EXAMPLE);
      } else if (region != null && !region.equals(m.group(2))) {
        problems.add(field + " is a key in " + m.group(2) + " but the policy's region is "
            + region + "; SageMaker needs keys in the resources' region");
      } else if (region != null && !partition(region).equals(m.group(1))) {
        problems.add(field + " is in partition " + m.group(1) + " but region " + region
            + " is in partition " + partition(region));
      } else {
        regions.add(m.group(2));
      }
    });
    if (region == null && regions.size() > 1) {
      problems.add("encryption.kmsKeyByClassification has keys in several regions ("
          + String.join(", ", regions) + "); SageMaker needs keys in the resources' region");
    }
  }

  /** The AWS partition of a region, null for no region. */
  static String partition(String region) {
    if (region == null) {
      return null;
    }
    return PARTITIONS.entrySet().stream().filter(e -> region.startsWith(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse("aws");
  }
}
