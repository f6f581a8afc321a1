package org.agenthooks.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Fails the build when a dependency points the wrong way. */
@AnalyzeClasses(packages = "org.agenthooks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule dependencies_point_inward = ArchitectureRules.dependenciesPointInward("org.agenthooks");

    @ArchTest
    static final ArchRule every_class_belongs_to_a_ring = ArchitectureRules.everyClassBelongsToARing("org.agenthooks");

    @ArchTest
    static final ArchRule the_core_uses_no_frameworks = ArchitectureRules.coreUsesNoFrameworks("org.agenthooks");

    @ArchTest
    static final ArchRule the_dashboard_is_a_client_of_the_api =
            ArchitectureRules.dashboardIsAClientOfTheApi("org.agenthooks");

    @ArchTest
    static final ArchRule the_domain_needs_only_the_jdk = ArchitectureRules.domainNeedsOnlyTheJdk("org.agenthooks");
}
