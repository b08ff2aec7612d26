package dev.secureml.operator.sagemaker;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CheckpointConfig;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataSource;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * Spec + resolved policy -> CreateTrainingJob. Security settings (role, network, keys, tags)
 * come only from the resolved policy, never from the spec directly, so what is sent is exactly
 * what the policy engine approved.
 *
 * <p>Maps are sorted by key: the same resource always yields the same request, whatever order
 * the API server returned its maps in.
 */
public final class TrainingJobRequestMapper {
  private static final int DEFAULT_INSTANCE_COUNT = 1;
  private static final int DEFAULT_VOLUME_GB = 30;

  private TrainingJobRequestMapper() {}

  public static CreateTrainingJobRequest toCreateRequest(SecureTrainingJob job,
      String trainingJobName, ResolvedTrainingSettings settings) {
    SecureTrainingJobSpec spec = job.getSpec();
    boolean spot = spec.spot != null && Boolean.TRUE.equals(spec.spot.enabled);

    CreateTrainingJobRequest.Builder request = CreateTrainingJobRequest.builder()
        .trainingJobName(trainingJobName)
        .algorithmSpecification(AlgorithmSpecification.builder()
            .trainingImage(spec.image)
            .trainingInputMode(TrainingInputMode.FILE)
            .build())
        .roleArn(settings.roleArn())
        .inputDataConfig(channels(spec.inputs))
        .outputDataConfig(OutputDataConfig.builder()
            .s3OutputPath(spec.output.s3Uri)
            .kmsKeyId(settings.outputKmsKeyId())
            .build())
        .resourceConfig(resources(spec.resources, settings.volumeKmsKeyId()))
        .stoppingCondition(StoppingCondition.builder()
            .maxRuntimeInSeconds(Math.toIntExact(settings.maxRuntimeSeconds()))
            .maxWaitTimeInSeconds(spot && settings.maxWaitSeconds() != null
                ? Math.toIntExact(settings.maxWaitSeconds()) : null)
            .build())
        .enableManagedSpotTraining(spot)
        .enableNetworkIsolation(settings.networkIsolation())
        .enableInterContainerTrafficEncryption(settings.interContainerTrafficEncryption())
        .tags(PolicyRequestParts.tags(settings.tags(), job.getMetadata()))
        .vpcConfig(PolicyRequestParts.vpcConfig(settings.subnets(), settings.securityGroupIds()));

    // Empty maps are left out rather than sent as {}: the request then reads like the spec.
    if (spec.hyperparameters != null && !spec.hyperparameters.isEmpty()) {
      request.hyperParameters(new TreeMap<>(spec.hyperparameters));
    }
    if (spec.environment != null && !spec.environment.isEmpty()) {
      request.environment(new TreeMap<>(spec.environment));
    }
    // Checkpoints also help without spot (resuming), so they follow the URI, not the flag.
    if (spec.spot != null && spec.spot.checkpointS3Uri != null) {
      request.checkpointConfig(CheckpointConfig.builder().s3Uri(spec.spot.checkpointS3Uri).build());
    }
    return request.build();
  }

  private static List<Channel> channels(List<SecureTrainingJobSpec.Channel> inputs) {
    List<Channel> channels = new ArrayList<>();
    for (SecureTrainingJobSpec.Channel input : PolicyRequestParts.orEmpty(inputs)) {
      channels.add(Channel.builder()
          .channelName(input.name)
          .dataSource(DataSource.builder()
              .s3DataSource(S3DataSource.builder()
                  .s3DataType(S3DataType.S3_PREFIX)
                  .s3Uri(input.s3Uri)
                  .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)
                  .build())
              .build())
          .contentType(input.contentType)
          .compressionType(input.compressionType)
          .build());
    }
    return channels;
  }

  private static ResourceConfig resources(SecureTrainingJobSpec.Resources resources,
      String volumeKmsKeyId) {
    return ResourceConfig.builder()
        .instanceType(resources.instanceType)
        .instanceCount(resources.instanceCount != null
            ? resources.instanceCount : DEFAULT_INSTANCE_COUNT)
        .volumeSizeInGB(resources.volumeSizeGB != null
            ? resources.volumeSizeGB : DEFAULT_VOLUME_GB)
        // Null for NVMe instance types, where SageMaker rejects a volume key.
        .volumeKmsKeyId(volumeKmsKeyId)
        .build();
  }
}
