package dev.panels.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repo's docker-compose.yml, parsed strictly (duplicate keys are an error), for the tests that check it. */
final class ComposeFile {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    final Map<String, Object> root;
    final Map<String, Map<String, Object>> services;

    @SuppressWarnings("unchecked")
    private ComposeFile(Map<String, Object> root) {
        this.root = root;
        this.services = (Map<String, Map<String, Object>>) root.get("services");
    }

    static ComposeFile load() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
            return new ComposeFile(new Yaml(options).load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    List<String> profiles(String service) {
        return stringList(services.get(service).get("profiles"));
    }

    String image(String service) {
        return String.valueOf(services.get(service).get("image"));
    }

    List<String> volumes(String service) {
        return stringList(services.get(service).get("volumes"));
    }

    List<String> ports(String service) {
        return stringList(services.get(service).get("ports"));
    }

    List<String> command(String service) {
        return stringList(services.get(service).get("command"));
    }

    /** Bind-mount sources under a module's target/: what the build must have produced before `docker compose up`. */
    List<Mount> buildOutputMounts() {
        return services.keySet().stream()
                .flatMap(service -> volumes(service).stream().map(volume -> new Mount(service, volume.split(":")[0])))
                .filter(mount -> mount.source().contains("/target/"))
                .toList();
    }

    record Mount(String service, String source) {
        Path path() {
            return REPO.resolve(source).normalize();
        }
    }

    private static List<String> stringList(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
