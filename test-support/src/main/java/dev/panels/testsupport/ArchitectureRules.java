package dev.panels.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture the modules promise, as rules each module's {@code ArchitectureTest} checks against its own
 * product classes (tests excluded).
 */
public final class ArchitectureRules {

    /** Packages of code that ships (the provider, the app, the bootstrap, the identity binding). */
    private static final String[] PRODUCT = {"dev.panels.keycloak..", "dev.panels.app..", "dev.panels.bootstrap..",
            "dev.panels.identity.."};

    private ArchitectureRules() {
    }

    /** The product classes of a module under {@code rootPackage}, as compiled, without its tests. */
    public static JavaClasses productClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
    }

    /** Shipped code never reaches for a stand-in: the emulators are for tests and the local stack only. */
    public static ArchRule productCodeDoesNotUseTheEmulators() {
        return noClasses().that().resideInAnyPackage(PRODUCT)
                .should().dependOnClassesThat().resideInAPackage("dev.panels.emulator..")
                .because("the Stytch and Medplum stand-ins must never be part of what ships");
    }

    /**
     * The vendor clients ({@code ..stytch.client}, {@code ..medplum.client}) speak HTTP to Stytch and Medplum and
     * know nothing of Keycloak, nor of the broker and mappers built on them.
     */
    public static ArchRule vendorClientsDoNotUseKeycloak() {
        return noClasses().that().resideInAnyPackage("dev.panels.keycloak.stytch.client..", "dev.panels.keycloak.medplum.client..")
                .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..")
                .because("the vendor clients are plain HTTP clients, testable and reusable without Keycloak");
    }

    /** The clients depend on nothing of the provider above them (broker, mappers). */
    public static ArchRule vendorClientsDependOnlyOnThemselves() {
        return noClasses().that().resideInAnyPackage("dev.panels.keycloak.stytch.client..", "dev.panels.keycloak.medplum.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.panels.keycloak.stytch.broker..",
                        "dev.panels.keycloak.stytch.mappers..", "dev.panels.keycloak.medplum.mapper..");
    }
}
