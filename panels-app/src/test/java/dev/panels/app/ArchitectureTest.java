package dev.panels.app;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.panels.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void noEmulatorClassIsPartOfTheApp() {
        ArchitectureRules.productCodeDoesNotUseTheEmulators().check(ArchitectureRules.productClasses("dev.panels.app"));
    }

    @Test
    void jsonIsBuiltThroughTheProviderLookedUpOnce() {
        ArchRuleDefinition.noClasses().that().doNotHaveFullyQualifiedName(Jsonp.class.getName())
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a static method of jakarta.json.Json",
                        call -> call.getTargetOwner().isEquivalentTo(jakarta.json.Json.class)))
                .because("jakarta.json.Json looks its provider up through ServiceLoader on every call (see Jsonp)")
                .check(ArchitectureRules.productClasses("dev.panels.app"));
    }
}
