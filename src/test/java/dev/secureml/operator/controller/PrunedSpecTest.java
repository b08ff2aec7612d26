package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.local.sandbox.TestManifests;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resources as an API server that validated nothing would hand them over: the examples of every
 * kind with random parts of their spec removed or set to null (and with no spec at all). None
 * may end in an InternalError, the sign of a NullPointerException in a controller; each gets a
 * status, and a resource without spec is Stalled with the missing field named.
 */
class PrunedSpecTest {
  private static final long SEED = 20260903L;
  private static final int PER_KIND = 10;
  private static final String GROUP_VERSION = "secureml.dev/v1alpha1";

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void prunedSpecsOfEveryKindGetAStatusAndNeverAnInternalError() {
    h = OperatorHarness.start().withExamplePolicy();
    Random random = new Random(SEED);
    Map<String, String> created = new LinkedHashMap<>(); // "Kind/name" -> what was pruned
    List<HasMetadata> examples = List.of(TestManifests.compliantJob("stj"),
        TestManifests.exampleEndpoint("mep"), TestManifests.exampleMonitor("dqm"));
    for (HasMetadata example : examples) {
      ObjectNode base = Serialization.jsonMapper().valueToTree(example);
      String prefix = example.getMetadata().getName();
      create(withSpec(base, prefix + "-nospec", null), created, "no spec");
      create(withSpec(base, prefix + "-nullspec", Serialization.jsonMapper().nullNode()),
          created, "spec: null");
      for (int i = 0; i < PER_KIND; i++) {
        ObjectNode copy = withSpec(base, prefix + "-pruned-" + i, base.get("spec").deepCopy());
        List<String> pruned = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          pruned.add(prune((ObjectNode) copy.get("spec"), "spec", random));
        }
        create(copy, created, String.join(", ", pruned));
      }
    }

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> created.forEach((ref, pruned) ->
            assertThat(readyCondition(ref)).as(ref + " (" + pruned + ") has a Ready condition")
                .isPresent()));
    // Give retries and second passes time to fail, if they would.
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

    created.forEach((ref, pruned) -> {
      assertThat(readyCondition(ref).orElseThrow().getReason())
          .as(ref + " (" + pruned + ")").isNotEqualTo(InternalErrors.REASON);
      assertThat(h.eventReasons(ref.split("/")[1])).as(ref + " (" + pruned + ") events")
          .doesNotContain(InternalErrors.REASON);
    });
    for (String prefix : List.of("stj", "mep", "dqm")) {
      for (String variant : List.of("-nospec", "-nullspec")) {
        String ref = created.keySet().stream().filter(r -> r.endsWith("/" + prefix + variant))
            .findFirst().orElseThrow();
        Condition stalled = condition(ref, Conditions.STALLED).orElseThrow();
        assertThat(stalled.getStatus()).as(ref).isEqualTo("True");
        assertThat(stalled.getReason()).as(ref).isEqualTo(SchemaGate.REASON);
        assertThat(stalled.getMessage()).as(ref).endsWith("spec: Required value");
      }
    }
  }

  private static ObjectNode withSpec(ObjectNode base, String name, JsonNode spec) {
    ObjectNode copy = base.deepCopy();
    copy.remove("status");
    ObjectNode meta = (ObjectNode) copy.get("metadata");
    meta.put("name", name);
    meta.put("namespace", TestManifests.NAMESPACE);
    if (spec == null) {
      copy.remove("spec");
    } else {
      copy.set("spec", spec);
    }
    return copy;
  }

  /** Removes, or sets to null, one node anywhere under the spec; says which. */
  private static String prune(ObjectNode spec, String path, Random random) {
    List<String> paths = new ArrayList<>();
    List<JsonNode> parents = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    collect(spec, path, paths, parents, keys);
    if (paths.isEmpty()) {
      return "(nothing left)";
    }
    int pick = random.nextInt(paths.size());
    boolean toNull = random.nextBoolean();
    JsonNode parent = parents.get(pick);
    if (parent instanceof ObjectNode o) {
      if (toNull) {
        o.putNull((String) keys.get(pick));
      } else {
        o.remove((String) keys.get(pick));
      }
    } else if (toNull) {
      ((ArrayNode) parent).setNull((Integer) keys.get(pick));
    } else {
      ((ArrayNode) parent).remove((Integer) keys.get(pick));
    }
    return (toNull ? "null " : "removed ") + paths.get(pick);
  }

  private static void collect(JsonNode node, String path, List<String> paths,
      List<JsonNode> parents, List<Object> keys) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        paths.add(path + "." + e.getKey());
        parents.add(node);
        keys.add(e.getKey());
        collect(e.getValue(), path + "." + e.getKey(), paths, parents, keys);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        paths.add(path + "[" + i + "]");
        parents.add(node);
        keys.add(i);
        collect(node.get(i), path + "[" + i + "]", paths, parents, keys);
      }
    }
  }

  private void create(ObjectNode object, Map<String, String> created, String what) {
    GenericKubernetesResource generic =
        Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
    h.client.genericKubernetesResources(GROUP_VERSION, generic.getKind())
        .inNamespace(TestManifests.NAMESPACE).resource(generic).create();
    created.put(generic.getKind() + "/" + generic.getMetadata().getName(), what);
  }

  private Optional<Condition> readyCondition(String ref) {
    return condition(ref, Conditions.READY);
  }

  private Optional<Condition> condition(String ref, String type) {
    String[] kindAndName = ref.split("/");
    GenericKubernetesResource r = h.client.genericKubernetesResources(GROUP_VERSION,
        kindAndName[0]).inNamespace(TestManifests.NAMESPACE).withName(kindAndName[1]).get();
    if (r == null || !(r.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return Optional.empty();
    }
    return conditions.stream()
        .map(c -> Serialization.jsonMapper().convertValue(c, Condition.class))
        .filter(c -> type.equals(c.getType())).findFirst();
  }
}
