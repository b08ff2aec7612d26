package dev.secureml.operator.packaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Data flows one way between packages, as the README's architecture section says. */
class ArchitectureTest {
  private static final String ROOT = "dev.secureml.operator";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void apiDependsOnNoOtherPackageOfOurs() {
    noClasses().that().resideInAPackage(ROOT + ".api..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".policy..",
            ROOT + ".sagemaker..", ROOT + ".controller..", ROOT + ".logs..", ROOT + ".drift..",
            ROOT + ".metrics..", ROOT + ".local..", ROOT + ".cli..")
        .check(classes);
  }

  @Test
  void policyIsPureAndUsesOnlyTheApi() {
    noClasses().that().resideInAPackage(ROOT + ".policy..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sagemaker..",
            ROOT + ".controller..", ROOT + ".logs..", ROOT + ".drift..", ROOT + ".metrics..",
            ROOT + ".local..", ROOT + ".cli..", "software.amazon.awssdk..",
            "io.fabric8.kubernetes.client..", "io.javaoperatorsdk..")
        .check(classes);
  }

  @Test
  void sageMakerAdaptersKnowNothingOfControllersOrKubernetesClients() {
    noClasses().that().resideInAPackage(ROOT + ".sagemaker..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".controller..",
            ROOT + ".local..", ROOT + ".cli..", "io.javaoperatorsdk..",
            "io.fabric8.kubernetes.client..")
        .check(classes);
  }

  @Test
  void productionCodeNeverImportsTheSandbox() {
    noClasses().that().resideInAnyPackage(ROOT + ".api..", ROOT + ".policy..",
            ROOT + ".sagemaker..", ROOT + ".controller..", ROOT + ".logs..", ROOT + ".drift..",
            ROOT + ".metrics..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".local..")
        .check(classes);
  }

  @Test
  void onlyControllersKnowTheOperatorFramework() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".controller..")
        .and().resideInAPackage(ROOT + "..")
        .should().dependOnClassesThat().resideInAPackage("io.javaoperatorsdk..")
        .check(classes);
  }

  @Test
  void theSharedJobLifecycleKnowsNoKind() {
    noClasses().that().resideInAPackage(ROOT + ".controller.job..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".controller.training..",
            ROOT + ".controller.endpoint..", ROOT + ".controller.monitor..")
        .orShould().dependOnClassesThat().haveSimpleNameContaining("Training")
        .orShould().dependOnClassesThat().haveSimpleNameContaining("Endpoint")
        .orShould().dependOnClassesThat().haveSimpleNameContaining("Monitor")
        .check(classes);
  }
}
