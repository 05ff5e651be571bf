package dev.panels.app.metrics;

import dev.panels.app.PanelsApplication;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * Times every API request, tagged with its route template ({@code /api/panels/{id}/rows}), never the concrete path,
 * so ids do not become metric labels. Runs first on the way in and last on the way out, refusals included.
 */
@Provider
@Priority(1)
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";
    private static final String APPLICATION = "/" + strip(PanelsApplication.class.getAnnotation(ApplicationPath.class).value());

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            AppMetrics.request(request.getMethod(), route(resource), response.getStatus(), started);
        }
    }

    static String route(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String route = APPLICATION + "/" + strip(type == null ? "" : type.value()) + (own == null ? "" : "/" + strip(own.value()));
        return route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }

    private static String strip(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
