package dev.secureml.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A SageMaker real-time endpoint (Model + EndpointConfig + Endpoint) under its namespace's
 * CompliancePolicy, updated blue/green when the spec changes.
 */
@Group(CompliancePolicy.GROUP)
@Version(CompliancePolicy.VERSION)
@ShortNames("mep")
@Categories("secureml")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SageMaker", jsonPath = ".status.sageMakerStatus",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpointName",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Config", jsonPath = ".status.endpointConfigName",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelEndpoint extends CustomResource<ModelEndpointSpec, ModelEndpointStatus>
    implements Namespaced {
  public static final String KIND = "ModelEndpoint";
}
