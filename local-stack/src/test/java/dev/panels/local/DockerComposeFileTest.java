package dev.panels.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead: services, images,
 * ports, health checks, and that every bind mount points at something the repo has or its build produces.
 */
class DockerComposeFileTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Build outputs that compose mounts, each with the pom that produces it. */
    private static final Map<String, String> BUILD_OUTPUTS = Map.of(
            "./keycloak-stytch-idp/target/keycloak-stytch-idp.jar", "keycloak-stytch-idp/pom.xml",
            "./panels-app/target/panels.war", "panels-app/pom.xml",
            "./local-stack/target/runtime/artifacts/postgresql.jar", "local-stack/pom.xml",
            "./emulators/stytch-emulator/target/app", "emulators/stytch-emulator/pom.xml",
            "./emulators/medplum-emulator/target/app", "emulators/medplum-emulator/pom.xml");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
            compose = new Yaml(options).load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void hasTheProductionServicesAndTheLocalEmulatorProfile() {
        assertThat(services).containsKeys("keycloak", "keycloak-db", "app-db", "app-liberty", "app-wildfly",
                "medplum-server", "medplum-db", "medplum-redis", "stytch-emulator", "medplum-emulator");
        assertThat(profiles("stytch-emulator")).containsExactly("local");
        assertThat(profiles("medplum-emulator")).containsExactly("local");
        assertThat(profiles("app-liberty")).containsExactly("liberty");
        assertThat(profiles("app-wildfly")).containsExactly("wildfly");
        assertThat(profiles("keycloak")).isEmpty();
    }

    @Test
    void usesOfficialImagesPinnedToTheVersionsTheBuildTests() {
        assertThat(image("keycloak")).isEqualTo("quay.io/keycloak/keycloak:" + Versions.KEYCLOAK);
        assertThat(image("app-wildfly")).startsWith("quay.io/wildfly/wildfly:" + Versions.WILDFLY);
        assertThat(image("app-liberty")).startsWith("icr.io/appcafe/open-liberty:");
        assertThat(image("medplum-server")).startsWith("medplum/medplum-server:").doesNotEndWith(":latest");
        services.keySet().forEach(name -> assertThat(image(name)).as(name).contains(":").doesNotEndWith(":latest"));
    }

    @Test
    void keycloakImportsTheRealmExportAndLoadsOurProvider() {
        assertThat(stringList(services.get("keycloak").get("command"))).contains("--import-realm");
        assertThat(volumes("keycloak")).contains("./realm-export:/opt/keycloak/data/import:ro",
                "./keycloak-stytch-idp/target/keycloak-stytch-idp.jar:/opt/keycloak/providers/keycloak-stytch-idp.jar:ro");
    }

    @Test
    void everyServiceHasAHealthCheckAndARestartPolicy() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        });
    }

    @Test
    void publishedHostPortsDoNotCollide() {
        List<String> hostPorts = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                hostPorts.add(profiles(name) + ":" + port.toString().split(":")[0]);
            }
        });
        assertThat(hostPorts).doesNotHaveDuplicates();
    }

    @Test
    void everyBindMountExistsInTheRepoOrIsABuildOutputOfAModule() throws IOException {
        for (String name : services.keySet()) {
            for (String volume : volumes(name)) {
                String source = volume.split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(compose.get("volumes")).as(name + " named volume " + source).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey(source);
                } else if (BUILD_OUTPUTS.containsKey(source)) {
                    String pom = Files.readString(REPO.resolve(BUILD_OUTPUTS.get(source)));
                    String produced = Path.of(source).getFileName().toString().replaceFirst("\\.(jar|war)$", "");
                    assertThat(pom).as(source + " must be produced by " + BUILD_OUTPUTS.get(source)).contains(produced);
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

    private static List<String> profiles(String service) {
        return stringList(services.get(service).get("profiles"));
    }

    private static String image(String service) {
        return String.valueOf(services.get(service).get("image"));
    }

    private static List<String> volumes(String service) {
        return stringList(services.get(service).get("volumes"));
    }

    private static List<String> stringList(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
