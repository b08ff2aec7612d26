package dev.secureml.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagKeysTest {
  @ParameterizedTest
  @ValueSource(strings = {"secureml.dev/uid", "secureml.dev/", "SecureML.dev/namespace",
      "SECUREML.DEV/name", "\uff53ecureml.dev/uid", "secureml\uff0edev/uid",
      "secureml.dev\uff0fuid"})
  void keysInTheReservedNamespaceInAnyCaseOrWidthAreReserved(String key) {
    assertThat(TagKeys.reserved(key)).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "secureml.dev", "secureml.devx/uid", "team/secureml.dev/uid",
      " secureml.dev/uid", "cost-center", "secureml-dev/uid"})
  void otherKeysAreNot(String key) {
    assertThat(TagKeys.reserved(key)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Cost-Center", "COST-CENTER", "\uff23ost-center"})
  void foldsCaseAndWidth(String key) {
    assertThat(TagKeys.fold(key)).isEqualTo("cost-center");
  }
}
