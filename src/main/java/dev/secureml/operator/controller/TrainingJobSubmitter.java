package dev.secureml.operator.controller;

import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.policy.ResolvedSettings;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerNames;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import dev.secureml.operator.sagemaker.TrainingJobRequestMapper;
import java.util.Optional;

/**
 * Creates the SageMaker training job under its deterministic name, or adopts the one a previous
 * attempt created (ownership tags match). A lost status write or a restart therefore never
 * creates a second job, and a job of that name owned by anyone else is reported, never used.
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
    ResourceOwner owner = ResourceOwner.of(job.getMetadata());
    String name = SageMakerNames.forResource(owner);
    try {
      // Describe first: after a lost status write the job exists, and Create would only fail.
      Optional<String> existing = gateway.jobs().findOwned(name, owner);
      if (existing.isPresent()) {
        return adopted(name, existing.get());
      }
      OwnedResources.Created created = gateway.jobs().createOrAdopt(name, owner,
          () -> gateway.create(TrainingJobRequestMapper.toCreateRequest(job, name, settings)));
      return created.adopted() ? adopted(name, created.arn())
          : new Result(Outcome.CREATED, name, created.arn(),
              "created SageMaker training job " + name);
    } catch (NameConflictException e) {
      return new Result(Outcome.NAME_CONFLICT, name, null, e.getMessage());
    }
  }

  private static Result adopted(String name, String arn) {
    return new Result(Outcome.ADOPTED, name, arn,
        "adopted existing SageMaker training job " + name + " (ownership tags match)");
  }
}
