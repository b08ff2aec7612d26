package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.policy.ResolvedHostingSettings;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * For random and adversarial namespaces (DNS-1123 labels up to 63 characters), names
 * (DNS-1123 subdomains up to 253, dots included) and uids, the operator's mappers never give two
 * custom resources the same SageMaker name of any kind, and every name fits SageMaker's pattern
 * and 63 characters. Every endpoint has the same spec and its two variants the same model, so
 * the owner is all that tells their parts apart. Seeded: a failure replays.
 */
class SageMakerNamesPropertyTest {
  private static final long SEED = 20_261_203L;
  private static final int RANDOM_OWNERS = 3_000;
  private static final int ADVERSARIAL_PAIRS = 3_000;
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String LABEL_CHARS = ALNUM + "-";
  private static final ResolvedModel MODEL = new ResolvedModel(
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/sklearn:1.2",
      "s3://mkt-models/churn/v1/model.tar.gz");

  private final Random random = new Random(SEED);
  private final ModelEndpoint endpoint = Golden.readYaml(Golden.ROOT.resolve(
      "hosting/canary-two-variants/endpoint.yaml"), ModelEndpoint.class);
  private final ResolvedHostingSettings hosting = Golden.readYaml(Golden.ROOT.resolve(
      "hosting/canary-two-variants/settings.yaml"), ResolvedHostingSettings.class);
  private final DataQualityMonitor monitor = Golden.readYaml(Golden.ROOT.resolve(
      "create-data-quality-monitor/basic/monitor.yaml"), DataQualityMonitor.class);
  private final ResolvedMonitorSettings monitoring = Golden.readYaml(Golden.ROOT.resolve(
      "create-data-quality-monitor/basic/settings.yaml"), ResolvedMonitorSettings.class);
  /** Per kind: lower-case name (SageMaker compares names without case) -> its owner. */
  private final Map<String, Map<String, ResourceOwner>> seen = new HashMap<>();

  @Test
  void noTwoCustomResourcesEverGetTheSameNameOfAnyKind() {
    List<ResourceOwner> owners = new ArrayList<>();
    for (int i = 0; i < RANDOM_OWNERS; i++) {
      owners.add(new ResourceOwner(namespace(), subdomain(1 + random.nextInt(253)), uid()));
    }
    for (int i = 0; i < ADVERSARIAL_PAIRS; i++) {
      owners.addAll(adversarialPair(i % 6));
    }
    // Variant names that cut to the same label, so one endpoint's Models differ by hash alone.
    String variant = label(30 + random.nextInt(30));
    List<String> variants = List.of(variant + "a", variant + "b");

    owners.forEach(owner -> record(owner, variants));

    assertThat(seen.get("model")).hasSize(2 * owners.size());
    assertThat(seen.get("endpoint-config")).hasSize(owners.size());
  }

  private void record(ResourceOwner owner, List<String> variants) {
    String main = SageMakerNames.forResource(owner);
    for (String kind : List.of("training-job", "endpoint")) {
      unique(kind, main, owner);
    }
    HostingPlan plan = plan(owner, main, variants);
    plan.modelNames().forEach(m -> unique("model", m, owner));
    unique("endpoint-config", plan.endpointConfigName(), owner);
    monitor.getMetadata().setNamespace(owner.namespace());
    monitor.getMetadata().setName(owner.name());
    unique("monitoring-schedule", MonitoringRequestMapper.scheduleName(monitor, owner.uid()),
        owner);
    unique("data-quality-job-definition", MonitoringRequestMapper.toJobDefinitionRequest(monitor,
        monitoring, main, "s3://b/constraints.json", "s3://b/statistics.json", owner.uid())
        .jobDefinitionName(), owner);
    for (String v : variants) {
      // A scaling policy is named within its scalable target, whose id holds the endpoint.
      String policy = AutoscalingGateway.policyName(v);
      assertThat(policy.length()).as(policy).isLessThanOrEqualTo(256);
      seen.computeIfAbsent("scaling-policy", k -> new HashMap<>()).merge(
          AutoscalingGateway.resourceId(main, v) + " " + policy, owner, (a, b) -> fail(
              "scaling policy " + policy + " shared by " + a + " and " + b));
    }
  }

  private HostingPlan plan(ResourceOwner owner, String endpointName, List<String> variants) {
    endpoint.getMetadata().setNamespace(owner.namespace());
    endpoint.getMetadata().setName(owner.name());
    endpoint.getMetadata().setUid(owner.uid());
    endpoint.getSpec().variants.get(0).name = variants.get(0);
    endpoint.getSpec().variants.get(1).name = variants.get(1);
    endpoint.getSpec().variants.get(1).model = null;
    Map<String, ResolvedModel> models = new LinkedHashMap<>();
    variants.forEach(v -> models.put(v, MODEL));
    return HostingPlanner.plan(endpoint, endpointName, models, hosting);
  }

  private void unique(String kind, String name, ResourceOwner owner) {
    if (!SageMakerNames.isValid(name) || name.length() > SageMakerNames.MAX_LENGTH) {
      fail(kind + " name " + name + " of " + owner + " is not a valid SageMaker name");
    }
    ResourceOwner before = seen.computeIfAbsent(kind, k -> new HashMap<>())
        .putIfAbsent(name.toLowerCase(Locale.ROOT), owner);
    if (before != null) {
      fail(kind + " name " + name + " given to both " + before + " and " + owner);
    }
  }

  /** Two owners whose names look alike in one of the ways that cut names collide. */
  private List<ResourceOwner> adversarialPair(int how) {
    String ns = random.nextBoolean() ? label(63) : namespace();
    String name = subdomain(200 + random.nextInt(54));
    return switch (how) {
      // Differ only in their last character, far beyond any cut.
      case 0 -> List.of(new ResourceOwner(ns, name, uid()),
          new ResourceOwner(ns, lastCharChanged(name), uid()));
      // The blue and green: a long common prefix, different short suffixes.
      case 1 -> {
        String prefix = subdomain(40 + random.nextInt(150)) + "-";
        yield List.of(new ResourceOwner(ns, prefix + "blue", uid()),
            new ResourceOwner(ns, prefix + "green", uid()));
      }
      // The same text split differently between namespace and name.
      case 2 -> {
        String head = label(1 + random.nextInt(30));
        String tail = label(1 + random.nextInt(30));
        String rest = subdomain(1 + random.nextInt(200));
        yield List.of(new ResourceOwner(head + "-" + tail, rest, uid()),
            new ResourceOwner(head, tail + "-" + rest, uid()));
      }
      // A dot where the other has a dash: both become '-' in a SageMaker name.
      case 3 -> List.of(new ResourceOwner(ns, name, uid()),
          new ResourceOwner(ns, name.replace('.', '-'), uid()));
      // The same namespace and name, deleted and created again: a new uid.
      case 4 -> List.of(new ResourceOwner(ns, name, uid()), new ResourceOwner(ns, name, uid()));
      // Both at the Kubernetes limits.
      default -> {
        String longest = subdomain(253);
        yield List.of(new ResourceOwner(label(63), longest, uid()),
            new ResourceOwner(label(63), lastCharChanged(longest), uid()));
      }
    };
  }

  private String namespace() {
    return label(random.nextBoolean() ? 40 + random.nextInt(24) : 1 + random.nextInt(63));
  }

  /** A DNS-1123 label of exactly {@code length} characters. */
  private String label(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String from = i == 0 || i == length - 1 ? ALNUM : LABEL_CHARS;
      s.append(from.charAt(random.nextInt(from.length())));
    }
    return s.toString();
  }

  /** A DNS-1123 subdomain of labels joined by dots, at most {@code max} characters. */
  private String subdomain(int max) {
    StringBuilder s = new StringBuilder(label(Math.min(max, 1 + random.nextInt(63))));
    while (s.length() + 2 <= max && random.nextInt(4) != 0) {
      s.append('.').append(label(Math.min(max - s.length() - 1, 1 + random.nextInt(63))));
    }
    return s.toString();
  }

  private String lastCharChanged(String name) {
    char last = name.charAt(name.length() - 1);
    char other = ALNUM.charAt((ALNUM.indexOf(last) + 1 + random.nextInt(ALNUM.length() - 1))
        % ALNUM.length());
    return name.substring(0, name.length() - 1) + other;
  }

  private String uid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
