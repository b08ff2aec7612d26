package dev.secureml.operator.sagemaker;

import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;

/**
 * The names the operator gave content-named parts before every name's hash covered the owner's
 * uid. Parts made then keep serving after an upgrade: when status records a legacy name and the
 * spec still asks for the same content, the recorded part wins (once its ownership tags are
 * checked) instead of a blue/green update onto an identical copy. Only for recognising those
 * parts; nothing new is ever created under these names.
 *
 * <p>The legacy names cut the owner's main name (which ended in 6 hex of the uid hash) and
 * appended a hash of the content alone, so two owners with long names could share a part.
 */
public final class LegacyNames {
  private static final int MODEL_HASH_CHARS = 8;
  private static final int CONFIG_HASH_CHARS = 8;
  private static final int DEFINITION_HASH_CHARS = 6;
  private static final int SCHEDULE_HASH_CHARS = 6;
  /** Room for the endpoint and variant parts of a legacy Model name. */
  private static final int MODEL_NAME_PARTS = SageMakerNames.MAX_LENGTH - 2 - MODEL_HASH_CHARS;
  private static final int MIN_VARIANT_PART = 20;

  private LegacyNames() {}

  /** The plan under the names it had, for an endpoint whose recorded name is the plan's. */
  public static HostingPlan hostingPlan(HostingPlan plan) {
    String endpoint = plan.endpointName();
    return plan.renamed(
        v -> modelName(endpoint, v.variantName(),
            SageMakerNames.hashHex(HostingPlan.modelContent(v.model()), MODEL_HASH_CHARS)),
        c -> SageMakerNames.cut(endpoint, SageMakerNames.MAX_LENGTH - 1 - CONFIG_HASH_CHARS)
            + "-" + SageMakerNames.hashHex(HostingPlan.endpointConfigContent(c),
                CONFIG_HASH_CHARS));
  }

  /**
   * The legacy name of the owner's monitoring schedule: {@code <namespace>-<name>} cut short,
   * then {@code -<6 hex of the uid's hash>}. Only 24 bits tell two owners apart, so a recorded
   * schedule is kept only when it exists and its ownership tags name the monitor.
   */
  public static String schedule(ResourceOwner owner) {
    String base = SageMakerNames.cut(owner.namespace() + "-" + owner.name(),
        SageMakerNames.MAX_LENGTH - 1 - SCHEDULE_HASH_CHARS);
    return (base.isEmpty() ? "secureml" : base) + "-"
        + SageMakerNames.hashHex(owner.uid(), SCHEDULE_HASH_CHARS);
  }

  /**
   * The legacy name of a job definition of this content, for a monitor whose recorded schedule
   * name is {@code scheduleName}. Kept only when its ownership tags name the monitor: two
   * monitors whose schedule names share the first 56 characters may share this name.
   *
   * @param request the request as the mapper builds it, its own name ignored
   */
  public static String jobDefinition(String scheduleName,
      CreateDataQualityJobDefinitionRequest request) {
    String content = SdkJson.toJson(request.toBuilder().jobDefinitionName(null).build())
        .toString();
    String base = SageMakerNames.cut(scheduleName,
        SageMakerNames.MAX_LENGTH - 1 - DEFINITION_HASH_CHARS);
    return (base.isEmpty() ? "secureml" : base) + "-"
        + SageMakerNames.hashHex(content, DEFINITION_HASH_CHARS);
  }

  private static String modelName(String endpointName, String variant, String hash) {
    int variantRoom = Math.max(MODEL_NAME_PARTS - endpointName.length(), MIN_VARIANT_PART);
    String variantPart = SageMakerNames.cut(variant, variantRoom);
    String endpointPart = SageMakerNames.cut(endpointName,
        MODEL_NAME_PARTS - variantPart.length());
    return endpointPart + "-" + variantPart + "-" + hash;
  }
}
