package dev.panels.app.metrics;

import dev.panels.app.PanelsConfig;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics} in Prometheus' text format, for a scraper presenting {@code PANELS_METRICS_TOKEN} as
 * {@code Authorization: Panels-Metrics <token>} (Prometheus: {@code authorization: {type: Panels-Metrics,
 * credentials_file: …}}). Not {@code Bearer}: the servers' MP-JWT layer claims every bearer token sent to this WAR
 * and refuses one that is not a JWT before it reaches the servlet (Open Liberty does). Without a configured token the
 * endpoint does not exist (404): route names, error rates and JVM figures are not for the public internet.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    static final String SCHEME = "Panels-Metrics";
    private static final String PREFIX = SCHEME + " ";

    @Inject
    PanelsConfig config;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> token = config.metricsToken();
        if (token.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith(PREFIX) || !MessageDigest.isEqual(
                header.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", SCHEME + " realm=\"panels-metrics\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(AppMetrics.scrape());
    }
}
