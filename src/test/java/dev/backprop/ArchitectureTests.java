package dev.backprop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
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
    static final ArchRule engineIsGivenItsMatrixProducts = noClasses()
            .that()
            .resideInAPackage("dev.backprop.nn..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(java.util.ServiceLoader.class)
            .because("the engine is handed the application's one MatrixProducts bean on every call, "
                    + "not one it looks up for itself");

    @ArchTest
    static final ArchRule noStaticMatrixProductsHolder = fields().that()
            .haveRawType(dev.backprop.nn.MatrixProducts.class)
            .should()
            .notBeStatic()
            .because("which products compute is a configured choice (backprop.engine.products), "
                    + "held by Spring, not by a static field");

    @ArchTest
    static final ArchRule configurationComesThroughSpring = noClasses()
            .should()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class, String.class)
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .because("every setting is a documented, bound property, not a system property or "
                    + "environment variable read deep in the code");

    @ArchTest
    static final ArchRule onlyTheCountingServicesRunTheEngine = noClasses()
            .that()
            .resideOutsideOfPackages("dev.backprop.nn..", "dev.backprop.linalg..")
            .and()
            .doNotBelongToAnyOf(
                    dev.backprop.backprop.BackpropService.class,
                    dev.backprop.backprop.Engine.class,
                    dev.backprop.train.TrainService.class)
            .should()
            .accessClassesThat(JavaClass.Predicates.equivalentTo(dev.backprop.nn.Backprop.class)
                    .or(JavaClass.Predicates.equivalentTo(dev.backprop.nn.Training.class)))
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(dev.backprop.nn.MatrixProducts.class)
            .because("every pass is counted in the compute limits and admitted by the compute gate: the "
                    + "features (grading's counterfactuals, the gradient check, the problem generator) reach the "
                    + "engine through BackpropService, which hands out its Engine with a solved request");

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

    /** A response's body, written by hand: the output stream or writer of a servlet or Tomcat response. */
    private static final DescribedPredicate<JavaMethodCall> WRITES_A_RESPONSE_BODY =
            DescribedPredicate.describe("write a response body", call -> {
                String owner = call.getTargetOwner().getFullName();
                String method = call.getName();
                return (owner.equals("jakarta.servlet.ServletResponse")
                                || owner.equals("jakarta.servlet.http.HttpServletResponse")
                                || owner.equals("org.apache.catalina.connector.Response"))
                        && (method.equals("getOutputStream")
                                || method.equals("getWriter")
                                || method.equals("getReporter"));
            });

    @ArchTest
    static final ArchRule onlyTheProblemWriterWritesProblemBodies = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.backprop.web.ProblemWriter")
            .and()
            .areNotAssignableTo(jakarta.servlet.ServletResponse.class)
            .should()
            .callMethodWhere(WRITES_A_RESPONSE_BODY)
            .orShould()
            .callConstructor(
                    org.springframework.http.ProblemDetail.class, org.springframework.http.HttpStatusCode.class)
            .orShould()
            .callMethodWhere(DescribedPredicate.describe(
                    "make or change a Spring ProblemDetail",
                    (JavaMethodCall call) ->
                            call.getTargetOwner().isEquivalentTo(org.springframework.http.ProblemDetail.class)
                                    && (call.getName().startsWith("for")
                                            || call.getName().startsWith("set"))))
            .because("every problem+json body is written in one place, ProblemWriter, with the application's mapper; "
                    + "response wrappers only pass writes on");

    @ArchTest
    static final ArchRule oneJsonMapper = noClasses()
            .that()
            .doNotHaveSimpleName("JsonConfiguration")
            .should()
            .callMethod(tools.jackson.databind.json.JsonMapper.class, "builder")
            .orShould()
            .callConstructor(tools.jackson.databind.ObjectMapper.class)
            .because("the application writes and reads JSON with one mapper, configured in JsonConfiguration");
}
