package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static dev.secureml.operator.policy.Fixtures.MODEL_DATA;
import static dev.secureml.operator.policy.Fixtures.REGISTRY;
import static dev.secureml.operator.policy.Fixtures.retrain;
import static dev.secureml.operator.policy.Fixtures.schema;
import static dev.secureml.operator.policy.Fixtures.v;
import static dev.secureml.operator.policy.ParserMessages.COMPONENTS;
import static dev.secureml.operator.policy.ParserMessages.DOTS;
import static dev.secureml.operator.policy.ParserMessages.ENCODED;
import static dev.secureml.operator.policy.ParserMessages.IMAGE_CREDENTIALS;
import static dev.secureml.operator.policy.ParserMessages.KEY_CHARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy evasion: hostile images, S3 URIs and tag keys in every field of every kind. Each row
 * is the exact verdict: rule, field and message. A value that does not parse never reaches an
 * allow-list, and nothing a rejected value carries (credentials, access key ids, line breaks)
 * is repeated.
 *
 * <p>Two layers refuse: the CRD's own patterns first (whitespace, control and format
 * characters, anything but a bucket name after s3://), reported as SchemaViolation before any
 * policy rule, then the policy's parsers for what the patterns let through. Where a pattern
 * catches a value, a row beside it carries a value the pattern admits, so the parser's own
 * check stays proven here too.
 */
class PolicyEvasionTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final String R = REGISTRY;
  private static final String TEMPLATE = DataQualityMonitorRules.TEMPLATE_PATH;
  private static final String OTHER_CHARACTER = "has a character other than lowercase letters, "
      + "digits, '.', '_' and '-' in its repository path" + COMPONENTS;
  private static final String ALLOWED_IMAGES = "; allowed prefixes: " + R;
  private static final String ALLOWED_S3 =
      "; allowed prefixes: s3://fraud-data/, s3://fraud-models/";
  private static final String RESERVED_CASE = " differs from the reserved prefix secureml.dev/ "
      + "only by case or character width; the operator sets those tags";
  private static final String COST_CENTER_CASE = " differs from the required tag key "
      + "cost-center only by case or character width; remove it (the CompliancePolicy sets "
      + "cost-center) or choose another key";
  // The CRD's patterns, as the schema's messages quote them.
  private static final String IMAGE_PATTERN = "^[^\\s\\p{Z}\\p{Cc}\\p{Cf}]+$";
  private static final String S3_PATTERN =
      "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s\\p{Z}\\p{Cc}\\p{Cf}]*)?$";
  private static final String HIDDEN = "\"<hidden: looks like a secret>\"";

  private static Violation image(String field, String image, String problem) {
    return v(field, "InvalidImage", "image " + image + " " + problem);
  }

  private static Violation s3(String field, String uri, String problem) {
    return v(field, "InvalidS3Uri", "S3 URI " + uri + " " + problem);
  }

  /** The CRD refusing a value (shown as the schema shows it) with one of its patterns. */
  private static Violation pattern(String field, String shown, String pattern) {
    return schema(field, "Invalid value: " + shown + ": must match '" + pattern + "'");
  }

  private static Consumer<SecureTrainingJobSpec> job(Consumer<SecureTrainingJobSpec> c) {
    return c;
  }

  static Stream<Arguments> trainingJobs() {
    return Stream.of(
        arguments("'..' after an approved prefix escapes to another repository",
            job(j -> j.image = R + "../evil/miner:1"), List.of(image("spec.image",
                R + "../evil/miner:1", "has a '..' path component" + COMPONENTS))),
        arguments("a '.' path component", job(j -> j.image = R + "./xgboost:1"),
            List.of(image("spec.image", R + "./xgboost:1", "has a '.' path component"
                + COMPONENTS))),
        arguments("percent-encoded dots in an image path",
            job(j -> j.image = R + "%2e%2e/evil/miner:1"),
            List.of(image("spec.image", R + "%2e%2e/evil/miner:1", OTHER_CHARACTER))),
        arguments("a backslash climbing out in an image path",
            job(j -> j.image = R + "..\\evil:1"),
            List.of(image("spec.image", R + "..\\evil:1", OTHER_CHARACTER))),
        arguments("a Cyrillic 'a' posing as the approved path",
            job(j -> j.image = R.replace("approved", "\u0430pproved") + "xgboost:1"),
            List.of(image("spec.image", R.replace("approved", "\u0430pproved") + "xgboost:1",
                OTHER_CHARACTER))),
        arguments("a fullwidth solidus posing as a path separator",
            job(j -> j.image = R + "x\uff0f..\uff0fevil:1"),
            List.of(image("spec.image", R + "x\uff0f..\uff0fevil:1", OTHER_CHARACTER))),
        arguments("a trailing space, refused by the CRD's pattern",
            job(j -> j.image = R + "xgboost:1 "),
            List.of(pattern("spec.image", "\"" + R + "xgboost:1 \"", IMAGE_PATTERN))),
        arguments("a line break that would forge a log line, refused by the CRD's pattern",
            job(j -> j.image = R + "xgboost:1\nINFO admitted"),
            List.of(pattern("spec.image", "\"" + R.substring(0, 40) + "\"... ("
                + (R + "xgboost:1\nINFO admitted").length() + " characters)", IMAGE_PATTERN))),
        arguments("a zero-width space, refused by the CRD's pattern",
            job(j -> j.image = R + "xgb\u200boost:1"),
            List.of(pattern("spec.image", "\"" + R + "xgb\\u200boost:1\"", IMAGE_PATTERN))),
        arguments("a private-use character the CRD's pattern admits, refused by the parser",
            job(j -> j.image = R + "xgboost:1\ue000"),
            List.of(image("spec.image", R + "xgboost:1\\uE000", "contains an invisible or "
                + "control character (U+E000 at position " + (R.length() + 9) + ")"))),
        arguments("an unassigned code point in the path, refused by the parser",
            job(j -> j.image = R + "xgb\u0378oost:1"),
            List.of(image("spec.image", R + "xgb\\u0378oost:1", "contains an invisible or "
                + "control character (U+0378 at position " + (R.length() + 3) + ")"))),
        arguments("uppercase in the repository path", job(j -> j.image = R + "XGBoost:1"),
            List.of(image("spec.image", R + "XGBoost:1", "has uppercase letters in its "
                + "repository path" + COMPONENTS))),
        arguments("an empty path component", job(j -> j.image = R + "/xgboost:1"),
            List.of(image("spec.image", R + "/xgboost:1", "has an empty path component ('//', "
                + "or '/' before the tag or at the end)" + COMPONENTS))),
        arguments("an image without a registry", job(j -> j.image = "xgboost:latest"),
            List.of(image("spec.image", "xgboost:latest", "names no registry host; images are "
                + "<registry>/<repository>[:tag] such as " + ImageReference.EXAMPLE))),
        arguments("registry credentials, never quoted",
            job(j -> j.image = "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG@" + R + "x:1"),
            List.of(v("spec.image", "InvalidImage", IMAGE_CREDENTIALS))),
        arguments("an access key id in a rejected image's tag is masked",
            job(j -> j.image = "evil.example.com/miner:AKIAIOSFODNN7EXAMPLE"),
            List.of(v("spec.image", "ImageNotAllowed", "image evil.example.com/miner:"
                + "<access-key-id> is not allowed" + ALLOWED_IMAGES))),
        arguments("a registry that only starts like the approved one",
            job(j -> j.image = R.replace(".com/", ".com.evil.io/") + "x:1"),
            List.of(v("spec.image", "ImageNotAllowed", "image "
                + R.replace(".com/", ".com.evil.io/") + "x:1 is not allowed" + ALLOWED_IMAGES))),
        arguments("the approved registry on another port",
            job(j -> j.image = R.replace(".com/", ".com:443/") + "x:1"),
            List.of(v("spec.image", "ImageNotAllowed", "image " + R.replace(".com/", ".com:443/")
                + "x:1 is not allowed" + ALLOWED_IMAGES))),
        arguments("a sibling of the approved path",
            job(j -> j.image = R.replace("approved/", "approved-evil/") + "x:1"),
            List.of(v("spec.image", "ImageNotAllowed", "image "
                + R.replace("approved/", "approved-evil/") + "x:1 is not allowed"
                + ALLOWED_IMAGES))),
        arguments("an uppercase registry host is the same registry",
            job(j -> j.image = R.replace("dkr.ecr", "DKR.ECR") + "xgboost:1"), List.of()),

        arguments("'..' after an approved bucket escapes to another bucket",
            job(j -> j.output.s3Uri = "s3://fraud-models/../exfil-bucket/"),
            List.of(s3("spec.output.s3Uri", "s3://fraud-models/../exfil-bucket/", "has a '..'"
                + DOTS))),
        arguments("percent-encoded dots in an input",
            job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data/%2e%2e/exfil/"),
            List.of(s3("spec.inputs[0].s3Uri", "s3://fraud-data/%2e%2e/exfil/",
                "has the percent-encoded character %2e" + ENCODED))),
        arguments("a double-encoded slash in an input",
            job(j -> j.inputs.get(1).s3Uri = "s3://fraud-data/x%252fy/"),
            List.of(s3("spec.inputs[1].s3Uri", "s3://fraud-data/x%252fy/",
                "has the percent-encoded character %25" + ENCODED))),
        arguments("an empty segment in an input",
            job(j -> j.inputs.get(1).s3Uri = "s3://fraud-data//fdic/"),
            List.of(s3("spec.inputs[1].s3Uri", "s3://fraud-data//fdic/", "has an empty segment "
                + "('//') in its key"))),
        arguments("backslashes in an input",
            job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data/fdic\\..\\..\\exfil/"),
            List.of(s3("spec.inputs[0].s3Uri", "s3://fraud-data/fdic\\..\\..\\exfil/", "has a "
                + "backslash in its key; use '/' between segments"))),
        arguments("fullwidth dots in an input",
            job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data/\uff0e\uff0e/exfil/"),
            List.of(s3("spec.inputs[0].s3Uri", "s3://fraud-data/\uff0e\uff0e/exfil/",
                "has the character '\uff0e' (U+FF0E)" + KEY_CHARS))),
        arguments("a tab in an input, refused by the CRD's pattern",
            job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data/fdic/\ttrain/"),
            List.of(pattern("spec.inputs[0].s3Uri", "\"s3://fraud-data/fdic/\\ttrain/\"",
                S3_PATTERN))),
        arguments("a private-use character in an input, refused by the parser",
            job(j -> j.inputs.get(0).s3Uri = "s3://fraud-data/fdic/\ue000train/"),
            List.of(s3("spec.inputs[0].s3Uri", "s3://fraud-data/fdic/\\uE000train/",
                "contains an invisible or control character (U+E000 at position 21)"))),
        arguments("credentials in an input, refused by the CRD's pattern and never quoted",
            job(j -> j.inputs.get(0).s3Uri = "s3://admin:S3cretPassw0rd@fraud-data/x/"),
            List.of(pattern("spec.inputs[0].s3Uri", HIDDEN, S3_PATTERN))),
        arguments("credentials after a one-slash scheme, never quoted",
            job(j -> j.inputs.get(0).s3Uri = "s3:/admin:S3cretPassw0rd@fraud-data/x/"),
            List.of(pattern("spec.inputs[0].s3Uri", HIDDEN, S3_PATTERN))),
        arguments("credentials without a scheme, never quoted",
            job(j -> j.inputs.get(0).s3Uri = "admin:S3cretPassw0rd@fraud-data/x/"),
            List.of(pattern("spec.inputs[0].s3Uri", HIDDEN, S3_PATTERN))),
        arguments("image credentials with a trailing space, never quoted",
            job(j -> j.image = "robot:Im4gePassw0rd@" + R + "x:1 "),
            List.of(pattern("spec.image", HIDDEN, IMAGE_PATTERN))),
        arguments("a query on the output", job(j -> j.output.s3Uri = "s3://fraud-models/a/?x=1"),
            List.of(s3("spec.output.s3Uri", "s3://fraud-models/a/?x=1", "has '?' (a query or "
                + "fragment); S3 URIs have neither"))),
        arguments("'..' in the checkpoint location", job(j -> {
          Fixtures.spot(j);
          j.spot.checkpointS3Uri = "s3://fraud-models/ckpt/../../exfil/";
        }), List.of(s3("spec.spot.checkpointS3Uri", "s3://fraud-models/ckpt/../../exfil/",
            "has a '..'" + DOTS))),
        arguments("an access key id in a rejected output is masked",
            job(j -> j.output.s3Uri = "s3://other-bank/AKIAIOSFODNN7EXAMPLE/"),
            List.of(v("spec.output.s3Uri", "S3LocationNotAllowed", "S3 location "
                + "s3://other-bank/<access-key-id>/ is not allowed" + ALLOWED_S3))),

        arguments("a reserved tag key in other case", job(j -> j.tags.put(
            "SecureML.dev/namespace", "other-team")), List.of(v("spec.tags.SecureML.dev/namespace",
                "ReservedTag", "tag key SecureML.dev/namespace" + RESERVED_CASE))),
        arguments("a reserved tag key in fullwidth letters", job(j -> j.tags.put(
            "\uff53\uff45\uff43\uff55\uff52\uff45\uff4d\uff4c.dev/uid", "x")),
            List.of(v("spec.tags.\uff53\uff45\uff43\uff55\uff52\uff45\uff4d\uff4c.dev/uid",
                "ReservedTag", "tag key \uff53\uff45\uff43\uff55\uff52\uff45\uff4d\uff4c.dev/uid"
                    + RESERVED_CASE))),
        arguments("a required tag key in other case", job(j -> j.tags.put("Cost-Center",
            "CC-9999")), List.of(v("spec.tags.Cost-Center", "TagKeyCaseConflict",
                "tag key Cost-Center" + COST_CENTER_CASE))),
        arguments("a required tag key in other case, even with the required value",
            job(j -> j.tags.put("COST-CENTER", "CC-1234")), List.of(v("spec.tags.COST-CENTER",
                "TagKeyCaseConflict", "tag key COST-CENTER" + COST_CENTER_CASE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainingJobs")
  void trainingJobsAreJudgedOnParsedValues(String behaviour,
      Consumer<SecureTrainingJobSpec> change, List<Violation> expected) {
    var d = ENGINE.evaluateTrainingJob(Fixtures.job(change), FRAUD_NS,
        List.of(Fixtures.policy()));

    assertThat(d.violations()).containsExactlyElementsOf(expected);
    assertThat(d.allowed()).isEqualTo(expected.isEmpty());
  }

  private static Consumer<ModelEndpointSpec> endpoint(Consumer<ModelEndpointSpec> c) {
    return c;
  }

  /** Two variants, the second with a model of its own. */
  private static Consumer<ModelEndpointSpec> secondVariantImage(String image) {
    return e -> {
      e.variants = new ArrayList<>(List.of(Fixtures.variant("blue", "ml.m5.large", 2),
          Fixtures.variant("green", "ml.m5.large", 2)));
      e.variants.get(1).model = Fixtures.source(image, MODEL_DATA);
    };
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(
        arguments("'..' in the model image", endpoint(e -> e.model.image = R + "../evil:1"),
            List.of(image("spec.model.image", R + "../evil:1", "has a '..' path component"
                + COMPONENTS))),
        arguments("'..' in the model data", endpoint(e -> e.model.modelDataUrl =
            "s3://fraud-models/../exfil/model.tar.gz"), List.of(s3("spec.model.modelDataUrl",
                "s3://fraud-models/../exfil/model.tar.gz", "has a '..'" + DOTS))),
        arguments("credentials in a variant's own image",
            secondVariantImage("admin:hunter2@" + R + "x:1"),
            List.of(v("spec.variants[1].model.image", "InvalidImage", IMAGE_CREDENTIALS))),
        arguments("an encoded slash in the capture destination",
            endpoint(e -> e.dataCapture.destinationS3Uri = "s3://fraud-models/a%2F..%2Fb/"),
            List.of(s3("spec.dataCapture.destinationS3Uri", "s3://fraud-models/a%2F..%2Fb/",
                "has the percent-encoded character %2F" + ENCODED))),
        arguments("a port on the capture destination, refused by the CRD's pattern",
            endpoint(e -> e.dataCapture.destinationS3Uri = "s3://fraud-models:80/capture/"),
            List.of(pattern("spec.dataCapture.destinationS3Uri",
                "\"s3://fraud-models:80/capture/\"", S3_PATTERN))),
        arguments("'.' in the capture destination's key, refused by the parser",
            endpoint(e -> e.dataCapture.destinationS3Uri = "s3://fraud-models/capture/./"),
            List.of(s3("spec.dataCapture.destinationS3Uri", "s3://fraud-models/capture/./",
                "has a '.'" + DOTS))),
        arguments("a reserved tag key in upper case", endpoint(e -> e.tags = Map.of(
            "SECUREML.DEV/uid", "forged")), List.of(v("spec.tags.SECUREML.DEV/uid",
                "ReservedTag", "tag key SECUREML.DEV/uid" + RESERVED_CASE))),
        arguments("a required tag key in other case", endpoint(e -> e.tags = Map.of(
            "Cost-Center", "CC-1")), List.of(v("spec.tags.Cost-Center", "TagKeyCaseConflict",
                "tag key Cost-Center" + COST_CENTER_CASE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void endpointsAreJudgedOnParsedValues(String behaviour, Consumer<ModelEndpointSpec> change,
      List<Violation> expected) {
    var d = ENGINE.evaluateModelEndpoint(Fixtures.endpoint(change), FRAUD_NS,
        List.of(Fixtures.policy()));

    assertThat(d.violations()).containsExactlyElementsOf(expected);
    assertThat(d.allowed()).isFalse();
  }

  private static Consumer<DataQualityMonitorSpec> monitor(Consumer<DataQualityMonitorSpec> c) {
    return c;
  }

  private static Consumer<DataQualityMonitorSpec> existingBaseline(String constraints,
      String statistics) {
    return m -> {
      m.baseline.trainingDataS3Uri = null;
      m.baseline.constraintsS3Uri = constraints;
      m.baseline.statisticsS3Uri = statistics;
    };
  }

  static Stream<Arguments> monitors() {
    String constraints = "s3://fraud-models/baseline/constraints.json";
    String statistics = "s3://fraud-models/baseline/statistics.json";
    return Stream.of(
        arguments("'..' in the statistics URI",
            existingBaseline(constraints, "s3://fraud-models/../exfil/statistics.json"),
            List.of(s3("spec.baseline.statisticsS3Uri",
                "s3://fraud-models/../exfil/statistics.json", "has a '..'" + DOTS))),
        arguments("encoded dots in the constraints URI",
            existingBaseline("s3://fraud-models/%2E%2E/c.json", statistics),
            List.of(s3("spec.baseline.constraintsS3Uri", "s3://fraud-models/%2E%2E/c.json",
                "has the percent-encoded character %2E" + ENCODED))),
        arguments("credentials in the training data URI, refused by the CRD's pattern and "
            + "never quoted", monitor(m ->
            m.baseline.trainingDataS3Uri = "s3://reader:Pa55word@fraud-data/train.csv"),
            List.of(pattern("spec.baseline.trainingDataS3Uri", HIDDEN, S3_PATTERN))),
        arguments("encoded dots in the training data URI, refused by the parser", monitor(m ->
            m.baseline.trainingDataS3Uri = "s3://fraud-data/%2e%2e/train.csv"),
            List.of(s3("spec.baseline.trainingDataS3Uri", "s3://fraud-data/%2e%2e/train.csv",
                "has the percent-encoded character %2e" + ENCODED))),
        arguments("an empty segment in the output URI",
            monitor(m -> m.outputS3Uri = "s3://fraud-models/monitoring//"),
            List.of(s3("spec.outputS3Uri", "s3://fraud-models/monitoring//", "has an empty "
                + "segment ('//') in its key"))),
        arguments("'..' in the retrain template's image",
            retrain(t -> t.image = R + "../evil/miner:1"),
            List.of(image(TEMPLATE + ".image", R + "../evil/miner:1", "has a '..' path "
                + "component" + COMPONENTS))),
        arguments("'..' in the retrain template's output",
            retrain(t -> t.output.s3Uri = "s3://fraud-models/../exfil/"),
            List.of(s3(TEMPLATE + ".output.s3Uri", "s3://fraud-models/../exfil/", "has a '..'"
                + DOTS))),
        arguments("a backslash in the retrain template's input",
            retrain(t -> t.inputs.get(0).s3Uri = "s3://fraud-data/a\\b/"),
            List.of(s3(TEMPLATE + ".inputs[0].s3Uri", "s3://fraud-data/a\\b/", "has a backslash "
                + "in its key; use '/' between segments"))),
        arguments("a required tag key in other case",
            monitor(m -> m.tags = Map.of("Cost-Center", "x")),
            List.of(v("spec.tags.Cost-Center", "TagKeyCaseConflict", "tag key Cost-Center"
                + COST_CENTER_CASE))),
        arguments("a reserved tag key in the retrain template, in other case",
            retrain(t -> t.tags = Map.of("SecureML.dev/name", "x")),
            List.of(v(TEMPLATE + ".tags.SecureML.dev/name", "ReservedTag",
                "tag key SecureML.dev/name" + RESERVED_CASE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("monitors")
  void monitorsAreJudgedOnParsedValues(String behaviour, Consumer<DataQualityMonitorSpec> change,
      List<Violation> expected) {
    var d = ENGINE.evaluateDataQualityMonitor(Fixtures.monitor(change), FRAUD_NS,
        List.of(Fixtures.policy()));

    assertThat(d.violations()).containsExactlyElementsOf(expected);
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void aUriWithoutTheAllowedFoldersSlashIsRefusedWithTheReason() {
    var d = ENGINE.evaluateTrainingJob(Fixtures.job(j -> j.inputs.get(0).s3Uri =
        "s3://fraud-data/fdic"), FRAUD_NS, List.of(Fixtures.policy(p ->
            p.data.allowedS3Prefixes = List.of("s3://fraud-data/fdic/", "s3://fraud-models/"))));

    assertThat(d.violations()).containsExactly(v("spec.inputs[0].s3Uri",
        "S3LocationNotAllowed", "S3 location s3://fraud-data/fdic is not allowed; allowed "
            + "prefixes: s3://fraud-data/fdic/, s3://fraud-models/; end it with '/': without it "
            + "the URI is a key prefix that also selects siblings such as "
            + "s3://fraud-data/fdic-other/"));
  }

  @Test
  void auditAdmitsALocationOutsideTheListButNeverOneThatDoesNotParse() {
    var policy = Fixtures.policy(p -> p.enforcement = Enforcement.Audit);

    var outside = ENGINE.evaluateTrainingJob(Fixtures.job(j -> j.output.s3Uri =
        "s3://other-bank/models/"), FRAUD_NS, List.of(policy));
    var escape = ENGINE.evaluateTrainingJob(Fixtures.job(j -> j.output.s3Uri =
        "s3://fraud-models/../other-bank/"), FRAUD_NS, List.of(policy));
    var image = ENGINE.evaluateModelEndpoint(Fixtures.endpoint(e -> e.model.image =
        R + "../evil:1"), FRAUD_NS, List.of(policy));

    assertThat(outside.allowed()).isTrue();
    assertThat(escape.allowed()).isFalse();
    assertThat(escape.violations()).extracting(Violation::rule).containsExactly("InvalidS3Uri");
    assertThat(image.allowed()).isFalse();
  }

  @Test
  void auditNeverMergesTagKeysThatImitateReservedOrRequiredOnes() {
    var d = ENGINE.evaluateTrainingJob(Fixtures.job(j -> {
      j.tags.put("SecureML.dev/uid", "forged");
      j.tags.put("Cost-Center", "CC-9999");
      j.tags.put("team", "fraud");
    }), FRAUD_NS, List.of(Fixtures.policy(p -> p.enforcement = Enforcement.Audit)));

    assertThat(d.allowed()).isTrue();
    assertThat(d.settings().tags()).containsExactly(Map.entry("cost-center", "CC-1234"),
        Map.entry("team", "fraud"));
  }
}
