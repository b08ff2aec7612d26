package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application Auto Scaling (JSON 1.1, {@code AnyScaleFrontendService.<Op>}) for SageMaker
 * endpoint variants: scalable targets {@code endpoint/<ep>/variant/<v>} on
 * {@code sagemaker:variant:DesiredInstanceCount} and target-tracking policies. Targets are
 * bookkeeping only: nothing scales.
 */
final class AutoScalingService implements JsonRpcService {
  static final String NAMESPACE = "sagemaker";
  static final String DIMENSION = "sagemaker:variant:DesiredInstanceCount";
  private static final Pattern RESOURCE = Pattern.compile("endpoint/([^/]+)/variant/([^/]+)");

  private record Target(String resourceId, int min, int max, String roleArn, Instant created,
      String arn) {}

  private record Policy(String resourceId, String name, String arn, JsonNode configuration,
      Instant created, ArrayNode alarms) {}

  private final Map<String, Target> targets = new ConcurrentSkipListMap<>();
  private final Map<String, Policy> policies = new ConcurrentSkipListMap<>();
  private final EndpointService endpoints;
  private final EmulatedClock clock;
  private final String region;
  private final String accountId;

  AutoScalingService(EndpointService endpoints, EmulatedClock clock, String region,
      String accountId) {
    this.endpoints = endpoints;
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
    // As in AWS: deleting an endpoint deregisters its variants' targets and their policies.
    endpoints.whenDeleted(this::deregisterEndpoint);
  }

  /** Scalable targets (policy name null) and scaling policies, by resource id. */
  synchronized List<EmulatorInventory.Scaling> registrations() {
    List<EmulatorInventory.Scaling> all = new ArrayList<>();
    targets.keySet().forEach(id -> all.add(new EmulatorInventory.Scaling(id, null)));
    policies.values().forEach(p -> all.add(new EmulatorInventory.Scaling(p.resourceId(),
        p.name())));
    return all;
  }

  private synchronized void deregisterEndpoint(String endpoint) {
    String prefix = "endpoint/" + endpoint + "/variant/";
    targets.keySet().removeIf(id -> id.startsWith(prefix));
    policies.values().removeIf(p -> p.resourceId().startsWith(prefix));
  }

  @Override
  public synchronized JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "RegisterScalableTarget" -> register(request);
      case "DeregisterScalableTarget" -> {
        Target target = target(request);
        targets.remove(target.resourceId());
        policies.values().removeIf(p -> p.resourceId().equals(target.resourceId()));
        yield Json.object();
      }
      case "DescribeScalableTargets" -> describeTargets(request);
      case "PutScalingPolicy" -> putPolicy(request);
      case "DeleteScalingPolicy" -> {
        String resourceId = checkResource(request, false);
        String name = Json.text(request, "PolicyName");
        if (name == null || policies.remove(resourceId + "|" + name) == null) {
          throw new AwsServiceException("ObjectNotFoundException", "No scaling policy found for"
              + " service namespace: " + NAMESPACE + ", resource ID: " + resourceId
              + ", scalable dimension: " + DIMENSION + ", policy name: " + name);
        }
        yield Json.object();
      }
      case "DescribeScalingPolicies" -> describePolicies(request);
      default -> throw JsonRpcService.unknownOperation(operation);
    };
  }

  private JsonNode register(JsonNode request) {
    String resourceId = checkResource(request, true);
    Target old = targets.get(resourceId);
    JsonNode min = request.get("MinCapacity");
    JsonNode max = request.get("MaxCapacity");
    if (old == null && (min == null || max == null)) {
      throw AwsServiceException.validation("MinCapacity and MaxCapacity are required when"
          + " registering a new scalable target");
    }
    int lo = min != null ? min.asInt() : old.min();
    int hi = max != null ? max.asInt() : old.max();
    if (lo < 0 || lo > hi) {
      throw AwsServiceException.validation("Minimum capacity cannot be greater than maximum"
          + " capacity");
    }
    String role = Json.text(request, "RoleARN");
    Target target = new Target(resourceId, lo, hi,
        role != null ? role : old != null ? old.roleArn() : "arn:aws:iam::" + accountId
            + ":role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
            + "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
        old != null ? old.created() : clock.now(), old != null ? old.arn()
            : "arn:aws:application-autoscaling:" + region + ":" + accountId + ":scalable-target/"
                + UUID.randomUUID().toString().replace("-", ""));
    targets.put(resourceId, target);
    return Json.object().put("ScalableTargetARN", target.arn());
  }

  private JsonNode describeTargets(JsonNode request) {
    namespace(request);
    List<String> wanted = new ArrayList<>();
    request.path("ResourceIds").forEach(id -> wanted.add(id.asText()));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("ScalableTargets");
    for (Target t : targets.values()) {
      if (wanted.isEmpty() || wanted.contains(t.resourceId())) {
        ObjectNode item = items.addObject();
        common(item, t.resourceId());
        item.put("MinCapacity", t.min()).put("MaxCapacity", t.max()).put("RoleARN", t.roleArn());
        item.put("CreationTime", Json.epochSeconds(t.created()));
        item.putObject("SuspendedState").put("DynamicScalingInSuspended", false)
            .put("DynamicScalingOutSuspended", false).put("ScheduledScalingSuspended", false);
        item.put("ScalableTargetARN", t.arn());
      }
    }
    return out;
  }

  private JsonNode putPolicy(JsonNode request) {
    String resourceId = checkResource(request, false);
    String name = Json.text(request, "PolicyName");
    if (!"TargetTrackingScaling".equals(Json.text(request, "PolicyType"))) {
      throw AwsServiceException.validation("The emulator supports PolicyType"
          + " TargetTrackingScaling only, not " + Json.text(request, "PolicyType"));
    }
    JsonNode configuration = request.get("TargetTrackingScalingPolicyConfiguration");
    if (configuration == null || !configuration.hasNonNull("TargetValue")) {
      throw AwsServiceException.validation("TargetTrackingScalingPolicyConfiguration with a"
          + " TargetValue is required for a TargetTrackingScaling policy");
    }
    target(request);
    Policy old = policies.get(resourceId + "|" + name);
    String id = UUID.randomUUID().toString();
    ArrayNode alarms = old != null ? old.alarms() : Json.array();
    if (old == null) {
      for (String kind : List.of("AlarmHigh", "AlarmLow")) {
        String alarm = "TargetTracking-" + resourceId + "-" + kind + "-" + UUID.randomUUID();
        alarms.addObject().put("AlarmName", alarm).put("AlarmARN", "arn:aws:cloudwatch:"
            + region + ":" + accountId + ":alarm:" + alarm);
      }
    }
    Policy policy = new Policy(resourceId, name, old != null ? old.arn()
        : "arn:aws:autoscaling:" + region + ":" + accountId + ":scalingPolicy:" + id
            + ":resource/" + NAMESPACE + "/" + resourceId + ":policyName/" + name,
        configuration.deepCopy(), old != null ? old.created() : clock.now(), alarms);
    policies.put(resourceId + "|" + name, policy);
    ObjectNode out = Json.object().put("PolicyARN", policy.arn());
    out.set("Alarms", alarms.deepCopy());
    return out;
  }

  private JsonNode describePolicies(JsonNode request) {
    namespace(request);
    String resourceId = Json.text(request, "ResourceId");
    List<String> names = new ArrayList<>();
    request.path("PolicyNames").forEach(n -> names.add(n.asText()));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("ScalingPolicies");
    for (Policy p : policies.values()) {
      if ((resourceId == null || resourceId.equals(p.resourceId()))
          && (names.isEmpty() || names.contains(p.name()))) {
        ObjectNode item = items.addObject();
        item.put("PolicyARN", p.arn()).put("PolicyName", p.name());
        common(item, p.resourceId());
        item.put("PolicyType", "TargetTrackingScaling");
        item.set("TargetTrackingScalingPolicyConfiguration", p.configuration());
        item.set("Alarms", p.alarms());
        item.put("CreationTime", Json.epochSeconds(p.created()));
      }
    }
    return out;
  }

  private Target target(JsonNode request) {
    String resourceId = checkResource(request, false);
    Target target = targets.get(resourceId);
    if (target == null) {
      throw new AwsServiceException("ObjectNotFoundException", "No scalable target registered"
          + " for service namespace: " + NAMESPACE + ", resource ID: " + resourceId
          + ", scalable dimension: " + DIMENSION);
    }
    return target;
  }

  /**
   * Checks namespace, dimension and resource id; when registering, also that the endpoint
   * and its variant exist.
   */
  private String checkResource(JsonNode request, boolean mustExist) {
    namespace(request);
    String resourceId = Json.text(request, "ResourceId");
    String dimension = Json.text(request, "ScalableDimension");
    if (!DIMENSION.equals(dimension)) {
      throw AwsServiceException.validation("Unsupported scalable dimension " + dimension
          + " for service namespace " + NAMESPACE + "; use " + DIMENSION);
    }
    Matcher m = RESOURCE.matcher(resourceId);
    if (!m.matches()) {
      throw AwsServiceException.validation("Unsupported resource ID " + resourceId + " for"
          + " service namespace " + NAMESPACE + "; use endpoint/<endpoint>/variant/<variant>");
    }
    if (mustExist) {
      Endpoint endpoint;
      try {
        endpoint = endpoints.findByName(m.group(1));
      } catch (AwsServiceException e) {
        throw AwsServiceException.validation("The endpoint " + m.group(1) + " does not exist.");
      }
      synchronized (endpoint) {
        Endpoint.Deployment serving = endpoint.serving();
        if (serving == null || serving.variants().stream()
            .noneMatch(v -> v.name().equals(m.group(2)))) {
          throw AwsServiceException.validation("The variant " + m.group(2) + " of endpoint "
              + m.group(1) + " does not exist or is not in service.");
        }
      }
    }
    return resourceId;
  }

  private static void namespace(JsonNode request) {
    String namespace = Json.text(request, "ServiceNamespace");
    if (!NAMESPACE.equals(namespace)) {
      throw AwsServiceException.validation("The emulator serves service namespace " + NAMESPACE
          + " only, not " + namespace);
    }
  }

  private static void common(ObjectNode item, String resourceId) {
    item.put("ServiceNamespace", NAMESPACE).put("ResourceId", resourceId)
        .put("ScalableDimension", DIMENSION);
  }
}
