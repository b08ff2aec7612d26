package dev.secureml.operator.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec.ProcessingResources;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the CEL variables {@code spec}, {@code metadata}, {@code kind}, {@code apiVersion} for a
 * resource.
 *
 * <p>Defaults are filled in before evaluation so that rules can say {@code spec.spot.enabled}
 * without first writing {@code has(spec.spot)}: a user who omits {@code spot} means "no spot",
 * and a rule must see exactly that rather than fail with "no such key". Numbers are normalised
 * to the types CEL-Java expects (Long for int, Double for double).
 */
final class CelInput {
  // Plain mapper: the spec classes are simple public-field beans. Thread-safe once configured.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private CelInput() {}

  static Map<String, Object> forTrainingJob(SecureTrainingJob job) {
    Map<String, Object> spec = specWithCommonDefaults(job.getSpec());
    trainingDefaults(spec);
    return variables(job, SecureTrainingJob.KIND, spec);
  }

  /** A training job's spec or a retrain template: spot off, no security overrides, 1 x 30 GB. */
  private static void trainingDefaults(Map<String, Object> spec) {
    childMap(spec, "environment");
    Map<String, Object> spot = childMap(spec, "spot");
    spot.putIfAbsent("enabled", false);
    childMap(spec, "security");
    childMap(spec, "hyperparameters");
    spec.putIfAbsent("inputs", new ArrayList<>());
    Map<String, Object> resources = childMap(spec, "resources");
    resources.putIfAbsent("instanceCount", 1L);
    resources.putIfAbsent("volumeSizeGB", 30L);
  }

  /**
   * A DataQualityMonitor's variables. Defaults: {@code schedule} hourly, {@code engine} Builtin,
   * {@code thresholds} and {@code resources} with the CRD's defaults (filled in whatever the
   * engine, so a rule can test {@code spec.resources.instanceType} without {@code has()}),
   * {@code baseline.header} true and {@code baseline.excludeColumns} empty, and {@code onDrift}
   * an empty map.
   *
   * <p>{@code onDrift.retrain} stays absent when the monitor does not retrain (test it with
   * {@code has(spec.onDrift.retrain)}); a present template gets a training job's defaults. The
   * template is also judged as the SecureTrainingJob it becomes, under rules for that kind.
   */
  static Map<String, Object> forDataQualityMonitor(DataQualityMonitor monitor) {
    Map<String, Object> spec = specWithCommonDefaults(monitor.getSpec());
    spec.putIfAbsent("schedule", "hourly");
    spec.putIfAbsent("engine", "Builtin");
    Map<String, Object> baseline = childMap(spec, "baseline");
    baseline.putIfAbsent("header", true);
    baseline.putIfAbsent("excludeColumns", new ArrayList<>());
    Map<String, Object> thresholds = childMap(spec, "thresholds");
    thresholds.putIfAbsent("drift", 0.1);
    thresholds.putIfAbsent("comparisonMethod", "Robust");
    thresholds.putIfAbsent("completeness", 0.0);
    thresholds.putIfAbsent("dataType", 0.1);
    thresholds.putIfAbsent("categoricalDomain", 0.1);
    Map<String, Object> resources = childMap(spec, "resources");
    resources.putIfAbsent("instanceType", ProcessingResources.DEFAULT_INSTANCE_TYPE);
    resources.putIfAbsent("volumeSizeGB", (long) ProcessingResources.DEFAULT_VOLUME_SIZE_GB);
    resources.putIfAbsent("maxRuntime", ProcessingResources.DEFAULT_MAX_RUNTIME);
    Map<String, Object> onDrift = childMap(spec, "onDrift");
    if (onDrift.get("retrain") instanceof Map<?, ?>) {
      Map<String, Object> retrain = childMap(onDrift, "retrain");
      childMap(retrain, "labels");
      Map<String, Object> template = childMap(retrain, "template");
      childMap(template, "tags");
      template.putIfAbsent("deletionPolicy", "Delete");
      trainingDefaults(template);
    }
    return variables(monitor, DataQualityMonitor.KIND, spec);
  }

  /**
   * A ModelEndpoint's variables. Defaults: {@code instanceCount} 1, {@code variants} an empty
   * list (each variant's {@code instanceCount} 1 and {@code weight} 1.0; a variant without its
   * own {@code model} keeps it absent, because it serves {@code spec.model}), {@code model} an
   * empty map when missing, and {@code dataCapture} {@code {enabled: false}} when absent (a
   * present block defaults to {@code enabled: true}, {@code samplingPercentage: 100}).
   *
   * <p>{@code autoscaling} stays absent when the endpoint has none: there is no neutral value
   * for minInstances and maxInstances to fill in, so rules test it with
   * {@code !has(spec.autoscaling) || spec.autoscaling.maxInstances <= 4}. A present block gets
   * its cooldown defaults (300 and 60 seconds).
   */
  static Map<String, Object> forModelEndpoint(ModelEndpoint endpoint) {
    Map<String, Object> spec = specWithCommonDefaults(endpoint.getSpec());
    childMap(spec, "environment");
    childMap(spec, "model");
    spec.putIfAbsent("instanceCount", 1L);
    spec.putIfAbsent("variants", new ArrayList<>());
    if (spec.get("variants") instanceof List<?> variants) {
      for (Object v : variants) {
        if (v instanceof Map<?, ?>) {
          @SuppressWarnings("unchecked")
          Map<String, Object> variant = (Map<String, Object>) v;
          variant.putIfAbsent("instanceCount", 1L);
          variant.putIfAbsent("weight", 1.0);
        }
      }
    }
    boolean capturing = spec.get("dataCapture") instanceof Map<?, ?>;
    Map<String, Object> capture = childMap(spec, "dataCapture");
    capture.putIfAbsent("enabled", capturing);
    if (capturing) {
      capture.putIfAbsent("samplingPercentage", 100L);
    }
    if (spec.get("autoscaling") instanceof Map<?, ?>) {
      Map<String, Object> autoscaling = childMap(spec, "autoscaling");
      autoscaling.putIfAbsent("scaleInCooldownSeconds", 300L);
      autoscaling.putIfAbsent("scaleOutCooldownSeconds", 60L);
    }
    return variables(endpoint, ModelEndpoint.KIND, spec);
  }

  /** The spec as CEL values, with the defaults every kind shares: tags and deletion policy. */
  private static Map<String, Object> specWithCommonDefaults(Object resourceSpec) {
    Map<String, Object> spec = toMap(resourceSpec);
    childMap(spec, "tags");
    spec.putIfAbsent("deletionPolicy", "Delete");
    return spec;
  }

  private static Map<String, Object> variables(HasMetadata resource, String kind,
      Map<String, Object> spec) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("spec", spec);
    vars.put("metadata", metadata(resource.getMetadata()));
    vars.put("kind", resource.getKind() != null ? resource.getKind() : kind);
    vars.put("apiVersion", resource.getApiVersion() != null ? resource.getApiVersion() : "");
    return vars;
  }

  private static Map<String, Object> metadata(ObjectMeta meta) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", meta == null || meta.getName() == null ? "" : meta.getName());
    m.put("namespace", meta == null || meta.getNamespace() == null ? "" : meta.getNamespace());
    m.put("labels", meta == null || meta.getLabels() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels()));
    m.put("annotations", meta == null || meta.getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations()));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(Object spec) {
    if (spec == null) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> raw = MAPPER.convertValue(spec, LinkedHashMap.class);
    return (Map<String, Object>) normalize(raw);
  }

  /** Returns the map under key, creating an empty one when absent or null. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> childMap(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }

  /** Recursively converts Jackson's numbers to CEL's: int/long -> Long, float -> Double. */
  private static Object normalize(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> {
        if (val != null) {
          out.put(String.valueOf(k), normalize(val));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(normalize(x)));
      return out;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return b.longValue();
    }
    if (v instanceof Float || v instanceof BigDecimal) {
      return ((Number) v).doubleValue();
    }
    return v;
  }
}
