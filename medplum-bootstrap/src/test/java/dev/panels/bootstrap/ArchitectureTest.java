package dev.panels.bootstrap;

import dev.panels.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void noEmulatorClassIsPartOfTheBootstrap() {
        ArchitectureRules.productCodeDoesNotUseTheEmulators().check(ArchitectureRules.productClasses("dev.panels.bootstrap"));
    }
}
