package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What to train, on what data, with which resources. Immutable once created; the spot rules
 * come with the template class.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf",
    message = "spec is immutable once created: delete the SecureTrainingJob and create a new one",
    reason = "FieldValueForbidden")
public class SecureTrainingJobSpec extends TrainingJobTemplateSpec {
}
