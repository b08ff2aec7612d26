package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.Tag;

class PolicyRequestPartsTest {
  @Test
  void dropsReservedKeysInAnyCaseAndKeepsOnlyTheRealOwnershipTags() {
    Map<String, String> resolved = new LinkedHashMap<>();
    resolved.put("cost-center", "CC-1234");
    resolved.put("secureml.dev/uid", "forged");
    resolved.put("SecureML.dev/uid", "forged");
    resolved.put("SECUREML.DEV/namespace", "other-team");

    assertThat(PolicyRequestParts.tags(resolved, "fraud", "train", "uid-1"))
        .extracting(Tag::key, Tag::value)
        .containsExactly(
            Tuple.tuple("cost-center", "CC-1234"),
            Tuple.tuple(OwnershipTags.NAMESPACE, "fraud"),
            Tuple.tuple(OwnershipTags.NAME, "train"),
            Tuple.tuple(OwnershipTags.UID, "uid-1"));
  }
}
