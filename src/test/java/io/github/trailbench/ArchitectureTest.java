package io.github.trailbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md: logic never depends on the GUI or on JDBC. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.trailbench");
  }

  @Test
  void coreUsesNoJavaFx() {
    ArchRule rule =
        noClasses().that().resideInAPackage("io.github.trailbench.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp..");
    rule.check(production);
  }

  @Test
  void coreUsesNoJdbc() {
    ArchRule rule =
        noClasses().that().resideInAPackage("io.github.trailbench.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..", "org.flywaydb..");
    rule.check(production);
  }

  @Test
  void coreDoesNotDependOnOuterLayers() {
    noClasses().that().resideInAPackage("io.github.trailbench.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.trailbench.store..", "io.github.trailbench.report..",
            "io.github.trailbench.app..", "io.github.trailbench.cli..")
        .check(production);
  }

  @Test
  void modelDependsOnNothingButTheJdkAndJacksonAnnotations() {
    noClasses().that().resideInAPackage("io.github.trailbench.core.model..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..",
            "io.github.trailbench.core.cloudtrail..", "io.github.trailbench.core.iam..",
            "io.github.trailbench.core.catalog..", "io.github.trailbench.core.policy..",
            "io.github.trailbench.core.correlate..", "io.github.trailbench.core.findings..")
        .check(production);
  }

  @Test
  void policyEngineDependsOnlyOnModelAndCatalog() {
    noClasses().that().resideInAPackage("io.github.trailbench.core.policy..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.trailbench.core.cloudtrail..", "io.github.trailbench.core.correlate..",
            "io.github.trailbench.core.findings..")
        .allowEmptyShould(true)
        .check(production);
  }

  @Test
  void viewsAndViewModelsNeverTouchTheStore() {
    noClasses().that().resideInAPackage("io.github.trailbench.app..")
        .and().resideOutsideOfPackage("io.github.trailbench.app.workspace..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.trailbench.store..", "java.sql..", "org.h2..")
        .check(production);
  }

  @Test
  void storeAndCliDoNotDependOnTheGui() {
    noClasses().that().resideInAnyPackage("io.github.trailbench.store..", "io.github.trailbench.cli..", "io.github.trailbench.report..")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.trailbench.app..", "javafx.scene..", "javafx.stage..")
        .check(production);
  }

  @Test
  void theStoreDependsOnlyOnCore() {
    noClasses().that().resideInAPackage("io.github.trailbench.store..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.github.trailbench.report..", "io.github.trailbench.cli..", "io.github.trailbench.app..")
        .check(production);
  }
}
