package dev.secureml.operator.local.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteCounterTest {
  @Test
  void countsWritesByResourceAndSubresourceAndIgnoresReads() {
    WriteCounter writes = new WriteCounter();
    writes.count("PATCH",
        "/apis/secureml.dev/v1alpha1/namespaces/team-a/securetrainingjobs/job-1/status");
    writes.count("PATCH",
        "/apis/secureml.dev/v1alpha1/namespaces/team-b/securetrainingjobs/job-2/status");
    writes.count("POST", "/api/v1/namespaces/team-a/events");
    writes.count("POST", "/api/v1/namespaces");
    writes.count("PATCH", "/apis/secureml.dev/v1alpha1/compliancepolicies/fraud/status?x=1");
    writes.count("GET", "/apis/secureml.dev/v1alpha1/namespaces/team-a/securetrainingjobs");

    assertThat(writes.snapshot()).isEqualTo(Map.of(
        "PATCH securetrainingjobs/status", 2L, "POST events", 1L, "POST namespaces", 1L,
        "PATCH compliancepolicies/status", 1L));
  }
}
