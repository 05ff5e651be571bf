package dev.panels.keycloak;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.panels.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The provider's layers: vendor clients below, Keycloak broker and mappers above; no stand-in ships. */
class ArchitectureTest {

    private static final JavaClasses PROVIDER = ArchitectureRules.productClasses("dev.panels.keycloak");

    @Test
    void theStytchAndMedplumClientsDoNotImportKeycloak() {
        ArchitectureRules.vendorClientsDoNotUseKeycloak().check(PROVIDER);
    }

    @Test
    void theClientsDoNotDependOnTheBrokerOrTheMappers() {
        ArchitectureRules.vendorClientsDependOnlyOnThemselves().check(PROVIDER);
    }

    @Test
    void noEmulatorClassIsPartOfTheProvider() {
        ArchitectureRules.productCodeDoesNotUseTheEmulators().check(PROVIDER);
    }
}
