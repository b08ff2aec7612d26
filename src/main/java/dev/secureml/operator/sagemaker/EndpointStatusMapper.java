package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.ModelEndpointStatus.VariantStatus;
import dev.secureml.operator.api.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * DescribeEndpoint -> the SageMaker part of a ModelEndpoint's status. Everything SageMaker
 * reports is copied, absent values included, because Describe is the truth; the operator's own
 * fields (phase, conditions, names it tracks, applied policy) are left to the controller.
 */
public final class EndpointStatusMapper {
  public static final String IN_SERVICE = "InService";
  public static final String FAILED = "Failed";

  /**
   * States in which SageMaker refuses UpdateEndpoint, UpdateEndpointWeightsAndCapacities and
   * DeleteEndpoint ("Cannot update in-progress endpoint", a ValidationException the gateway
   * reports as TERMINAL): the controller checks these before calling and waits instead.
   */
  private static final Set<String> TRANSITIONAL = Set.of(
      "Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting");

  private EndpointStatusMapper() {}

  public static void apply(DescribeEndpointResponse d, ModelEndpointStatus status) {
    status.sageMakerStatus = d.endpointStatusAsString();
    status.failureReason = d.failureReason();
    status.endpointArn = d.endpointArn();
    status.endpointConfigName = d.endpointConfigName();
    status.variants = variants(d.productionVariants());
    status.invocationUrl = invocationUrl(d.endpointArn(), d.endpointName());
  }

  /**
   * The EndpointStatus as a phase (Creating, InService, Updating, Failed, ...); Unknown if none,
   * or if it is a state newer than {@link Phase} (status.sageMakerStatus keeps its name).
   */
  public static String phaseOf(DescribeEndpointResponse d) {
    return Phase.ofSageMakerState(d.endpointStatusAsString()).value();
  }

  /**
   * True while the endpoint is between states, when SageMaker accepts no update and no delete.
   * Failed is not transitional (it can be deleted), nor is InService.
   */
  public static boolean isTransitional(DescribeEndpointResponse d) {
    return isTransitional(d.endpointStatusAsString());
  }

  /** As {@link #isTransitional(DescribeEndpointResponse)}, for an EndpointStatus as text. */
  public static boolean isTransitional(String endpointStatus) {
    return endpointStatus != null && TRANSITIONAL.contains(endpointStatus); // Set.of refuses null
  }

  /**
   * {@code https://runtime.sagemaker.<region>.<domain>/endpoints/<name>/invocations}, with the
   * region from the endpoint ARN ({@code arn:<partition>:sagemaker:<region>:<account>:...});
   * null when the ARN or name is missing or malformed.
   */
  static String invocationUrl(String arn, String endpointName) {
    if (arn == null || endpointName == null) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !"arn".equals(parts[0]) || parts[3].isEmpty()) {
      return null;
    }
    String domain = parts[1].equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
    return "https://runtime.sagemaker." + parts[3] + "." + domain + "/endpoints/"
        + endpointName + "/invocations";
  }

  private static List<VariantStatus> variants(List<ProductionVariantSummary> from) {
    List<VariantStatus> variants = new ArrayList<>();
    for (ProductionVariantSummary v : from) {
      VariantStatus variant = new VariantStatus();
      variant.name = v.variantName();
      variant.currentInstanceCount = v.currentInstanceCount();
      variant.desiredInstanceCount = v.desiredInstanceCount();
      variant.currentWeight = toDouble(v.currentWeight());
      variant.desiredWeight = toDouble(v.desiredWeight());
      variants.add(variant);
    }
    return variants;
  }

  /** Through the decimal text, so a weight of 0.1 stays 0.1 instead of 0.10000000149. */
  private static Double toDouble(Float value) {
    return value == null ? null : Double.parseDouble(Float.toString(value));
  }
}
