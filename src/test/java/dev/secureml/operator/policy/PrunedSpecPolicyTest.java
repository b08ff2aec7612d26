package dev.secureml.operator.policy;

import static dev.secureml.operator.policy.Fixtures.FRAUD_NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine on specs with random parts removed or set to null, as an unvalidated API server
 * could hand them over: it never throws, and it never admits a spec its schema refuses.
 */
class PrunedSpecPolicyTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final int ROUNDS = 150;
  // Explicit nulls survive into the Java objects, overriding field defaults such as tags = {}.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SecureTrainingJob", "ModelEndpoint", "DataQualityMonitor",
      "CompliancePolicy"})
  void neverThrowsAndNeverAdmitsWhatTheSchemaRefuses(String kind) {
    Random random = new Random(kind.hashCode());
    for (int round = 0; round < ROUNDS; round++) {
      List<String> pruned = new ArrayList<>();
      ObjectNode tree = MAPPER.valueToTree(baseSpec(kind));
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        pruned.add(prune(tree, random));
      }
      String what = kind + " with " + pruned;
      Function<Class<?>, Object> spec = type -> MAPPER.convertValue(tree, type);
      assertThatCode(() -> {
        Decision<?> d = evaluate(kind, spec);
        if (d.allowed()) {
          assertThat(d.violations()).extracting(Violation::rule).as(what)
              .doesNotContain(PolicyEngine.SCHEMA_VIOLATION);
        }
      }).as(what).doesNotThrowAnyException();
    }
  }

  private static Object baseSpec(String kind) {
    return switch (kind) {
      case "SecureTrainingJob" -> Fixtures.job(j -> Fixtures.spot(j)).getSpec();
      case "ModelEndpoint" -> Fixtures.endpoint().getSpec();
      case "DataQualityMonitor" -> Fixtures.monitor(m -> {
        m.onDrift = new DataQualityMonitorSpec.OnDrift();
        m.onDrift.retrain = new DataQualityMonitorSpec.Retrain();
        m.onDrift.retrain.template = MAPPER.convertValue(Fixtures.job().getSpec(),
            TrainingJobTemplateSpec.class);
      }).getSpec();
      default -> Fixtures.policy(p -> p.rules.add(Fixtures.rule("r", "true", "m"))).getSpec();
    };
  }

  private static Decision<?> evaluate(String kind, Function<Class<?>, Object> spec) {
    switch (kind) {
      case "SecureTrainingJob" -> {
        SecureTrainingJob job = Fixtures.job();
        job.setSpec((SecureTrainingJobSpec) spec.apply(SecureTrainingJobSpec.class));
        return ENGINE.evaluateTrainingJob(job, FRAUD_NS, List.of(Fixtures.policy()));
      }
      case "ModelEndpoint" -> {
        ModelEndpoint endpoint = Fixtures.endpoint();
        endpoint.setSpec((ModelEndpointSpec) spec.apply(ModelEndpointSpec.class));
        return ENGINE.evaluateModelEndpoint(endpoint, FRAUD_NS, List.of(Fixtures.policy()));
      }
      case "DataQualityMonitor" -> {
        DataQualityMonitor monitor = Fixtures.monitor();
        monitor.setSpec((DataQualityMonitorSpec) spec.apply(DataQualityMonitorSpec.class));
        return ENGINE.evaluateDataQualityMonitor(monitor, FRAUD_NS, List.of(Fixtures.policy()));
      }
      default -> {
        CompliancePolicy policy = Fixtures.policy();
        policy.setSpec((dev.secureml.operator.api.CompliancePolicySpec)
            spec.apply(dev.secureml.operator.api.CompliancePolicySpec.class));
        ENGINE.validatePolicy(policy);
        return ENGINE.evaluateTrainingJob(Fixtures.job(), FRAUD_NS, List.of(policy));
      }
    }
  }

  /** Removes, or sets to null, one node anywhere in the tree; says which. */
  private static String prune(ObjectNode root, Random random) {
    List<JsonNode> parents = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    collect(root, "spec", parents, keys, paths);
    if (paths.isEmpty()) {
      return "(nothing left)";
    }
    int pick = random.nextInt(paths.size());
    boolean toNull = random.nextBoolean();
    if (parents.get(pick) instanceof ObjectNode o) {
      if (toNull) {
        o.putNull((String) keys.get(pick));
      } else {
        o.remove((String) keys.get(pick));
      }
    } else if (toNull) {
      ((ArrayNode) parents.get(pick)).setNull((Integer) keys.get(pick));
    } else {
      ((ArrayNode) parents.get(pick)).remove((Integer) keys.get(pick));
    }
    return (toNull ? "null " : "removed ") + paths.get(pick);
  }

  private static void collect(JsonNode node, String path, List<JsonNode> parents,
      List<Object> keys, List<String> paths) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        parents.add(node);
        keys.add(e.getKey());
        paths.add(path + "." + e.getKey());
        collect(e.getValue(), path + "." + e.getKey(), parents, keys, paths);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        parents.add(node);
        keys.add(i);
        paths.add(path + "[" + i + "]");
        collect(node.get(i), path + "[" + i + "]", parents, keys, paths);
      }
    }
  }
}
