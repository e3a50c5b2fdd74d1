package com.smoft.crm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The rules the packages keep, checked on the compiled classes: the engine ({@code scoring/}, {@code csv/}) knows
 * nothing of Spring nor of the service around it, and needs only what {@code engine/pom.xml} gives it; the HTTP
 * layer never trains; the commands run without Spring; no two packages depend on each other.
 */
@Execution(ExecutionMode.CONCURRENT)
class PackageRulesTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.smoft.crm");

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("com.smoft.crm");

    private static final String[] SPRING = {"org.springframework..", "jakarta.servlet.."};

    @Test
    void shouldKeepTheEngineFreeOfSpringAndOfTheServiceAroundIt() {
        noClasses()
                .that()
                .resideInAnyPackage("com.smoft.crm.scoring..", "com.smoft.crm.csv..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SPRING)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("com.smoft.crm.api..", "com.smoft.crm.system..", "com.smoft.crm.training..")
                .because("engine/pom.xml compiles scoring/ and csv/ alone, as the plain library the Spark job uses")
                .check(MAIN);
    }

    @Test
    void shouldGiveTheEngineOnlyTheLibrariesItsPomDeclares() {
        classes()
                .that()
                .resideInAnyPackage("com.smoft.crm.scoring..", "com.smoft.crm.csv..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "com.smoft.crm.scoring..",
                        "com.smoft.crm.csv..",
                        "java..",
                        "smile..",
                        "tools.jackson..",
                        "org.apache.commons.csv..")
                .because("the engine's users get Smile, Jackson and Commons CSV from engine/pom.xml, and nothing else")
                .check(MAIN);
    }

    @Test
    void shouldNeverTrainFromTheHttpLayer() {
        noClasses()
                .that()
                .resideInAPackage("com.smoft.crm.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.smoft.crm.training..")
                .because("the service serves models that the train and models commands make")
                .check(MAIN);
    }

    @Test
    void shouldRunTheCommandsWithoutSpringNorTheService() {
        noClasses()
                .that()
                .resideInAPackage("com.smoft.crm.training..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SPRING)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("com.smoft.crm.api..", "com.smoft.crm.system..")
                .because("CrmApplication runs train and models before any Spring context starts")
                .check(MAIN);
    }

    @Test
    void shouldKeepThePackagesFreeOfCycles() {
        slices().matching("com.smoft.crm.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void shouldAnswerHttpOnlyFromTheApiPackage() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(ControllerAdvice.class)
                .or()
                .areAnnotatedWith(RestControllerAdvice.class)
                .should()
                .resideInAPackage("com.smoft.crm.api..")
                .check(MAIN);
    }

    @Test
    void shouldConfigureSpringOnlyInTheSystemPackage() {
        classes()
                .that()
                .areAnnotatedWith(Configuration.class)
                .should()
                .resideInAPackage("com.smoft.crm.system..")
                .check(MAIN);
    }

    @Test
    void shouldNameEveryTestClassSoThatTheBuildRunsIt() {
        classes()
                .that(declareTests())
                .should()
                .haveSimpleNameEndingWith("Tests")
                .orShould()
                .haveSimpleNameEndingWith("Properties")
                .because("surefire runs *Tests and *Properties classes only: any other name is never run")
                .check(TESTS);
    }

    /** Classes with a JUnit or jqwik test method. */
    private static DescribedPredicate<JavaClass> declareTests() {
        return DescribedPredicate.describe(
                "declare test methods", type -> type.getMethods().stream().anyMatch(PackageRulesTests::isTest));
    }

    private static boolean isTest(JavaMethod method) {
        return method.isAnnotatedWith(Test.class)
                || method.isAnnotatedWith(ParameterizedTest.class)
                || method.isAnnotatedWith(Property.class)
                || method.isAnnotatedWith(Example.class);
    }
}
