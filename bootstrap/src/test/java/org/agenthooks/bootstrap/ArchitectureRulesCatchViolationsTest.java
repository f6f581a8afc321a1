package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Each rule, run over planted violations, must fail: a rule that silently matches nothing proves nothing. */
class ArchitectureRulesCatchViolationsTest {
    private static final String PLANTED = "org.agenthooks.bootstrap.planted";
    private static final JavaClasses planted = new ClassFileImporter().importPackages(PLANTED);

    @Test
    void a_domain_class_using_an_adapter_breaks_the_onion() {
        assertThatThrownBy(
                        () -> ArchitectureRules.dependenciesPointInward(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyWebhook")
                .hasMessageContaining("PersistenceCallingHttp");
    }

    @Test
    void the_dashboard_using_another_adapter_breaks_the_onion() {
        assertThatThrownBy(
                        () -> ArchitectureRules.dependenciesPointInward(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DashboardBackDoor")
                .hasMessageContaining("WebhookController");
    }

    @Test
    void the_observability_adapter_using_another_adapter_breaks_the_onion() {
        assertThatThrownBy(
                        () -> ArchitectureRules.dependenciesPointInward(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MetricsReadingTheDatabase")
                .hasMessageContaining("PersistenceCallingHttp");
    }

    @Test
    void the_messaging_adapter_using_another_adapter_breaks_the_onion() {
        assertThatThrownBy(
                        () -> ArchitectureRules.dependenciesPointInward(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ConsumerCallingHttp")
                .hasMessageContaining("WebhookController");
    }

    @Test
    void the_dashboard_calling_a_use_case_breaks_the_client_rule() {
        assertThatThrownBy(() ->
                        ArchitectureRules.dashboardIsAClientOfTheApi(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DashboardBackDoor")
                .hasMessageContaining("WebhookStore");
    }

    @Test
    void a_class_in_a_package_of_no_ring_is_caught() {
        assertThatThrownBy(() ->
                        ArchitectureRules.everyClassBelongsToARing(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StrayHelper");
    }

    @Test
    void a_use_case_using_jdbc_breaks_the_framework_ban() {
        assertThatThrownBy(() -> ArchitectureRules.coreUsesNoFrameworks(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("JdbcInTheCore");
    }

    @Test
    void a_use_case_using_opentelemetry_breaks_the_framework_ban() {
        assertThatThrownBy(() -> ArchitectureRules.coreUsesNoFrameworks(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SpanInTheCore");
    }

    @Test
    void a_domain_class_using_anything_but_the_jdk_breaks_the_domain_rule() {
        assertThatThrownBy(
                        () -> ArchitectureRules.domainNeedsOnlyTheJdk(PLANTED).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyWebhook");
    }
}
