package org.agenthooks.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.OnionArchitecture;

/** The dependency rules, for any root package: the real code's, and the planted violations' that prove them. */
final class ArchitectureRules {
    private ArchitectureRules() {}

    static ArchRule dependenciesPointInward(String root) {
        return rings(root).because("the core must not know its adapters, and no adapter may use another");
    }

    private static OnionArchitecture rings(String root) {
        return onionArchitecture()
                .domainModels(root + ".domain..")
                .domainServices(root + ".application.port..")
                .applicationServices(root + ".application.service..", root + ".application.delivery..")
                .adapter("http", root + ".adapters.http..")
                .adapter("persistence", root + ".adapters.persistence..")
                .adapter("delivery", root + ".adapters.delivery..")
                .adapter("dashboard", root + ".adapters.dashboard..")
                .adapter("observability", root + ".adapters.observability..")
                .adapter("messaging", root + ".adapters.messaging..")
                .ignoreDependency(resideInAPackage(root + ".bootstrap.."), alwaysTrue());
    }

    /** The same rings, and no class outside them: a new top-level package cannot slip past every rule. */
    static ArchRule everyClassBelongsToARing(String root) {
        return rings(root)
                .ensureAllClassesAreContainedInArchitectureIgnoring(root + ".bootstrap..")
                .because("a class outside every ring is checked by no dependency rule");
    }

    static ArchRule coreUsesNoFrameworks(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".domain..", root + ".application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.helidon..",
                        "jakarta..",
                        "javax.json..",
                        "java.sql..",
                        "javax.sql..",
                        "com.zaxxer..",
                        "org.flywaydb..",
                        "org.h2..",
                        "org.postgresql..",
                        "org.eclipse.parsson..",
                        "com.fasterxml..",
                        "org.glassfish..",
                        "io.opentelemetry..")
                .because("the domain and the use cases are plain Java; technology lives in adapters");
    }

    static ArchRule dashboardIsAClientOfTheApi(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".adapters.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".application..", root + ".domain..")
                .because("the dashboard calls the public /v1 API from the browser, like any client: no back door");
    }

    static ArchRule domainNeedsOnlyTheJdk(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(root + ".domain..", "java..", "javax.crypto..")
                .because("the domain depends on the JDK alone");
    }
}
