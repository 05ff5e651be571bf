package dev.panels.app;

import dev.panels.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void noEmulatorClassIsPartOfTheApp() {
        ArchitectureRules.productCodeDoesNotUseTheEmulators().check(ArchitectureRules.productClasses("dev.panels.app"));
    }
}
