package dev.backprop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape of the service: a pure engine, layouts converted in one place, thin web edges. */
@AnalyzeClasses(packages = "dev.backprop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule engineIsPureJavaAndEjml = classes()
            .that()
            .resideInAPackage("dev.backprop.nn..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.backprop.nn..", "java..", "org.ejml..", "org.apache.commons.numbers..")
            .because("the mathematics knows nothing of HTTP, JSON or Spring");

    @ArchTest
    static final ArchRule onlyLayoutTransposes = noClasses()
            .that()
            .resideOutsideOfPackage("dev.backprop.nn..")
            .and()
            .doNotHaveSimpleName("Layout")
            .should()
            .callMethod(
                    org.ejml.dense.row.CommonOps_DDRM.class,
                    "transpose",
                    org.ejml.data.DMatrixRMaj.class,
                    org.ejml.data.DMatrixRMaj.class)
            .because("the three layouts are converted in exactly one place");

    @ArchTest
    static final ArchRule webEdgeDoesNotReachIntoTheEngine = noClasses()
            .that()
            .resideInAPackage("dev.backprop.web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.backprop.nn..")
            .because("the web edge formats problems; only the features talk to the engine");
}
