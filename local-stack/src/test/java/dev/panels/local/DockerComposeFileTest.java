package dev.panels.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead: services, images,
 * ports, health checks, and that every bind mount points at something the repo has or its build produces.
 */
class DockerComposeFileTest {

    /** Build outputs that compose mounts; ComposeBuildOutputsIT opens each one after the build made it. */
    static final Set<String> BUILD_OUTPUTS = Set.of(
            "./keycloak-stytch-idp/target/keycloak-stytch-idp.jar",
            "./panels-app/target/panels.war",
            "./local-stack/target/runtime/artifacts/postgresql.jar",
            "./medplum-bootstrap/target/medplum-bootstrap.jar",
            "./emulators/stytch-emulator/target/app",
            "./emulators/medplum-emulator/target/app");

    private static final Path REPO = ComposeFile.REPO;
    private static ComposeFile file;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> compose;

    @BeforeAll
    static void parse() throws IOException {
        file = ComposeFile.load();
        services = file.services;
        compose = file.root;
    }

    @Test
    void hasTheProductionServicesAndTheLocalEmulatorProfile() {
        assertThat(services).containsKeys("proxy", "keycloak", "keycloak-db", "app-db", "app-liberty", "app-wildfly",
                "medplum-server", "medplum-db", "medplum-redis", "stytch-emulator", "medplum-emulator", "medplum-bootstrap");
        assertThat(file.profiles("medplum-bootstrap")).containsExactly("bootstrap");
        assertThat(file.profiles("stytch-emulator")).containsExactly("local");
        assertThat(file.profiles("medplum-emulator")).containsExactly("local");
        assertThat(file.profiles("app-liberty")).containsExactly("liberty", "cluster");
        assertThat(file.profiles("app-wildfly")).containsExactly("wildfly", "cluster");
        assertThat(file.profiles("keycloak")).isEmpty();
        assertThat(file.profiles("keycloak-b")).containsExactly("cluster");
        assertThat(file.profiles("balancer")).containsExactly("cluster");
    }

    @Test
    void theClusterProfileRunsASecondIdenticalKeycloakNodeBehindTheBalancerRunLocalUses() throws IOException {
        assertThat(file.environment("keycloak-b")).as("node B is configured exactly as node A").isEqualTo(file.environment("keycloak"));
        assertThat(file.image("keycloak-b")).isEqualTo(file.image("keycloak"));
        assertThat(file.environment("keycloak")).containsEntry("KC_CACHE", "ispn")
                .as("Keycloak's documented default discovery: jdbc-ping, through the shared database").doesNotContainKey("KC_CACHE_STACK");
        assertThat(file.volumes("balancer")).contains("./deploy/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        // every variable the balancer's configuration reads is set (the secure-cookie switch is optional)
        Map<String, Object> balancer = file.environment("balancer");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+)}")
                .matcher(Files.readString(REPO.resolve("deploy/haproxy/haproxy.cfg")));
        while (used.find()) {
            assertThat(balancer).as("balancer sets " + used.group(1)).containsKey(used.group(1));
        }
        assertThat(balancer).containsEntry("PANELS_LB_SECURE_COOKIES", "true");
        assertThat(String.valueOf(balancer.get("KEYCLOAK_B"))).startsWith("keycloak-b:");
    }

    @Test
    void everyVariableOfTheProxyTemplateIsSetForTheProxy() throws IOException {
        Map<String, Object> proxy = file.environment("proxy");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+)}")
                .matcher(Files.readString(REPO.resolve("deploy/nginx/templates/panels.conf.template")));
        int variables = 0;
        while (used.find()) {
            variables++;
            // nginx's image fills in only variables it is given; any other stays literal and breaks the configuration
            assertThat(proxy).as("proxy sets " + used.group(1)).containsKey(used.group(1));
        }
        assertThat(variables).isPositive();
    }

    @Test
    void usesOfficialImagesPinnedToTheVersionsTheBuildTests() {
        assertThat(file.image("keycloak")).isEqualTo("quay.io/keycloak/keycloak:" + Versions.KEYCLOAK);
        assertThat(file.image("app-wildfly")).startsWith("quay.io/wildfly/wildfly:" + Versions.WILDFLY);
        assertThat(file.image("app-liberty")).startsWith("icr.io/appcafe/open-liberty:");
        assertThat(file.image("medplum-server")).startsWith("medplum/medplum-server:").doesNotEndWith(":latest");
        services.keySet().forEach(name -> assertThat(file.image(name)).as(name).contains(":").doesNotEndWith(":latest"));
    }

    @Test
    void keycloakImportsTheRealmExportAndLoadsOurProvider() {
        assertThat(file.command("keycloak")).contains("--import-realm");
        assertThat(file.volumes("keycloak")).contains("./realm-export:/opt/keycloak/data/import:ro",
                "./keycloak-stytch-idp/target/keycloak-stytch-idp.jar:/opt/keycloak/providers/keycloak-stytch-idp.jar:ro");
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndARestartPolicyAndTheOneShotBootstrapIsNeverRestarted() {
        services.forEach((name, service) -> {
            if (file.profiles(name).contains("bootstrap")) {
                assertThat(service.get("restart")).as(name).isEqualTo("no");
                return;
            }
            assertThat(service).as(name).containsKey("healthcheck");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        });
    }

    @Test
    void publishedHostPortsDoNotCollide() {
        List<String> hostPorts = new ArrayList<>();
        services.keySet().forEach(name -> {
            for (String port : file.ports(name)) {
                hostPorts.add(file.profiles(name) + ":" + port.split(":")[0]);
            }
        });
        assertThat(hostPorts).doesNotHaveDuplicates();
    }

    @Test
    void everyBindMountExistsInTheRepoOrIsABuildOutputOfAModule() throws IOException {
        for (String name : services.keySet()) {
            for (String volume : file.volumes(name)) {
                String source = volume.split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(compose.get("volumes")).as(name + " named volume " + source).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey(source);
                } else if (source.contains("/target/")) {
                    assertThat(BUILD_OUTPUTS).as(name + " mounts a build output nobody checks: " + source).contains(source);
                } else {
                    assertThat(REPO.resolve(source)).as(name + " mounts " + source).exists();
                }
            }
        }
    }

    @Test
    void secretsComeFromTheEnvironmentAndEveryVariableIsDocumentedInEnvExample() throws IOException {
        String file = Files.readString(REPO.resolve("docker-compose.yml"));
        String example = Files.readString(REPO.resolve(".env.example"));
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(file);
        Set<String> seen = new java.util.TreeSet<>();
        while (variable.find()) {
            seen.add(variable.group(1));
        }
        assertThat(seen).isNotEmpty();
        seen.forEach(name -> assertThat(example).as(name + " in .env.example").containsPattern("(?m)^#?\\s*" + name + "="));
        assertThat(file).doesNotContainPattern("(?i)password:\\s*[a-z0-9]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakAndTheAppAreReachedOnlyThroughTheTlsProxyWhichAloneIsTrustedForClientAddresses() throws IOException {
        for (String name : List.of("keycloak", "keycloak-b", "balancer", "app-liberty", "app-wildfly")) {
            assertThat(services.get(name)).as(name + " publishes no port of its own").doesNotContainKey("ports");
        }
        Map<String, Object> edge = (Map<String, Object>) ((Map<String, Object>) services.get("proxy").get("networks")).get("edge");
        Map<String, Object> keycloak = file.environment("keycloak");
        assertThat(keycloak.get("KC_PROXY_HEADERS")).isEqualTo("xforwarded");
        Map<String, Object> balancerEdge = (Map<String, Object>) ((Map<String, Object>) services.get("balancer").get("networks")).get("edge");
        assertThat(keycloak.get("KC_PROXY_TRUSTED_ADDRESSES")).as("only the proxy's and the balancer's fixed addresses")
                .isEqualTo(edge.get("ipv4_address") + "," + balancerEdge.get("ipv4_address"));
        assertThat(String.valueOf(keycloak.get("KC_HOSTNAME"))).startsWith("https://");
        assertThat(String.valueOf(keycloak.get("KC_HOSTNAME_ADMIN"))).startsWith("https://").isNotEqualTo(keycloak.get("KC_HOSTNAME"));
        assertThat(file.ports("proxy")).contains("443:443").contains("127.0.0.1:9443:9443")
                .allSatisfy(port -> assertThat(port).as("admin listener on loopback only").doesNotMatch("^9443:.*"));

        // The public Keycloak host serves realms and resources, and nothing else: no admin console there.
        String nginx = Files.readString(REPO.resolve("deploy/nginx/templates/panels.conf.template"));
        String publicKeycloak = nginx.substring(nginx.indexOf("server_name ${KEYCLOAK_HOST};"), nginx.indexOf("server_name ${KEYCLOAK_ADMIN_HOST};"));
        assertThat(publicKeycloak).contains("location /realms/", "location /resources/").containsPattern("location / \\{\\s*return 404;")
                .doesNotContain("/admin");
        assertThat(nginx).contains("listen 9443 ssl;").contains("return 301 https://");
        // The app's metrics are scraped inside the network, never served to the internet.
        String publicApp = nginx.substring(nginx.indexOf("server_name ${PANELS_HOST};"), nginx.indexOf("server_name ${KEYCLOAK_HOST};"));
        assertThat(publicApp).containsPattern("location = /panels/metrics \\{\\s*return 404;");
    }

    @Test
    void theAppAndTheBootstrapShareTheLiveHookKeyAndTheHooksGoToTheAppsPublicUrl() {
        Map<String, Object> app = file.environment("app-liberty");
        Map<String, Object> bootstrap = file.environment("medplum-bootstrap");
        assertThat(app.get("PANELS_LIVE_HOOK_KEY")).isEqualTo("${PANELS_LIVE_HOOK_KEY:?set PANELS_LIVE_HOOK_KEY in .env}")
                .isEqualTo(bootstrap.get("PANELS_LIVE_HOOK_KEY"));
        assertThat(bootstrap.get("PANELS_APP_URL")).isEqualTo(app.get("PANELS_APP_URL"));
        assertThat(file.environment("app-wildfly")).containsEntry("PANELS_LIVE_HOOK_KEY", app.get("PANELS_LIVE_HOOK_KEY"));
    }

    @Test
    void noSecretOfTheRealmExportFallsBackToItsLocalDevelopmentDefault() throws IOException {
        String realm = Files.readString(REPO.resolve("realm-export/panels-realm.json"));
        Map<String, Object> keycloak = file.environment("keycloak");
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]*(SECRET|PASSWORD|KEYS)[A-Z0-9_]*)(:[^}]*)?}").matcher(realm);
        List<String> secrets = new ArrayList<>();
        while (placeholder.find()) {
            secrets.add(placeholder.group(1));
        }
        assertThat(secrets).contains("PANELS_CLIENT_SECRET", "STYTCH_SECRET", "MEDPLUM_SECRET_NORTHWIND", "PANELS_MEDPLUM_TOKEN_KEYS");
        for (String secret : secrets) {
            assertThat(keycloak).as("compose sets " + secret + ", so the realm's default never applies").containsKey(secret);
            assertThat(String.valueOf(keycloak.get(secret))).as(secret + " is required or empty, never a default value")
                    .matches("\\$\\{" + secret + "(:\\?.*|:-)}");
        }
    }
}
