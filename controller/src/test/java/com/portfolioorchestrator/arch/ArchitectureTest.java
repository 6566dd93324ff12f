package com.portfolioorchestrator.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md section 1 and docs/architecture.md. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.portfolioorchestrator");
    }

    @Test
    void core_importsOnlyTheJdkAndItself() {
        classes().that().resideInAPackage("com.portfolioorchestrator.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.portfolioorchestrator.core..", "java..")
                .because("the domain core runs the same live, in replay and in tests: no I/O, no frameworks")
                .check(production);
    }

    @Test
    void app_doesNotImportTheOuterLayers() {
        noClasses().that().resideInAPackage("com.portfolioorchestrator.app..")
                .should().dependOnClassesThat().resideInAnyPackage("com.portfolioorchestrator.api..",
                        "com.portfolioorchestrator.persistence..", "com.portfolioorchestrator.schedule..",
                        "com.portfolioorchestrator.adapters..")
                .because("use cases talk to the outside through ports")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void adapters_doNotImportTheController() {
        noClasses().that().resideInAPackage("com.portfolioorchestrator.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("com.portfolioorchestrator.core..",
                        "com.portfolioorchestrator.app..", "com.portfolioorchestrator.api..")
                .because("raw clients return their own DTOs; the controller translates them")
                .allowEmptyShould(true)
                .check(production);
    }
}
