package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.AppliedPolicy;
import dev.secureml.operator.api.Enforcement;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Status shows exactly the tags the requests send: one place builds both. */
class AppliedSettingsTest {
  private static final ResourceOwner OWNER = new ResourceOwner("fraud", "scorer", "uid-1");

  @Test
  void reservedKeysInAnyCaseAreDroppedAndOwnershipComesLast() {
    Map<String, String> resolved = new LinkedHashMap<>();
    resolved.put("team", "fraud");
    resolved.put("SecureML.dev/uid", "someone-else");
    resolved.put("cost-center", "CC-1");
    assertThat(AppliedSettings.tags(resolved, OWNER)).containsExactly(
        Map.entry("cost-center", "CC-1"), Map.entry("team", "fraud"),
        Map.entry("secureml.dev/namespace", "fraud"), Map.entry("secureml.dev/name", "scorer"),
        Map.entry("secureml.dev/uid", "uid-1"));
  }

  @Test
  void appliedPolicyTagsAreTheRequestTags() {
    Map<String, String> resolved = Map.of("team", "fraud", "secureml.dev/NAME", "x");
    var settings = new ResolvedHostingSettings("fraud-team", Enforcement.Enforce, "us-east-1",
        "arn:aws:iam::111122223333:role/r", List.of("subnet-1"), List.of("sg-1"), true,
        "arn:aws:kms:us-east-1:111122223333:key/a", "arn:aws:kms:us-east-1:111122223333:key/b",
        resolved);
    AppliedPolicy applied = AppliedSettings.of(settings, OWNER);
    List<Tag> sent = PolicyRequestParts.tags(resolved, new ObjectMetaBuilder()
        .withNamespace("fraud").withName("scorer").withUid("uid-1").build());
    Map<String, String> sentMap = new LinkedHashMap<>();
    sent.forEach(t -> sentMap.put(t.key(), t.value()));
    assertThat(applied.tags).containsExactlyEntriesOf(sentMap);
    assertThat(applied.interContainerTrafficEncryption).isNull();
    assertThat(applied.outputKmsKeyId).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/b");
  }
}
