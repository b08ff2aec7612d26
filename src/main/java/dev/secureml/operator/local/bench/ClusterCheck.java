package dev.secureml.operator.local.bench;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.sagemaker.OwnershipTags;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the cluster shows at the end of a phase, checked against what SageMaker holds. */
final class ClusterCheck {
  /** Reasons the operator gives when an AWS call was throttled or AWS was unavailable. */
  private static final Set<String> THROTTLE_REASONS = Set.of("Throttled", "AwsUnavailable");

  private final KubernetesClient client;

  ClusterCheck(KubernetesClient client) {
    this.client = client;
  }

  List<SecureTrainingJob> jobs() {
    return client.resources(SecureTrainingJob.class).inAnyNamespace().list().getItems();
  }

  List<ModelEndpoint> endpoints() {
    return client.resources(ModelEndpoint.class).inAnyNamespace().list().getItems();
  }

  static int inPhase(List<? extends HasMetadata> resources, String phase,
      Function<HasMetadata, String> phaseOf) {
    return (int) resources.stream().filter(r -> phase.equals(phaseOf.apply(r))).count();
  }

  static String jobPhase(HasMetadata job) {
    var status = ((SecureTrainingJob) job).getStatus();
    return status == null ? null : status.phase;
  }

  static String endpointPhase(HasMetadata endpoint) {
    var status = ((ModelEndpoint) endpoint).getStatus();
    return status == null ? null : status.phase;
  }

  /** Throttling or AWS-unavailable Events plus conditions naming it, over every namespace. */
  long throttlesSurfaced(List<SecureTrainingJob> jobs, List<ModelEndpoint> endpoints) {
    long events = client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> THROTTLE_REASONS.contains(e.getReason())).count();
    Stream<List<Condition>> conditions = Stream.concat(
        jobs.stream().filter(j -> j.getStatus() != null).map(j -> j.getStatus().conditions),
        endpoints.stream().filter(e -> e.getStatus() != null)
            .map(e -> e.getStatus().conditions));
    long flagged = conditions.filter(c -> c != null && c.stream()
        .anyMatch(x -> THROTTLE_REASONS.contains(x.getReason()))).count();
    return events + flagged;
  }

  /**
   * CRs that own more than one SageMaker resource of one type, found by the uid ownership tag:
   * a second training job, model, endpoint configuration or endpoint for the same CR.
   */
  static long duplicateResources(AwsEmulator emulator, List<? extends HasMetadata> resources) {
    return resources.stream().filter(r -> {
      List<String> arns = emulator.arnsTagged(Map.of(OwnershipTags.UID,
          r.getMetadata().getUid()));
      Map<String, Long> byType = arns.stream().collect(Collectors.groupingBy(
          ClusterCheck::resourceType, Collectors.counting()));
      return byType.values().stream().anyMatch(n -> n > 1);
    }).count();
  }

  /** {@code training-job} from {@code arn:aws:sagemaker:...:training-job/name}. */
  private static String resourceType(String arn) {
    String resource = arn.substring(arn.lastIndexOf(':') + 1);
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }
}
