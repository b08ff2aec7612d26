package dev.secureml.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A platform team's rules for SageMaker resources in the namespaces it selects. Cluster-scoped:
 * only cluster administrators (the platform team) can write it.
 */
@Group(CompliancePolicy.GROUP)
@Version(CompliancePolicy.VERSION)
@ShortNames("cpol")
@Categories("secureml")
@AdditionalPrinterColumn(name = "Enforcement", jsonPath = ".spec.enforcement",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Namespaces", jsonPath = ".status.boundNamespaceCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class CompliancePolicy extends CustomResource<CompliancePolicySpec, CompliancePolicyStatus> {
  public static final String GROUP = "secureml.dev";
  public static final String VERSION = "v1alpha1";

}
