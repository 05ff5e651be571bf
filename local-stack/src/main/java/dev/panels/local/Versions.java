package dev.panels.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Runtime versions, taken from the parent pom at build time (resource filtering), so they live in one place. */
final class Versions {
    private static final Properties PROPERTIES = load();
    static final String KEYCLOAK = PROPERTIES.getProperty("keycloak.version");
    static final String WILDFLY = PROPERTIES.getProperty("wildfly.version");

    private Versions() {
    }

    private static Properties load() {
        try (InputStream in = Versions.class.getResourceAsStream("/local-stack.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
