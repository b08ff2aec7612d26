package dev.secureml.operator.controller;

import static dev.secureml.operator.api.Conditions.COMPLIANT;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.schema.ResourceSchemaValidator;
import dev.secureml.operator.policy.schema.SchemaError;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The first step of every controller: a resource whose spec breaks its own CRD's schema (no
 * spec, a missing field, a bound exceeded) is Stalled with reason SchemaViolation, every broken
 * field named, before any step reads the spec. The steps after it can then rely on the spec
 * being what the schema promises, whether or not an API server checked it.
 */
public final class SchemaGate {
  public static final String REASON = Reason.SCHEMA_VIOLATION.value();

  private final ResourceSchemaValidator schemas = ResourceSchemaValidator.shared();
  private final EventRecorder events;
  private final StatusConditions conditions;
  private final Clock clock;

  public SchemaGate(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
    this.conditions = new StatusConditions(clock);
  }

  /**
   * True when the spec breaks the schema: status then says so (Ready False, Stalled True,
   * Compliant False, phase Rejected) and a Warning Event is raised once per new message.
   */
  public boolean refuses(HasMetadata resource, List<Condition> statusConditions,
      Consumer<String> phase) {
    List<SchemaError> errors = schemas.validate(resource);
    if (errors.isEmpty()) {
      return false;
    }
    Long generation = resource.getMetadata().getGeneration();
    String message = "spec does not match the " + resource.getKind() + " schema: "
        + errors.stream().map(SchemaError::toString).collect(Collectors.joining("; "));
    // Masked as every status message is: the schema hides secret-looking values, but only the
    // resource's redactor knows the values it declared under secret names elsewhere.
    Conditions.set(statusConditions, COMPLIANT, false, REASON, RedactionScope.redact(message),
        generation, clock.instant());
    if (conditions.stalledAnew(statusConditions, Reason.SCHEMA_VIOLATION, message, generation)) {
      events.warning(resource, Reason.SCHEMA_VIOLATION, message);
    }
    phase.accept(Phase.REJECTED.value());
    return true;
  }
}
