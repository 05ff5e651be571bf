package dev.panels.app.auth;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Deny by default: every JAX-RS resource method in the WAR must say who may call it. */
class ResourceSecurityTest {

    @Test
    void everyResourceMethodDeclaresItsRoles() throws Exception {
        List<Class<?>> resources = resourceClasses();
        List<String> endpoints = new ArrayList<>();
        List<String> unprotected = new ArrayList<>();
        for (Class<?> resource : resources) {
            for (Method method : resource.getDeclaredMethods()) {
                if (Arrays.stream(method.getAnnotations()).noneMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))
                        && !method.isAnnotationPresent(Path.class)) {
                    continue;
                }
                String name = resource.getSimpleName() + "." + method.getName();
                endpoints.add(name);
                AccessControlFilter.Access access = AccessControlFilter.Access.of(method, resource);
                if (!access.declared() || access.permitAll()) {
                    unprotected.add(name);
                }
            }
        }
        assertThat(endpoints).as("the scan must find the API").contains("MeResource.me", "PanelResource.create");
        assertThat(unprotected).as("resource methods without @RolesAllowed").isEmpty();
    }

    @Test
    void anUnannotatedMethodCountsAsUnprotected() throws Exception {
        class Open {
            @jakarta.ws.rs.GET
            public String get() {
                return "";
            }
        }
        Method get = Open.class.getDeclaredMethod("get");
        assertThat(AccessControlFilter.Access.of(get, Open.class).declared()).isFalse();
    }

    static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        var root = Paths.get(MeResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ResourceSecurityTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
