package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * operator/iam-policy.json grants every SageMaker, Application Auto Scaling and CloudWatch Logs
 * call the operator's code makes, and keeps data access (S3, KMS, PassRole) scoped.
 */
class IamPolicyTest {
  private static final Path POLICY = Path.of("operator/iam-policy.json");
  private static final Path MAIN = Path.of("src/main/java/dev/secureml/operator");
  /** SDK client -> IAM service prefix. S3 is left out: its actions do not follow call names. */
  private static final Map<Class<?>, String> CLIENTS = Map.of(
      SageMakerClient.class, "sagemaker",
      ApplicationAutoScalingClient.class, "application-autoscaling",
      CloudWatchLogsClient.class, "logs");
  private static final Pattern CALL = Pattern.compile("\\.([a-z][A-Za-z0-9]*)\\(");

  private static JsonNode statements;

  @BeforeAll
  static void readPolicy() throws IOException {
    JsonNode policy = new ObjectMapper().readTree(POLICY.toFile());
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    statements = policy.path("Statement");
    assertThat(statements).isNotEmpty();
  }

  @Test
  void statementsAreWellFormedAllowsWithUniqueSids() {
    Set<String> sids = new HashSet<>();
    for (JsonNode statement : statements) {
      String sid = statement.path("Sid").asText();
      assertThat(sid).matches("[A-Za-z0-9]+");
      assertThat(sids.add(sid)).as("duplicate Sid " + sid).isTrue();
      assertThat(statement.path("Effect").asText()).as(sid).isEqualTo("Allow");
      assertThat(texts(statement.path("Action"))).as(sid).isNotEmpty()
          .allMatch(a -> a.matches("[a-z0-9-]+:[A-Za-z0-9]+"), "service:Action");
      assertThat(texts(statement.path("Resource"))).as(sid).isNotEmpty();
    }
  }

  @Test
  void grantsEveryAwsCallTheOperatorMakes() throws IOException {
    Set<String> granted = new HashSet<>();
    statements.forEach(s -> granted.addAll(texts(s.path("Action"))));
    Set<String> called = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(MAIN)) {
      for (Path file : sources.filter(p -> p.toString().endsWith(".java"))
          // The sandbox serves these APIs rather than calling them, and the commands in cli/
          // run with the user's own credentials, not the operator's role.
          .filter(p -> !p.startsWith(MAIN.resolve("local")) && !p.startsWith(MAIN.resolve("cli")))
          .toList()) {
        String source = Files.readString(file);
        CLIENTS.forEach((client, service) -> {
          if (source.contains("import " + client.getName() + ";")) {
            called.addAll(actionsCalled(source, client, service));
          }
        });
      }
    }
    assertThat(called).as("AWS calls found in the code").contains(
        "sagemaker:CreateTrainingJob", "logs:GetLogEvents",
        "application-autoscaling:PutScalingPolicy");
    assertThat(granted).containsAll(called);
  }

  @Test
  void grantsTheModelMonitorCallsOfDataQualityMonitors() {
    Set<String> granted = new HashSet<>();
    statements.forEach(s -> granted.addAll(texts(s.path("Action"))));
    assertThat(granted).contains(
        "sagemaker:CreateDataQualityJobDefinition",
        "sagemaker:DescribeDataQualityJobDefinition",
        "sagemaker:DeleteDataQualityJobDefinition",
        "sagemaker:CreateMonitoringSchedule",
        "sagemaker:DescribeMonitoringSchedule",
        "sagemaker:UpdateMonitoringSchedule",
        "sagemaker:DeleteMonitoringSchedule",
        "sagemaker:StopMonitoringSchedule",
        "sagemaker:StartMonitoringSchedule",
        "sagemaker:ListMonitoringExecutions",
        "sagemaker:DescribeProcessingJob",
        "sagemaker:AddTags", "sagemaker:DeleteTags", "sagemaker:ListTags",
        "s3:GetObject", "s3:ListBucket", "s3:PutObject",
        "kms:GenerateDataKey", "kms:Decrypt", "iam:PassRole");
  }

  @Test
  void dataAndRoleAccessIsScoped() {
    for (JsonNode statement : statements) {
      String sid = statement.path("Sid").asText();
      List<String> actions = texts(statement.path("Action"));
      if (actions.stream().anyMatch(a -> a.startsWith("s3:") || a.startsWith("kms:")
          || a.startsWith("iam:"))) {
        assertThat(texts(statement.path("Resource"))).as(sid).doesNotContain("*");
        assertThat(statement.path("Condition").isObject()).as(sid + " has a Condition").isTrue();
      }
      assertThat(actions).as(sid).noneMatch(a -> a.endsWith(":*"))
          .doesNotContain("s3:DeleteObject", "kms:Encrypt");
      if (actions.contains("s3:PutObject")) {
        assertThat(texts(statement.path("Resource"))).as(sid)
            .allMatch(r -> r.contains("/monitoring/"), "a report prefix");
      }
    }
  }

  /** IAM actions for the calls in the source that are request-taking methods of the client. */
  private static Set<String> actionsCalled(String source, Class<?> client, String service) {
    Set<String> operations = new HashSet<>();
    for (Method method : client.getMethods()) {
      if (method.getParameterCount() == 1 && (method.getParameterTypes()[0] == Consumer.class
          || method.getParameterTypes()[0].getSimpleName().endsWith("Request"))) {
        operations.add(method.getName());
      }
    }
    Set<String> actions = new TreeSet<>();
    Matcher call = CALL.matcher(source);
    while (call.find()) {
      String name = call.group(1);
      if (operations.contains(name)) {
        String operation = name.replaceFirst("Paginator$", "");
        actions.add(service + ":" + Character.toUpperCase(operation.charAt(0))
            + operation.substring(1));
      }
    }
    return actions;
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isTextual()) {
      texts.add(node.asText());
    } else {
      node.forEach(n -> texts.add(n.asText()));
    }
    return texts;
  }
}
