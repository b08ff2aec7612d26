package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.sandbox.TestManifests;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Allow-list escapes end to end: a job whose image or S3 URIs do not parse is Rejected with the
 * fields named, SageMaker is never called, and neither status nor Events repeat the credentials
 * or access key ids the values carried. What the CRD's patterns refuse (credentials before a
 * bucket) is refused by the schema gate before any policy rule; what they admit ('..', an access
 * key id in a tag) by the policy's parsers.
 */
class HostileValuesControllerTest {
  private static final String CREATE = "SageMaker.CreateTrainingJob";
  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void escapesAreRejectedWithoutCallingSageMakerOrRepeatingSecrets() {
    h = OperatorHarness.start().withExamplePolicy();
    SecureTrainingJob job = TestManifests.compliantJob("escape");
    job.getSpec().image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/../evil/"
        + "miner:AKIAIOSFODNN7EXAMPLE";
    job.getSpec().inputs.get(0).s3Uri = "s3://fraud-data/fdic/%2e%2e/exfil/";
    job.getSpec().output.s3Uri = "s3://fraud-models/../exfil-bucket/";
    h.apply(job);

    SecureTrainingJob rejected = h.awaitPhase("escape", "Rejected");

    var stalled = Conditions.find(rejected.getStatus().conditions, Conditions.STALLED)
        .orElseThrow();
    assertThat(stalled.getReason()).isEqualTo("PolicyViolation");
    assertThat(stalled.getMessage()).isEqualTo("spec.image: image "
        + "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/../evil/miner:<access-key-id> "
        + "has a '..' path component; path components are lowercase letters and digits "
        + "separated by '.', '_', '__' or '-'; "
        + "spec.inputs[0].s3Uri: S3 URI s3://fraud-data/fdic/%2e%2e/exfil/ has the "
        + "percent-encoded character %2e in its key; encoded '.', '/', '\\', '%' and control "
        + "characters are not allowed (S3 does not decode them, other tools do); "
        + "spec.output.s3Uri: S3 URI s3://fraud-models/../exfil-bucket/ has a '..' segment in "
        + "its key; segments made of dots only ('.', '..') are not allowed");
    String status = Serialization.asJson(rejected.getStatus());
    String events = String.join("\n", h.eventsFor("escape").stream().map(Event::getMessage)
        .toList());
    assertThat(status + events).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    assertThat(events).contains("spec.output.s3Uri");
    assertThat(h.emulator.journal().operations(CREATE)).isEmpty();
  }

  @Test
  void credentialsBeforeABucketAreRefusedByTheSchemaGateWithoutBeingRepeated() {
    h = OperatorHarness.start().withExamplePolicy();
    SecureTrainingJob job = TestManifests.compliantJob("credentials");
    job.getSpec().inputs.get(0).s3Uri = "s3://admin:S3cretPassw0rd@fraud-data/fdic/train/";
    job.getSpec().output.s3Uri = "s3:/svc:0utputPassw0rd@fraud-models/out/";
    h.apply(job);

    SecureTrainingJob rejected = h.awaitPhase("credentials", "Rejected");

    var stalled = Conditions.find(rejected.getStatus().conditions, Conditions.STALLED)
        .orElseThrow();
    assertThat(stalled.getReason()).isEqualTo("SchemaViolation");
    String mustMatch = ": must match '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"
        + "(/[^\\s\\p{Z}\\p{Cc}\\p{Cf}]*)?$'";
    assertThat(stalled.getMessage()).isEqualTo("spec does not match the SecureTrainingJob "
        + "schema: spec.inputs[0].s3Uri: Invalid value: \"<hidden: looks like a secret>\""
        + mustMatch + "; spec.output.s3Uri: Invalid value: \"<hidden: looks like a secret>\""
        + mustMatch);
    String status = Serialization.asJson(rejected.getStatus());
    String events = String.join("\n", h.eventsFor("credentials").stream()
        .map(Event::getMessage).toList());
    assertThat(status + events).doesNotContain("S3cretPassw0rd", "0utputPassw0rd");
    assertThat(events).contains("spec.inputs[0].s3Uri", "spec.output.s3Uri");
    assertThat(h.emulator.journal().operations(CREATE)).isEmpty();
  }
}
