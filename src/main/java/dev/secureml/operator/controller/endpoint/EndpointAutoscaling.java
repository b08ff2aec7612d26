package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps Application Auto Scaling in step with spec.autoscaling: registers every variant with a
 * target-tracking policy on invocations per instance, and deregisters what the spec dropped.
 */
final class EndpointAutoscaling {
  /** The CRD's defaults, for cooldowns a manifest set to null (the API server drops those). */
  private static final ModelEndpointSpec.Autoscaling DEFAULTS =
      new ModelEndpointSpec.Autoscaling();

  private final AutoscalingGateway gateway;

  EndpointAutoscaling(AutoscalingGateway gateway) {
    this.gateway = gateway;
  }

  /** Returns true when it changed anything. Call only while the endpoint is InService. */
  boolean sync(String endpointName, ModelEndpointSpec.Autoscaling wanted, List<String> variants,
      ModelEndpointStatus status) {
    String signature = wanted == null ? null : signature(wanted);
    List<String> desired = wanted == null ? List.of() : variants;
    boolean settingsChanged = signature != null && !signature.equals(status.autoscalingSignature);
    boolean changed = false;
    for (String variant : new ArrayList<>(status.autoscaledVariants)) {
      if (!desired.contains(variant)) {
        gateway.deregister(endpointName, variant);
        status.autoscaledVariants.remove(variant);
        changed = true;
      }
    }
    for (String variant : desired) {
      if (settingsChanged || !status.autoscaledVariants.contains(variant)) {
        // Recorded before the calls: a target registered by a pass whose policy call fails is
        // still deregistered on delete, and without a signature the next pass redoes them all.
        status.autoscalingSignature = null;
        if (!status.autoscaledVariants.contains(variant)) {
          status.autoscaledVariants.add(variant);
        }
        gateway.register(endpointName, variant, wanted.minInstances, wanted.maxInstances);
        gateway.putTargetTracking(endpointName, variant, wanted.targetInvocationsPerInstance,
            scaleInCooldown(wanted), scaleOutCooldown(wanted));
        changed = true;
      }
    }
    status.autoscalingSignature = signature;
    return changed;
  }

  void removeAll(String endpointName, ModelEndpointStatus status) {
    for (String variant : new ArrayList<>(status.autoscaledVariants)) {
      gateway.deregister(endpointName, variant);
      status.autoscaledVariants.remove(variant);
    }
    status.autoscalingSignature = null;
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
