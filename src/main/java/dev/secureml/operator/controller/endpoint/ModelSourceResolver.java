package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.sagemaker.ResolvedModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns each variant's model source into an image and a model artifact: explicit, or taken from
 * a Completed SecureTrainingJob in the same namespace.
 */
final class ModelSourceResolver {
  /** The variant name SageMaker uses for the single-variant form. */
  static final String SINGLE_VARIANT = "AllTraffic";

  sealed interface Resolution permits Resolved, Waiting, Failed {}

  record Resolved(Map<String, ResolvedModel> models) implements Resolution {}

  record Waiting(String message) implements Resolution {}

  record Failed(String message) implements Resolution {}

  private final BiFunction<String, String, Optional<SecureTrainingJob>> trainingJobs;

  /**
   * @param trainingJobs looks a training job up by namespace and name (from a cache)
   */
  ModelSourceResolver(BiFunction<String, String, Optional<SecureTrainingJob>> trainingJobs) {
    this.trainingJobs = trainingJobs;
  }

  Resolution resolve(ModelEndpoint endpoint) {
    ModelEndpointSpec spec = endpoint.getSpec();
    Map<String, ModelEndpointSpec.ModelSource> sources = new LinkedHashMap<>();
    if (spec.variants == null || spec.variants.isEmpty()) {
      sources.put(SINGLE_VARIANT, spec.model);
    } else {
      spec.variants.forEach(v -> sources.put(v.name, v.model != null ? v.model : spec.model));
    }
    Map<String, ResolvedModel> models = new LinkedHashMap<>();
    for (var entry : sources.entrySet()) {
      Resolution r = resolve(endpoint.getMetadata().getNamespace(), entry.getValue());
      if (!(r instanceof Resolved resolved)) {
        return r;
      }
      models.put(entry.getKey(), resolved.models().get(""));
    }
    return new Resolved(models);
  }

  private Resolution resolve(String namespace, ModelEndpointSpec.ModelSource source) {
    if (source == null) {
      return new Failed("spec.model is required");
    }
    if (source.fromTrainingJob == null) {
      return new Resolved(Map.of("", new ResolvedModel(source.image, source.modelDataUrl)));
    }
    String name = source.fromTrainingJob;
    Optional<SecureTrainingJob> found = trainingJobs.apply(namespace, name);
    if (found.isEmpty()) {
      return new Waiting("waiting for SecureTrainingJob " + name + ", which does not exist yet");
    }
    SecureTrainingJob job = found.get();
    var status = job.getStatus();
    if (status != null && "Completed".equals(status.phase) && status.modelArtifacts != null) {
      String image = source.image != null ? source.image : job.getSpec().image;
      return new Resolved(Map.of("", new ResolvedModel(image, status.modelArtifacts)));
    }
    if (status != null && Conditions.isTrue(status.conditions, Conditions.STALLED)) {
      String why = Conditions.find(status.conditions, Conditions.STALLED)
          .map(c -> c.getReason() + ": " + c.getMessage()).orElse("stalled");
      return new Failed("SecureTrainingJob " + name + " will not produce a model (" + why + ")");
    }
    return new Waiting("waiting for SecureTrainingJob " + name + " to complete (now "
        + (status == null || status.phase == null ? "Pending" : status.phase) + ")");
  }
}
