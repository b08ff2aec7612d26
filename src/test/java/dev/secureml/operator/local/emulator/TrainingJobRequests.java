package dev.secureml.operator.local.emulator;

import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataSource;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/** A valid CreateTrainingJob request, shaped like the operator's, for tests to vary. */
final class TrainingJobRequests {
  static final String IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";
  static final String FAILING_IMAGE =
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-fail";
  static final String ROLE = "arn:aws:iam::111122223333:role/fraud-sagemaker-execution";

  private TrainingJobRequests() {}

  static CreateTrainingJobRequest.Builder valid(String name) {
    return CreateTrainingJobRequest.builder()
        .trainingJobName(name)
        .roleArn(ROLE)
        .algorithmSpecification(AlgorithmSpecification.builder()
            .trainingImage(IMAGE).trainingInputMode(TrainingInputMode.FILE).build())
        .hyperParameters(Map.of("objective", "binary:logistic", "num_round", "20"))
        .inputDataConfig(channel("train", "s3://fraud-data/fdic/train/"),
            channel("validation", "s3://fraud-data/fdic/validation/"))
        .outputDataConfig(OutputDataConfig.builder()
            .s3OutputPath("s3://fraud-models/artifacts/").build())
        .resourceConfig(ResourceConfig.builder()
            .instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30).build())
        .vpcConfig(VpcConfig.builder()
            .subnets("subnet-0a1b2c3d", "subnet-0e4f5a6b").securityGroupIds("sg-0c1d2e3f").build())
        .stoppingCondition(StoppingCondition.builder().maxRuntimeInSeconds(7200).build())
        .enableNetworkIsolation(true)
        .tags(Tag.builder().key("secureml.dev/namespace").value("fraud-models").build());
  }

  static Channel channel(String name, String s3Uri) {
    return Channel.builder().channelName(name).contentType("text/csv")
        .dataSource(DataSource.builder().s3DataSource(S3DataSource.builder()
            .s3DataType(S3DataType.S3_PREFIX).s3Uri(s3Uri).build()).build())
        .build();
  }
}
