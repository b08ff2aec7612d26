package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.KEY_HC;
import static dev.secureml.operator.policy.Fixtures.REGISTRY;
import static dev.secureml.operator.policy.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Enforcement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy authoring mistakes: each one makes the policy not Ready with a message naming the
 * field, and the policy then denies every resource it selects (PolicyNotReady), even under
 * Audit, instead of silently matching nothing or applying half of what was meant.
 *
 * <p>Mistakes the CompliancePolicy CRD's schema states (bounds, ARN patterns) are reported in
 * the schema's words, as the API server would; a row beside each carries a mistake the pattern
 * admits, so the policy's own, stricter check stays proven.
 */
class PolicyAuthoringTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String KINDS = "; kinds are SecureTrainingJob, ModelEndpoint, "
      + "DataQualityMonitor";
  private static final String NOT_A_GLOB = "; globs are letters, digits, '.' and '*', the only "
      + "wildcard (not a regular expression)";
  private static final String NO_TYPE = " matches no instance type; instance types are "
      + "ml.<family>.<size>, such as ml.m5.xlarge";
  private static final String KEY_FORM = " is not a KMS key or alias ARN such as "
      + "arn:aws:kms:us-east-1:111122223333:key/<key id> (or alias/<name>)";
  private static final String ROLE_PATTERN = ": must match '^arn:aws[a-z-]*:iam::[0-9]{12}:"
      + "role/.+$'";
  private static final String KEY_PATTERN = ": must match '^arn:aws[a-z-]*:kms:[a-z0-9-]+:"
      + "[0-9]{12}:(key|alias)/.+$'";
  private static final String NOT_A_ROLE = " is not an IAM role ARN such as "
      + "arn:aws:iam::111122223333:role/name";
  private static final String GOOD_KEY =
      "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-1111-bbbb-2222-cccc3333dddd";

  private static Consumer<CompliancePolicySpec> change(Consumer<CompliancePolicySpec> c) {
    return c;
  }

  private static Consumer<CompliancePolicySpec> kinds(String... kinds) {
    return p -> {
      CompliancePolicySpec.Rule r = rule("gpu-needs-spot", "true", "GPU training must use spot");
      r.kinds = List.of(kinds);
      p.rules.add(r);
    };
  }

  private static Consumer<CompliancePolicySpec> types(String... globs) {
    return p -> p.instances.allowedTypes = new ArrayList<>(List.of(globs));
  }

  private static Consumer<CompliancePolicySpec> images(String... prefixes) {
    return p -> p.images.allowedPrefixes = new ArrayList<>(List.of(prefixes));
  }

  private static Consumer<CompliancePolicySpec> s3(String... prefixes) {
    return p -> p.data.allowedS3Prefixes = new ArrayList<>(List.of(prefixes));
  }

  private static Consumer<CompliancePolicySpec> key(String classification, String key) {
    return p -> p.encryption.kmsKeyByClassification.put(classification, key);
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // Custom rules for kinds that do not exist never apply.
        arguments("a plural kind", kinds("SecureTrainingJobs"), List.of("rules[0].kinds[0] "
            + "SecureTrainingJobs is not a kind the operator governs (did you mean "
            + "SecureTrainingJob?)" + KINDS)),
        arguments("a kind in lower case", kinds("ModelEndpoint", "dataqualitymonitor"),
            List.of("rules[0].kinds[1] dataqualitymonitor is not a kind the operator governs "
                + "(did you mean DataQualityMonitor?)" + KINDS)),
        arguments("a kind the operator does not have", kinds("Pod"), List.of("rules[0].kinds[0] "
            + "Pod is not a kind the operator governs" + KINDS)),
        arguments("a kind with a trailing space", kinds("ModelEndpoint "), List.of(
            "rules[0].kinds[0] ModelEndpoint  is not a kind the operator governs (did you mean "
                + "ModelEndpoint?)" + KINDS)),
        arguments("a kind listed twice", kinds("ModelEndpoint", "ModelEndpoint"),
            List.of("rules[0].kinds[1] ModelEndpoint repeats rules[0].kinds[0]")),
        arguments("an empty kind", kinds(""), List.of("rules[0].kinds[0] is empty")),

        // Instance-type globs that match nothing.
        arguments("regex syntax in a glob", types("ml.[m5].*"), List.of("instances."
            + "allowedTypes[0] 'ml.[m5].*' has '['" + NOT_A_GLOB)),
        arguments("a regex wildcard", types("ml.m5.?"), List.of("instances.allowedTypes[0] "
            + "'ml.m5.?' has '?'" + NOT_A_GLOB)),
        arguments("a trailing space", types("ml.m5.*", "ml.m5.xlarge "), List.of("instances."
            + "allowedTypes[1] 'ml.m5.xlarge ' contains whitespace, so it matches no instance "
            + "type")),
        arguments("a tab", types("ml.m5.*\t"), List.of("instances.allowedTypes[0] "
            + "'ml.m5.*\\u0009' contains whitespace, so it matches no instance type")),
        arguments("upper case", types("ML.M5.*"), List.of("instances.allowedTypes[0] 'ML.M5.*' "
            + "has uppercase letters; instance types are lowercase, such as ml.m5.xlarge")),
        arguments("a family without a size", types("ml.m5"), List.of(
            "instances.allowedTypes[0] 'ml.m5'" + NO_TYPE)),
        arguments("a regex meant as 'anything'", types(".*"), List.of(
            "instances.allowedTypes[0] '.*'" + NO_TYPE)),
        arguments("the ml. prefix forgotten", types("m5.*"), List.of(
            "instances.allowedTypes[0] 'm5.*'" + NO_TYPE)),
        arguments("an empty glob", types("ml.m5.*", ""), List.of(
            "instances.allowedTypes[1] is empty")),
        arguments("a glob listed twice", types("ml.m5.*", "ml.g5.*", "ml.m5.*"), List.of(
            "instances.allowedTypes[2] ml.m5.* repeats instances.allowedTypes[0]")),
        arguments("a hosting glob that matches nothing", change(p -> {
          p.instances.hosting = new CompliancePolicySpec.Hosting();
          p.instances.hosting.allowedTypes.add("ml.c5.xlarge,ml.c5.2xlarge");
        }), List.of("instances.hosting.allowedTypes[0] 'ml.c5.xlarge,ml.c5.2xlarge' has ','"
            + NOT_A_GLOB)),

        // Limits that contradict each other or cannot hold.
        arguments("maxCount 0, below the CRD's minimum", change(p -> p.instances.maxCount = 0),
            List.of("spec.instances.maxCount: Invalid value: 0: must be greater than or equal "
                + "to 1")),
        arguments("a negative maxCount, below the CRD's minimum",
            change(p -> p.instances.maxCount = -1),
            List.of("spec.instances.maxCount: Invalid value: -1: must be greater than or equal "
                + "to 1")),
        arguments("an empty hosting block lifting the training limits",
            change(p -> p.instances.hosting = new CompliancePolicySpec.Hosting()),
            List.of("instances.hosting is empty, so hosting has no instance limits although "
                + "instances has; remove it to apply instances' limits to hosting, or fill it "
                + "in")),
        arguments("a hosting count limit that lifts the training types", change(p -> {
          p.instances.hosting = new CompliancePolicySpec.Hosting();
          p.instances.hosting.maxCount = 4;
        }), List.of("instances.hosting.allowedTypes is empty, so hosting allows every instance "
            + "type although instances.allowedTypes restricts training; list the hosting types "
            + "(\"*\" allows all)")),
        arguments("hosting may allow every type when it says so", change(p -> {
          p.instances.hosting = new CompliancePolicySpec.Hosting();
          p.instances.hosting.allowedTypes.add("*");
          p.instances.hosting.maxCount = 4;
        }), List.of()),

        // Image and S3 prefixes that can never match.
        arguments("an image prefix without a registry", images("approved/"), List.of(
            "images.allowedPrefixes[0] can never match: image approved/ names no registry host; "
                + "images are <registry>/<repository>[:tag] such as " + ImageReference.EXAMPLE)),
        arguments("an image prefix with '..'", images(REGISTRY + "../"), List.of(
            "images.allowedPrefixes[0] can never match: image " + REGISTRY + "../ has a '..' "
                + "path component; path components are lowercase letters and digits separated "
                + "by '.', '_', '__' or '-'")),
        arguments("an image prefix in upper case", images(REGISTRY + "Team/"), List.of(
            "images.allowedPrefixes[0] can never match: image " + REGISTRY + "Team/ has "
                + "uppercase letters in its repository path; path components are lowercase "
                + "letters and digits separated by '.', '_', '__' or '-'")),
        arguments("an image prefix with a trailing space", images(REGISTRY + " "), List.of(
            "images.allowedPrefixes[0] can never match: image " + REGISTRY + "  contains "
                + "whitespace (U+0020 at position " + REGISTRY.length() + ")")),
        arguments("an image prefix listed twice, once without its slash",
            images("111122223333.dkr.ecr.us-east-1.amazonaws.com",
                "111122223333.dkr.ecr.us-east-1.amazonaws.com/"),
            List.of("images.allowedPrefixes[1] 111122223333.dkr.ecr.us-east-1.amazonaws.com/ "
                + "repeats images.allowedPrefixes[0]")),
        arguments("an S3 prefix with '..'", s3("s3://fraud-data/../"), List.of(
            "data.allowedS3Prefixes[0] can never match: S3 URI s3://fraud-data/../ has a '..' "
                + "segment in its key; segments made of dots only ('.', '..') are not allowed")),
        arguments("an S3 prefix with an upper-case bucket", s3("s3://Fraud-Data/"), List.of(
            "data.allowedS3Prefixes[0] can never match: S3 URI s3://Fraud-Data/ has a bucket "
                + "name with characters other than lowercase letters, digits, '.' and '-'")),
        arguments("an S3 prefix with credentials, never quoted",
            s3("s3://admin:S3cret@fraud-data/"), List.of("data.allowedS3Prefixes[0] can never "
                + "match: S3 URI contains credentials (user:password@ before the bucket); remove "
                + "them: S3 URIs are s3://bucket/key and access comes from the execution role")),
        arguments("an S3 prefix listed twice, once without its slash",
            s3("s3://fraud-data", "s3://fraud-data/"), List.of("data.allowedS3Prefixes[1] "
                + "s3://fraud-data/ repeats data.allowedS3Prefixes[0]")),

        // ARNs of the wrong form, region or partition.
        arguments("a role ARN without a role name, refused by the CRD's pattern",
            change(p -> p.executionRoleArn = "arn:aws:iam::111122223333:role/"),
            List.of("spec.executionRoleArn: Invalid value: \"arn:aws:iam::111122223333:role/\""
                + ROLE_PATTERN)),
        arguments("a role ARN with a path but no name, admitted by the CRD's pattern",
            change(p -> p.executionRoleArn = "arn:aws:iam::111122223333:role/ml/"),
            List.of("executionRoleArn arn:aws:iam::111122223333:role/ml/" + NOT_A_ROLE)),
        arguments("a role ARN with a space",
            change(p -> p.executionRoleArn = "arn:aws:iam::111122223333:role/fraud exec"),
            List.of("executionRoleArn arn:aws:iam::111122223333:role/fraud exec is not an IAM "
                + "role ARN such as arn:aws:iam::111122223333:role/name")),
        arguments("a role ARN with a short account, refused by the CRD's pattern",
            change(p -> p.executionRoleArn = "arn:aws:iam::1111:role/fraud"),
            List.of("spec.executionRoleArn: Invalid value: \"arn:aws:iam::1111:role/fraud\""
                + ROLE_PATTERN)),
        arguments("a role name longer than IAM's 64 characters, admitted by the CRD's pattern",
            change(p -> p.executionRoleArn = "arn:aws:iam::111122223333:role/" + "r".repeat(65)),
            List.of("executionRoleArn arn:aws:iam::111122223333:role/" + "r".repeat(65)
                + NOT_A_ROLE)),
        arguments("a role with a path is fine",
            change(p -> p.executionRoleArn = "arn:aws:iam::111122223333:role/ml/fraud-exec"),
            List.of()),
        arguments("a role in another partition than the region",
            change(p -> p.executionRoleArn = "arn:aws-cn:iam::111122223333:role/fraud"),
            List.of("executionRoleArn is in partition aws-cn but region us-east-1 is in "
                + "partition aws")),
        arguments("a KMS key id that is not a key id",
            key("Public", "arn:aws:kms:us-east-1:111122223333:key/my-key"),
            List.of("encryption.kmsKeyByClassification.Public" + KEY_FORM)),
        arguments("an IAM ARN where a KMS key belongs, refused by the CRD's pattern",
            key("Public", "arn:aws:iam::111122223333:role/fraud"),
            List.of("spec.encryption.kmsKeyByClassification[Public]: Invalid value: "
                + "\"arn:aws:iam::111122223333:role/fraud\"" + KEY_PATTERN)),
        arguments("a KMS alias with a space, admitted by the CRD's pattern",
            key("Public", "arn:aws:kms:us-east-1:111122223333:alias/fraud public"),
            List.of("encryption.kmsKeyByClassification.Public" + KEY_FORM)),
        arguments("a KMS key in another region than the policy's",
            key("Public", GOOD_KEY.replace("us-east-1", "eu-west-1")),
            List.of("encryption.kmsKeyByClassification.Public is a key in eu-west-1 but the "
                + "policy's region is us-east-1; SageMaker needs keys in the resources' region")),
        arguments("KMS keys in several regions when the policy names none", change(p -> {
          p.region = null;
          p.encryption.kmsKeyByClassification.put("Public",
              GOOD_KEY.replace("us-east-1", "eu-west-1"));
        }), List.of("encryption.kmsKeyByClassification has keys in several regions (eu-west-1, "
            + "us-east-1); SageMaker needs keys in the resources' region")),
        arguments("a KMS alias and a multi-Region key are fine", change(p -> {
          p.encryption.kmsKeyByClassification.put("Public",
              "arn:aws:kms:us-east-1:111122223333:alias/fraud/public");
          p.encryption.kmsKeyByClassification.put("Restricted",
              "arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef");
        }), List.of()),

        // Duplicates a person would not see.
        arguments("classifications differing only by case", key("internal", KEY_HC),
            List.of("encryption.kmsKeyByClassification.internal and "
                + "encryption.kmsKeyByClassification.Internal differ only by case; keep one")),
        arguments("a classification no resource can name", key("Highly Confidential", KEY_HC),
            List.of("encryption.kmsKeyByClassification.Highly Confidential can never be chosen: "
                + "a dataClassification is a letter followed by letters, digits and '-'")),
        arguments("required tag keys differing only by case",
            change(p -> p.tags.required.put("Cost-Center", "CC-1234")),
            List.of("tags.required.Cost-Center and tags.required.cost-center differ only by case "
                + "or character width; keep one")),
        arguments("a required tag imitating the reserved prefix",
            change(p -> p.tags.required.put("SecureML.dev/team", "fraud")),
            List.of("tags.required.SecureML.dev/team differs from the reserved prefix "
                + "secureml.dev/ only by case or character width")),
        arguments("a subnet listed twice", change(p -> p.network.subnets.add("subnet-0a1b2c3d")),
            List.of("network.subnets[2] subnet-0a1b2c3d repeats network.subnets[0]")),
        arguments("a security group listed twice",
            change(p -> p.network.securityGroupIds.add("sg-0c1d2e3f")),
            List.of("network.securityGroupIds[1] sg-0c1d2e3f repeats "
                + "network.securityGroupIds[0]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakesMakeThePolicyNotReadyAndDenyWhatItSelects(String behaviour,
      Consumer<CompliancePolicySpec> change, List<String> expected) {
    var policy = Fixtures.policy(change.andThen(p -> p.enforcement = Enforcement.Audit));

    assertThat(ENGINE.validatePolicy(policy)).containsExactlyElementsOf(expected);

    var d = ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy));
    if (expected.isEmpty()) {
      assertThat(d.allowed()).isTrue();
    } else {
      assertThat(d.allowed()).isFalse();
      assertThat(d.violations()).containsExactly(new Violation("metadata.namespace",
          "PolicyNotReady", "CompliancePolicy fraud-team is not Ready: "
              + String.join("; ", expected)));
    }
  }
}
