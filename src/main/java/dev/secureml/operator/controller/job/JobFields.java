package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.AppliedPolicy;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The fields of a kind's status the lifecycle keeps. Each kind names them its own way (its
 * job's name field is named for the kind); this view lets the lifecycle read and write them
 * without knowing the kind.
 */
public interface JobFields {
  /** The SageMaker job's name once submitted; null before. */
  String jobName();

  /** Records a submitted (created or adopted) job. */
  void submitted(String name, String arn, String specHash, AppliedPolicy applied);

  /** The hash of the spec the job was submitted with. */
  String submittedSpecHash();

  String phase();

  void phase(String phase);

  /** The status's own list: changes to it are changes to the status. */
  List<Condition> conditions();

  void appliedPolicy(AppliedPolicy applied);

  void observedGeneration(Long generation);

  /** How far the job has come as the status shows it ({@link JobState#progress}). */
  int progress();
}
