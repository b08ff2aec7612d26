package dev.secureml.operator.controller;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.policy.ResolvedSettings;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SageMakerNames;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import dev.secureml.operator.sagemaker.TrainingJobRequestMapper;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * Creates the SageMaker training job under its deterministic name, or adopts the one a previous
 * attempt created (ownership tag matches). A lost status write or a restart therefore never
 * creates a second job.
 */
public class TrainingJobSubmitter {
  private final TrainingJobGateway gateway;

  public TrainingJobSubmitter(TrainingJobGateway gateway) {
    this.gateway = gateway;
  }

  public enum Outcome { CREATED, ADOPTED, NAME_CONFLICT }

  public record Result(Outcome outcome, String trainingJobName, String trainingJobArn,
      String message) {}

  /** Throws SageMakerCallException for AWS errors other than "already exists". */
  public Result submit(SecureTrainingJob job, ResolvedSettings settings) {
    String uid = job.getMetadata().getUid();
    String name = SageMakerNames.forResource(job.getMetadata().getNamespace(),
        job.getMetadata().getName(), uid);
    // Describe first: after a lost status write the job exists, and Create would only fail.
    Optional<Result> existing = adoptOrConflict(name, uid);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      String arn = gateway.create(TrainingJobRequestMapper.toCreateRequest(job, name, settings));
      return new Result(Outcome.CREATED, name, arn, "created SageMaker training job " + name);
    } catch (SageMakerCallException e) {
      if (e.kind() == ErrorKind.ALREADY_EXISTS) {
        return adoptOrConflict(name, uid).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private Optional<Result> adoptOrConflict(String name, String uid) {
    Optional<DescribeTrainingJobResponse> found = gateway.describe(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String arn = found.get().trainingJobArn();
    if (OwnershipTags.ownedBy(gateway.tags(arn), uid)) {
      return Optional.of(new Result(Outcome.ADOPTED, name, arn,
          "adopted existing SageMaker training job " + name + " (ownership tag matches)"));
    }
    return Optional.of(new Result(Outcome.NAME_CONFLICT, name, arn,
        "a SageMaker training job named " + name + " already exists and is not owned by this "
            + "resource (tag " + OwnershipTags.UID + " differs); it is left untouched"));
  }
}
