package dev.panels.local;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aPortHeldByALeftoverServerStopsTheStartWithWhatItWasFor() throws Exception {
        try (ServerSocket leftover = new ServerSocket()) {
            leftover.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = leftover.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(Map.of("the app (PANELS_HTTP_PORT)", port)))
                    .hasMessageContaining("port " + port + " for the app (PANELS_HTTP_PORT) is in use");
        }
    }

    @Test
    void aPortConfiguredForTwoPartsIsRefused() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Keycloak", 1);
        ports.put("the app", 1);

        assertThatThrownBy(() -> Ports.requireFree(ports)).hasMessageContaining("port 1 is configured for both Keycloak and the app");
    }

    @Test
    void theWildFlyStackListsItsDerivedPortsAndTheEmulatorsOnlyWhenItRunsThem() {
        StackSettings wildfly = StackSettings.parse(new String[] {"--server=wildfly"}, Map.of("PANELS_HTTP_PORT", "18540"),
                Path.of("r"), Path.of("s"), Path.of("."));
        assertThat(wildfly.listenPorts().values()).contains(18540, 20450, 18903, 18544, 18545, 8110, 8210);

        StackSettings external = StackSettings.parse(new String[0], Map.of("STYTCH_PROJECT_ID", "project-test-x",
                "MEDPLUM_BASE_URL", "https://api.medplum.com"), Path.of("r"), Path.of("s"), Path.of("."));
        assertThat(external.listenPorts().values()).doesNotContain(8110, 8210, 20450);
    }
}
