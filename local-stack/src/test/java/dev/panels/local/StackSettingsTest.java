package dev.panels.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static final Path DIR = Path.of("target/runtime");

    @Test
    void defaultsToLibertyEmulatorsAndTheDocumentedPorts() {
        StackSettings settings = StackSettings.parse(new String[0], Map.of(), DIR, DIR, DIR);

        assertThat(settings.appServer()).isEqualTo(StackSettings.AppServer.LIBERTY);
        assertThat(settings.externalStytch()).isFalse();
        assertThat(settings.externalMedplum()).isFalse();
        assertThat(settings.appUrl()).isEqualTo("http://localhost:8080/panels");
        assertThat(settings.issuer()).isEqualTo("http://localhost:8180/realms/panels");
        assertThat(settings.stytchUrl()).isEqualTo("http://127.0.0.1:8110");
        assertThat(settings.medplumUrl()).isEqualTo("http://127.0.0.1:8210");
    }

    @Test
    void selectsWildFlyAndFreshState() {
        StackSettings settings = StackSettings.parse(new String[] {"--server=wildfly", "--fresh"}, Map.of(), DIR, DIR, DIR);

        assertThat(settings.appServer()).isEqualTo(StackSettings.AppServer.WILDFLY);
        assertThat(settings.fresh()).isTrue();
    }

    @Test
    void aClusterKeepsThePublicUrlsOnTheBalancerAndRunsTwoKeycloakNodesAndBothAppServers() {
        StackSettings settings = StackSettings.parse(new String[] {"--cluster"}, Map.of(), DIR, DIR, DIR);

        assertThat(settings.cluster()).isTrue();
        assertThat(settings.appUrl()).isEqualTo("http://localhost:8080/panels");
        assertThat(settings.issuer()).isEqualTo("http://localhost:8180/realms/panels");
        assertThat(settings.keycloakNodes()).extracting(KeycloakNode::name, KeycloakNode::httpPort, KeycloakNode::managementPort,
                KeycloakNode::clusterPort).containsExactly(org.assertj.core.groups.Tuple.tuple("keycloak-a", 8300, 8301, 8302),
                org.assertj.core.groups.Tuple.tuple("keycloak-b", 8310, 8311, 8312));
        assertThat(settings.appNodes()).extracting(AppNode::server, AppNode::httpPort).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StackSettings.AppServer.LIBERTY, 8320),
                org.assertj.core.groups.Tuple.tuple(StackSettings.AppServer.WILDFLY, 8330));
        // every node's ports, the failure-detection ones included, are checked before anything starts
        assertThat(settings.listenPorts().values()).contains(8080, 8180, 8340, 8300, 8301, 8302, 8402, 8310, 8311, 8312, 8412,
                8320, 8683, 8330, 8693, 10240, 8334, 8335).doesNotHaveDuplicates();
        assertThat(KeycloakRuntime.environment(settings)).as("Keycloak's nodes share the stack's PostgreSQL")
                .containsEntry("KC_DB_URL", "jdbc:postgresql://127.0.0.1:54329/keycloak");
    }

    @Test
    void aClusterRefusesAChosenServerAndAnExternalAppDatabaseWithoutKeycloaksOwn() {
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--cluster", "--server=wildfly"}, Map.of(), DIR, DIR, DIR))
                .hasMessageContaining("--cluster runs both app servers");
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--cluster"}, Map.of("PANELS_DB_URL", "jdbc:postgresql://db/panels"),
                DIR, DIR, DIR)).hasMessageContaining("KC_DB_URL");
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--cluster"}, Map.of("PANELS_CLUSTER_PORT_BASE", "65000"),
                DIR, DIR, DIR)).hasMessageContaining("PANELS_CLUSTER_PORT_BASE");
    }

    @Test
    void realServicesAreConfigurationOnly() {
        StackSettings settings = StackSettings.parse(new String[0], Map.of(
                "STYTCH_PROJECT_ID", "project-live-abc", "STYTCH_API_BASE_URL", "https://api.stytch.com",
                "MEDPLUM_BASE_URL", "https://api.medplum.com", "PANELS_DB_URL", "jdbc:postgresql://db/panels"), DIR, DIR, DIR);

        assertThat(settings.externalStytch()).isTrue();
        assertThat(settings.stytchUrl()).isEqualTo("https://api.stytch.com");
        assertThat(settings.medplumUrl()).isEqualTo("https://api.medplum.com");
        assertThat(settings.externalDatabase()).isTrue();
    }

    @Test
    void portsComeFromTheEnvironment() {
        StackSettings settings = StackSettings.parse(new String[0],
                Map.of("PANELS_HTTP_PORT", "18540", "PANELS_KEYCLOAK_PORT", "18510"), DIR, DIR, DIR);

        assertThat(settings.appUrl()).isEqualTo("http://localhost:18540/panels");
        assertThat(settings.keycloakUrl()).isEqualTo("http://localhost:18510");
    }

    @Test
    void rejectsUnknownOptionsServersAndPortsWithAClearMessage() {
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--serve=liberty"}, Map.of(), DIR, DIR, DIR))
                .hasMessageContaining("Unknown option --serve=liberty");
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--server=tomcat"}, Map.of(), DIR, DIR, DIR))
                .hasMessageContaining("liberty or wildfly");
        assertThatThrownBy(() -> StackSettings.parse(new String[0], Map.of("PANELS_HTTP_PORT", "80800"), DIR, DIR, DIR))
                .hasMessageContaining("PANELS_HTTP_PORT must be a TCP port");
        assertThatThrownBy(() -> StackSettings.parse(new String[0], Map.of("PANELS_HTTP_PORT", "http"), DIR, DIR, DIR))
                .hasMessageContaining("not 'http'");
    }

    /** Issue 17.1: run-local after the tests reused a Keycloak database imported for the test ports. */
    @Test
    void theTestStackAndRunLocalKeepKeycloaksDatabaseInTheirOwnStateNotInTheSharedRuntime() {
        Path runtime = Path.of("/x/local-stack/target/runtime");
        StackSettings runLocal = StackSettings.parse(new String[0], Map.of(), runtime, Path.of("/x/local-stack/target/run-local"), Path.of("/x"));
        StackSettings tests = StackSettings.parse(new String[0], Map.of("PANELS_KEYCLOAK_PORT", "18510"), runtime,
                Path.of("/x/local-stack/target/it-stack-liberty"), Path.of("/x"));

        String runLocalDb = KeycloakRuntime.environment(runLocal).get("KC_DB_URL");
        String testsDb = KeycloakRuntime.environment(tests).get("KC_DB_URL");

        assertThat(runLocalDb).contains("/x/local-stack/target/run-local/").doesNotContain(runtime.toString());
        assertThat(testsDb).contains("/x/local-stack/target/it-stack-liberty/");
        assertThat(KeycloakRuntime.environment(tests)).containsEntry("PANELS_APP_URL", tests.appUrl());
    }

    @Test
    void deploysTheBuiltWarUnlessTheBenchmarkNamesAnother() {
        Path runtime = Path.of("/tmp/runtime");
        assertThat(StackSettings.parse(new String[0], Map.of(), runtime, DIR, DIR).appWar())
                .isEqualTo(runtime.resolve("artifacts/panels-app.war"));
        assertThat(StackSettings.parse(new String[0], Map.of("PANELS_APP_WAR", "/tmp/bench/panels-with-probe.war"), runtime, DIR, DIR)
                .appWar()).isEqualTo(Path.of("/tmp/bench/panels-with-probe.war"));
    }
}
