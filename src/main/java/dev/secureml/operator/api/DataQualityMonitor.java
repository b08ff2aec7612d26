package dev.secureml.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Data-quality monitoring of a ModelEndpoint's captured traffic against its training baseline,
 * on a schedule, with drift alerts written back to the cluster.
 */
@Group(CompliancePolicy.GROUP)
@Version(CompliancePolicy.VERSION)
@ShortNames("dqm")
@Categories("secureml")
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".spec.endpointRef",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Drift", jsonPath = ".status.conditions[?(@.type==\"DriftDetected\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last run", jsonPath = ".status.lastExecution.status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Engine", jsonPath = ".spec.engine",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class DataQualityMonitor
    extends CustomResource<DataQualityMonitorSpec, DataQualityMonitorStatus>
    implements Namespaced {
  public static final String KIND = "DataQualityMonitor";
  /** Label on each SecureTrainingJob a monitor creates to retrain: the monitor's name. */
  public static final String RETRAIN_LABEL = "secureml.dev/monitor";
}
