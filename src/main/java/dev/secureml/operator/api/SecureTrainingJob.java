package dev.secureml.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A SageMaker training job, admitted and completed under its namespace's CompliancePolicy. */
@Group(CompliancePolicy.GROUP)
@Version(CompliancePolicy.VERSION)
@ShortNames("stj")
@Categories("secureml")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Instance", jsonPath = ".spec.resources.instanceType",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Count", jsonPath = ".spec.resources.instanceCount",
    type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "SageMaker", jsonPath = ".status.sageMakerStatus",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Job", jsonPath = ".status.trainingJobName",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SecureTrainingJob extends CustomResource<SecureTrainingJobSpec, SecureTrainingJobStatus>
    implements Namespaced {
  public static final String KIND = "SecureTrainingJob";

}
