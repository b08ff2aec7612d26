package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.KubernetesNames;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.sagemaker.ResolvedModel;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns each variant's model source into an image and a model artifact: explicit, or taken from
 * a Completed SecureTrainingJob in the same namespace. Once something was deployed, a job that
 * is absent, running or failed holds the variant on the model it serves already.
 */
final class ModelSourceResolver {
  /** The variant name SageMaker uses for the single-variant form. */
  static final String SINGLE_VARIANT = "AllTraffic";

  sealed interface Resolution permits Resolved, Waiting, Failed {}

  /**
   * @param hold null unless some variant keeps its deployed model because its job has none
   */
  record Resolved(Map<String, ResolvedModel> models, Hold hold) implements Resolution {}

  /**
   * @param message why the deployed model stays, e.g. "... while SecureTrainingJob x is Training"
   * @param sourceFailed a held variant's job will not produce a model (Failed, Rejected, ...)
   */
  record Hold(String message, boolean sourceFailed) {}

  /** @param jobState "SecureTrainingJob x is ..." when a job is the cause, else null */
  record Waiting(String message, String jobState) implements Resolution {}

  /** @param jobState "SecureTrainingJob x is ..." when a job is the cause, else null */
  record Failed(String message, String jobState) implements Resolution {}

  private final BiFunction<String, String, Optional<SecureTrainingJob>> trainingJobs;
  private final Function<ModelEndpoint, Map<String, ResolvedModel>> deployed;

  /**
   * @param trainingJobs looks a training job up by namespace and name (from a cache)
   * @param deployed the models an endpoint serves, by variant; asked only
   *     when a job has no model to offer
   */
  ModelSourceResolver(BiFunction<String, String, Optional<SecureTrainingJob>> trainingJobs,
      Function<ModelEndpoint, Map<String, ResolvedModel>> deployed) {
    this.trainingJobs = trainingJobs;
    this.deployed = deployed;
  }

  Resolution resolve(ModelEndpoint endpoint) {
    Map<String, ModelEndpointSpec.ModelSource> sources = sources(endpoint.getSpec());
    Map<String, ResolvedModel> models = new LinkedHashMap<>();
    Set<String> held = new LinkedHashSet<>();
    boolean sourceFailed = false;
    Map<String, ResolvedModel> serving = null;
    for (var entry : sources.entrySet()) {
      Resolution r = resolve(endpoint.getMetadata().getNamespace(), entry.getValue());
      if (r instanceof Resolved resolved) {
        models.put(entry.getKey(), resolved.models().get(""));
        continue;
      }
      String jobState = r instanceof Waiting w ? w.jobState() : ((Failed) r).jobState();
      if (jobState == null) {
        return r;
      }
      if (serving == null) {
        serving = deployed.apply(endpoint);
      }
      ResolvedModel last = serving.get(entry.getKey());
      if (last == null) {
        return r; // never deployed, or a variant that has no model yet
      }
      // The whole deployed model is held: a new image is rolled out with the new artifacts,
      // never paired with the old ones.
      models.put(entry.getKey(), last);
      held.add(jobState);
      sourceFailed |= r instanceof Failed;
    }
    Hold hold = held.isEmpty() ? null : new Hold("serving the last deployed model while "
        + String.join(" and ", held), sourceFailed);
    return new Resolved(models, hold);
  }

  /** Each variant's model source, by variant name. */
  private static Map<String, ModelEndpointSpec.ModelSource> sources(ModelEndpointSpec spec) {
    Map<String, ModelEndpointSpec.ModelSource> sources = new LinkedHashMap<>();
    if (spec.variants == null || spec.variants.isEmpty()) {
      sources.put(SINGLE_VARIANT, spec.model);
    } else {
      // A null entry (`- ~`) has nothing to resolve; the policy reports its missing fields.
      spec.variants.stream().filter(Objects::nonNull)
          .forEach(v -> sources.put(v.name, v.model != null ? v.model : spec.model));
    }
    return sources;
  }

  private Resolution resolve(String namespace, ModelEndpointSpec.ModelSource source) {
    if (source == null) {
      return new Failed("spec.model is required", null);
    }
    if (source.fromTrainingJob == null) {
      return new Resolved(Map.of("", new ResolvedModel(source.image, source.modelDataUrl)), null);
    }
    String name = source.fromTrainingJob;
    if (!KubernetesNames.isName(name)) {
      // The CRD schema refuses it first; never look up what could point outside the namespace.
      return new Failed("fromTrainingJob must name a SecureTrainingJob in namespace " + namespace,
          null);
    }
    Optional<SecureTrainingJob> found = trainingJobs.apply(namespace, name);
    if (found.isEmpty()) {
      return new Waiting("waiting for SecureTrainingJob " + name + ", which does not exist yet",
          "SecureTrainingJob " + name + " is absent");
    }
    SecureTrainingJob job = found.get();
    var status = job.getStatus();
    if (status != null && Phase.COMPLETED.value().equals(status.phase)
        && status.modelArtifacts != null) {
      String image = source.image != null ? source.image
          : job.getSpec() == null ? null : job.getSpec().image;
      if (image == null) {
        return new Failed("SecureTrainingJob " + name + " has no spec.image to serve its model "
            + "with; set spec.model.image", "SecureTrainingJob " + name + " has no image");
      }
      return new Resolved(Map.of("", new ResolvedModel(image, status.modelArtifacts)), null);
    }
    String phase = status == null || status.phase == null ? Phase.PENDING.value() : status.phase;
    if (status != null && Conditions.isTrue(status.conditions, Conditions.STALLED)) {
      String why = Conditions.find(status.conditions, Conditions.STALLED)
          .map(c -> c.getReason() + ": " + c.getMessage()).orElse("stalled");
      return new Failed("SecureTrainingJob " + name + " will not produce a model (" + why + ")",
          "SecureTrainingJob " + name + " is " + phase + " (" + why + ")");
    }
    return new Waiting("waiting for SecureTrainingJob " + name + " to complete (now " + phase
        + ")", "SecureTrainingJob " + name + " is " + phase);
  }
}
