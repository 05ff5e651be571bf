package dev.panels.app.health;

import dev.panels.app.PanelsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Ready only while Medplum answers its (public) capability statement: worklists cannot work without it.
 * Never sends a user's token and never reports one.
 */
@Readiness
@ApplicationScoped
public class MedplumHealthCheck implements HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    PanelsConfig config;

    @Override
    public HealthCheckResponse call() {
        String base = config.medplumFhirBaseUrl();
        String url = (base.endsWith("/") ? base : base + "/") + "metadata";
        var response = HealthCheckResponse.named("medplum").withData("url", base);
        try {
            HttpResponse<Void> reply = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.withData("status", reply.statusCode()).status(reply.statusCode() / 100 == 2).build();
        } catch (IOException | IllegalArgumentException e) {
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().build();
        }
    }
}
