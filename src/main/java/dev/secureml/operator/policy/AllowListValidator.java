package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.CompliancePolicySpec.Hosting;
import dev.secureml.operator.api.CompliancePolicySpec.Instances;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A policy's allow-lists: every entry must be able to match something (an instance-type glob
 * some SageMaker type fits, an image prefix and an S3 prefix that parse), none may repeat
 * another, and the hosting block must not silently lift what the training limits restrict.
 */
final class AllowListValidator {
  private AllowListValidator() {}

  static void check(CompliancePolicySpec spec, List<String> problems) {
    if (spec.instances != null) {
      instances(spec.instances, problems);
    }
    if (spec.images != null) {
      entries(spec.images.allowedPrefixes, "images.allowedPrefixes", problems,
          entry -> ImagePrefix.parse(entry));
    }
    if (spec.data != null) {
      // Compared as folders: s3://b and s3://b/ are the same entry.
      entries(spec.data.allowedS3Prefixes, "data.allowedS3Prefixes", problems, entry -> {
        S3Uri uri = S3Uri.parse(entry);
        return List.of(uri.bucket(), uri.segments());
      });
    }
  }

  private static void instances(Instances instances, List<String> problems) {
    types(instances.allowedTypes, "instances.allowedTypes", problems);
    maxCount(instances.maxCount, "instances.maxCount", problems);
    Hosting hosting = instances.hosting;
    if (hosting == null) {
      return;
    }
    types(hosting.allowedTypes, "instances.hosting.allowedTypes", problems);
    maxCount(hosting.maxCount, "instances.hosting.maxCount", problems);
    boolean trainingTypes = !empty(instances.allowedTypes);
    if (empty(hosting.allowedTypes) && hosting.maxCount == null
        && (trainingTypes || instances.maxCount != null)) {
      problems.add("instances.hosting is empty, so hosting has no instance limits although "
          + "instances has; remove it to apply instances' limits to hosting, or fill it in");
    } else if (empty(hosting.allowedTypes) && trainingTypes) {
      problems.add("instances.hosting.allowedTypes is empty, so hosting allows every instance "
          + "type although instances.allowedTypes restricts training; list the hosting types "
          + "(\"*\" allows all)");
    }
  }

  private static void types(List<String> globs, String field, List<String> problems) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; globs != null && i < globs.size(); i++) {
      String glob = globs.get(i);
      String where = field + "[" + i + "]";
      String problem = InstanceTypeGlobs.problem(glob);
      if (problem != null) {
        problems.add(glob == null || glob.isBlank() ? where + " is empty"
            : where + " '" + QuotedValue.of(glob) + "' " + problem);
        continue;
      }
      Integer earlier = first.putIfAbsent(glob, i);
      if (earlier != null) {
        problems.add(where + " " + glob + " repeats " + field + "[" + earlier + "]");
      }
    }
  }

  private static void maxCount(Integer maxCount, String field, List<String> problems) {
    if (maxCount != null && maxCount < 1) {
      problems.add(field + " must be at least 1");
    }
  }

  /**
   * Entries that must parse; {@code identity} parses one (throwing when it does not) into what
   * makes two entries the same.
   */
  private static void entries(List<String> list, String field, List<String> problems,
      Function<String, Object> identity) {
    Map<Object, Integer> first = new HashMap<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      String entry = list.get(i);
      String where = field + "[" + i + "]";
      if (entry == null || entry.isBlank()) {
        problems.add(where + " is empty");
        continue;
      }
      Object id;
      try {
        id = identity.apply(entry);
      } catch (InvalidReferenceException e) {
        problems.add(where + " can never match: " + e.getMessage());
        continue;
      }
      Integer earlier = first.putIfAbsent(id, i);
      if (earlier != null) {
        problems.add(where + " " + QuotedValue.of(entry) + " repeats " + field + "[" + earlier
            + "]");
      }
    }
  }

  private static boolean empty(List<String> list) {
    return list == null || list.isEmpty();
  }
}
