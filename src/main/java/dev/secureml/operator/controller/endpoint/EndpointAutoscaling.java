package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.EndpointRollout;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps Application Auto Scaling in step with spec.autoscaling: registers every variant with a
 * target-tracking policy on invocations per instance, and deregisters what the spec dropped.
 * What to change is worked out without calls ({@link #change}); {@link #apply} makes the calls.
 */
final class EndpointAutoscaling {
  /** The CRD's defaults, for cooldowns a manifest set to null (the API server drops those). */
  private static final ModelEndpointSpec.Autoscaling DEFAULTS =
      new ModelEndpointSpec.Autoscaling();

  /**
   * The calls that bring autoscaling in step.
   *
   * @param deregister variants registered that the spec no longer autoscales
   * @param register variants to register (again, when the settings changed)
   * @param settings spec.autoscaling; null when off
   * @param signature the settings as recorded once applied; null when off
   */
  record Change(List<String> deregister, List<String> register,
      ModelEndpointSpec.Autoscaling settings, String signature) {
    boolean calls() {
      return !deregister.isEmpty() || !register.isEmpty();
    }
  }

  private final AutoscalingGateway gateway;

  EndpointAutoscaling(AutoscalingGateway gateway) {
    this.gateway = gateway;
  }

  /** What to change so that exactly {@code variants} are registered with {@code wanted}. */
  static Change change(ModelEndpointSpec.Autoscaling wanted, List<String> variants,
      EndpointRollout rollout) {
    String signature = wanted == null ? null : signature(wanted);
    List<String> desired = wanted == null ? List.of() : variants;
    boolean settingsChanged = signature != null && !signature.equals(rollout.autoscalingSignature);
    List<String> deregister = rollout.autoscaledVariants.stream()
        .filter(v -> !desired.contains(v)).toList();
    List<String> register = desired.stream()
        .filter(v -> settingsChanged || !rollout.autoscaledVariants.contains(v)).toList();
    return new Change(deregister, register, wanted, signature);
  }

  /** Makes the calls of {@code change} and records them. Only while the endpoint is InService. */
  void apply(String endpointName, Change change, EndpointRollout rollout) {
    for (String variant : change.deregister()) {
      gateway.deregister(endpointName, variant);
      rollout.deregistered(variant);
    }
    ModelEndpointSpec.Autoscaling wanted = change.settings();
    for (String variant : change.register()) {
      rollout.registering(variant);
      gateway.register(endpointName, variant, wanted.minInstances, wanted.maxInstances);
      gateway.putTargetTracking(endpointName, variant, wanted.targetInvocationsPerInstance,
          scaleInCooldown(wanted), scaleOutCooldown(wanted));
    }
    rollout.autoscalingSet(change.signature());
  }


  void removeAll(String endpointName, EndpointRollout rollout) {
    for (String variant : new ArrayList<>(rollout.autoscaledVariants)) {
      gateway.deregister(endpointName, variant);
      rollout.deregistered(variant);
    }
    rollout.autoscalingSet(null);
  }

  private static String signature(ModelEndpointSpec.Autoscaling a) {
    return a.minInstances + "-" + a.maxInstances + "/" + a.targetInvocationsPerInstance + "/"
        + scaleInCooldown(a) + "/" + scaleOutCooldown(a);
  }

  private static int scaleInCooldown(ModelEndpointSpec.Autoscaling a) {
    return Objects.requireNonNullElse(a.scaleInCooldownSeconds,
        DEFAULTS.scaleInCooldownSeconds);
  }

  private static int scaleOutCooldown(ModelEndpointSpec.Autoscaling a) {
    return Objects.requireNonNullElse(a.scaleOutCooldownSeconds,
        DEFAULTS.scaleOutCooldownSeconds);
  }
}
