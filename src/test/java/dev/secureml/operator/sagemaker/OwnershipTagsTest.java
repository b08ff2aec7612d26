package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTagsTest {
  @Test
  void carriesNamespaceNameAndUidInThatOrder() {
    assertThat(OwnershipTags.of("ns", "job", "uid-1")).containsExactly(
        Map.entry("secureml.dev/namespace", "ns"),
        Map.entry("secureml.dev/name", "job"),
        Map.entry("secureml.dev/uid", "uid-1"));
  }

}
