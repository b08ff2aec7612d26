package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.ModelEndpointSpec.Autoscaling;
import dev.secureml.operator.api.ModelEndpointSpec.ModelSource;
import dev.secureml.operator.policy.ResourceRules.InstanceLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ModelEndpoint's checks: required fields, model sources, variant names, hosting instances,
 * autoscaling, images and S3 locations. Classification, tags and custom rules are shared with
 * training and applied by the engine.
 *
 * <p>The single-variant form ({@code spec.instanceType}, {@code spec.instanceCount}) and
 * {@code spec.variants[]} are checked alike; when variants are given the single-variant fields
 * are ignored, as the CRD documents, and violations name the variant's own fields.
 */
final class ModelEndpointRules {
  static final String MODEL_SOURCE_HINT = "set either fromTrainingJob, or image and modelDataUrl";

  /**
   * One production variant as the rules see it.
   *
   * @param path {@code spec} for the single-variant form, else {@code spec.variants[i]}
   * @param instanceCount the count, 1 when omitted (the CRD default)
   */
  record Variant(String path, String name, String instanceType, int instanceCount) {}

  /** A model source and where it stands: {@code spec.model} or a variant's own model. */
  record Source(String path, ModelSource model) {}

  private ModelEndpointRules() {}

  static List<Variant> variants(ModelEndpointSpec spec) {
    List<Variant> out = new ArrayList<>();
    if (spec.variants == null || spec.variants.isEmpty()) {
      out.add(new Variant("spec", null, spec.instanceType, count(spec.instanceCount)));
      return out;
    }
    for (int i = 0; i < spec.variants.size(); i++) {
      ModelEndpointSpec.Variant v = spec.variants.get(i);
      if (v == null) {
        v = new ModelEndpointSpec.Variant();
      }
      out.add(new Variant("spec.variants[" + i + "]", v.name, v.instanceType,
          count(v.instanceCount)));
    }
    return out;
  }

  /** {@code spec.model}, then each variant's own model, in variant order. */
  static List<Source> sources(ModelEndpointSpec spec) {
    List<Source> out = new ArrayList<>();
    if (spec.model != null) {
      out.add(new Source("spec.model", spec.model));
    }
    for (int i = 0; spec.variants != null && i < spec.variants.size(); i++) {
      ModelEndpointSpec.Variant v = spec.variants.get(i);
      if (v != null && v.model != null) {
        out.add(new Source("spec.variants[" + i + "].model", v.model));
      }
    }
    return out;
  }

  /**
   * Fields the CRD schema requires. Without them there is nothing to deploy, so they deny even
   * under Audit (as for training).
   */
  static List<Violation> missingFields(ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec.model == null) {
      out.add(ResourceRules.missing("spec.model"));
    }
    for (Variant v : variants(spec)) {
      if (v.path().equals("spec")) {
        if (ResourceRules.blank(v.instanceType())) {
          out.add(new Violation("spec.instanceType", "MissingField", "spec.instanceType is "
              + "required unless spec.variants lists the variants"));
        }
      } else {
        ResourceRules.require(out, v.path() + ".name", v.name());
        ResourceRules.require(out, v.path() + ".instanceType", v.instanceType());
      }
    }
    Autoscaling a = spec.autoscaling;
    if (a != null) {
      requireNumber(out, "spec.autoscaling.minInstances", a.minInstances);
      requireNumber(out, "spec.autoscaling.maxInstances", a.maxInstances);
      requireNumber(out, "spec.autoscaling.targetInvocationsPerInstance",
          a.targetInvocationsPerInstance);
    }
    if (spec.dataCapture != null) {
      ResourceRules.require(out, "spec.dataCapture.destinationS3Uri",
          spec.dataCapture.destinationS3Uri);
    }
    ResourceRules.require(out, "spec.dataClassification", spec.dataClassification);
    return out;
  }

  /**
   * Each model source names exactly one model: a training job (whose image it may replace), or
   * an image with its model data. The same rule as the CRD's. Denies even under Audit: with
   * neither there is no model, with both it is not clear which one is meant.
   */
  static List<Violation> modelSources(ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    for (Source s : sources(spec)) {
      boolean job = !ResourceRules.blank(s.model().fromTrainingJob);
      boolean image = !ResourceRules.blank(s.model().image);
      boolean data = !ResourceRules.blank(s.model().modelDataUrl);
      if (job == (image && data)) {
        String what = job ? "sets fromTrainingJob together with image and modelDataUrl"
            : image ? "sets image without modelDataUrl"
            : data ? "sets modelDataUrl without image"
            : "names no model";
        out.add(new Violation(s.path(), "InvalidModelSource",
            s.path() + " " + what + ": " + MODEL_SOURCE_HINT));
      }
    }
    return out;
  }

  /** Variant names become SageMaker's ProductionVariant names, unique in an EndpointConfig. */
  static List<Violation> variantNames(ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    Map<String, String> first = new HashMap<>();
    for (Variant v : variants(spec)) {
      if (v.name() == null) {
        continue;
      }
      String earlier = first.putIfAbsent(v.name(), v.path());
      if (earlier != null) {
        out.add(new Violation(v.path() + ".name", "DuplicateVariant", "variant name " + v.name()
            + " is already used by " + earlier + "; variant names must be unique"));
      }
    }
    return out;
  }

  /**
   * Every variant's instance type and count against the hosting limits, then the autoscaling
   * maximum (the most instances a variant can reach).
   */
  static List<Violation> instances(CompliancePolicySpec policy, ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    InstanceLimits limits = InstanceLimits.hosting(policy);
    for (Variant v : variants(spec)) {
      ResourceRules.instanceType(out, limits, v.path() + ".instanceType", v.instanceType());
      ResourceRules.instanceCount(out, limits, v.path() + ".instanceCount", v.instanceCount());
    }
    if (spec.autoscaling != null && spec.autoscaling.maxInstances != null) {
      ResourceRules.maxCount(out, limits, "spec.autoscaling.maxInstances",
          "autoscaling maxInstances", spec.autoscaling.maxInstances);
    }
    return out;
  }

  /**
   * Bounds of at least 1, minInstances not above maxInstances, and every variant's initial
   * count inside the range (Application Auto Scaling would otherwise move it at once, or refuse
   * the scalable target).
   */
  static List<Violation> autoscaling(ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    Autoscaling a = spec.autoscaling;
    if (a == null) {
      return out;
    }
    boolean valid = atLeastOne(out, "minInstances", a.minInstances)
        & atLeastOne(out, "maxInstances", a.maxInstances);
    atLeastOne(out, "targetInvocationsPerInstance", a.targetInvocationsPerInstance);
    if (!valid || a.minInstances == null || a.maxInstances == null) {
      return out;
    }
    if (a.minInstances > a.maxInstances) {
      out.add(new Violation("spec.autoscaling.minInstances", "InvalidAutoscaling",
          "autoscaling.minInstances " + a.minInstances + " exceeds autoscaling.maxInstances "
              + a.maxInstances));
      return out;
    }
    for (Variant v : variants(spec)) {
      int count = v.instanceCount();
      // A count below 1 is already InvalidInstanceCount.
      if (count >= 1 && (count < a.minInstances || count > a.maxInstances)) {
        out.add(new Violation(v.path() + ".instanceCount", "InvalidAutoscaling",
            "instance count " + count + " is outside the autoscaling range of minInstances "
                + a.minInstances + " to maxInstances " + a.maxInstances));
      }
    }
    return out;
  }

  /** Images of every model source; a training job's image was checked with the job. */
  static List<Violation> images(CompliancePolicySpec policy, ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    for (Source s : sources(spec)) {
      ResourceRules.image(out, policy, s.path() + ".image", s.model().image);
    }
    return out;
  }

  /** Model data of every model source, then the data capture destination. */
  static List<Violation> s3Locations(CompliancePolicySpec policy, ModelEndpointSpec spec) {
    List<Violation> out = new ArrayList<>();
    for (Source s : sources(spec)) {
      ResourceRules.s3Location(out, policy, s.path() + ".modelDataUrl", s.model().modelDataUrl);
    }
    if (spec.dataCapture != null) {
      ResourceRules.s3Location(out, policy, "spec.dataCapture.destinationS3Uri",
          spec.dataCapture.destinationS3Uri);
    }
    return out;
  }

  /** Instance types of every variant, for the EndpointConfig's volume key. */
  static List<String> instanceTypes(ModelEndpointSpec spec) {
    return variants(spec).stream().map(Variant::instanceType).toList();
  }

  private static boolean atLeastOne(List<Violation> out, String field, Integer value) {
    if (value != null && value < 1) {
      out.add(new Violation("spec.autoscaling." + field, "InvalidAutoscaling",
          "autoscaling." + field + " " + value + " must be at least 1"));
      return false;
    }
    return true;
  }

  private static void requireNumber(List<Violation> out, String field, Integer value) {
    if (value == null) {
      out.add(ResourceRules.missing(field));
    }
  }

  private static int count(Integer count) {
    return count == null ? 1 : count;
  }
}
