package dev.panels.app.medplum;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import dev.panels.app.PanelsConfig;
import dev.panels.app.metrics.AppMetrics;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;

import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The only way the app talks to Medplum: a HAPI FHIR client per call carrying the caller's own Medplum
 * token, over the context's pooled connections. Idempotent reads retry with backoff; every call has
 * a timeout and goes through a circuit breaker, so a Medplum outage costs callers milliseconds.
 * Fault-tolerance values can be tuned per deployment through MP Config
 * (e.g. {@code dev.panels.app.medplum.MedplumGateway/search/CircuitBreaker/delay}).
 */
@ApplicationScoped
public class MedplumGateway {

    @Inject
    Fhir fhir;

    @Inject
    PanelsConfig config;

    @PostConstruct
    void configure() {
        IRestfulClientFactory factory = fhir.context().getRestfulClientFactory();
        factory.setConnectTimeout(config.medplumConnectTimeoutMs());
        factory.setConnectionRequestTimeout(config.medplumConnectTimeoutMs());
        factory.setSocketTimeout(config.medplumReadTimeoutMs());
        factory.setPoolMaxTotal(50);
        factory.setPoolMaxPerRoute(50);
        // Medplum's capability statement is known; fetching it before each new base only adds latency.
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    /** A FHIR search, {@code query} being {@code Type?param=value&...} (already encoded). */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = UpstreamUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = UpstreamUnavailableException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Bundle search(String medplumToken, String query) {
        return call("search", medplumToken, client -> client.search().byUrl(query).returnBundle(Bundle.class).execute());
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = UpstreamUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = UpstreamUnavailableException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Task readTask(String medplumToken, String id) {
        return call("read", medplumToken, client -> client.read().resource(Task.class).withId(id).execute());
    }

    /**
     * Whether {@code reference} ({@code Type/id}) is readable with this token: Medplum scopes every token to one
     * project, so another organization's resource answers 404 here, exactly like a missing one.
     */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = UpstreamUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = UpstreamUnavailableException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public boolean exists(String medplumToken, String reference) {
        try {
            return call("read", medplumToken, client -> client.read().resource(reference.substring(0, reference.indexOf('/')))
                    .withId(reference.substring(reference.indexOf('/') + 1)).execute()) != null;
        } catch (ProblemException e) {
            if (e.problem().type() == ProblemType.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Not retried: a second attempt after an unknown outcome could apply a stale change. */
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = UpstreamUnavailableException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Task updateTask(String medplumToken, Task task) {
        return call("update", medplumToken, client -> {
            // If-Match with the version read: Medplum refuses the update if someone changed the Task since.
            var update = client.update().resource(task).withId(task.getIdElement().toUnqualifiedVersionless());
            if (task.getIdElement().hasVersionIdPart()) {
                update.withAdditionalHeader("If-Match", "W/\"" + task.getIdElement().getVersionIdPart() + "\"");
            }
            MethodOutcome outcome = update.execute();
            return outcome.getResource() instanceof Task updated ? updated : task;
        });
    }

    /** Not retried: creating twice would duplicate the event. */
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = UpstreamUnavailableException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public void createAuditEvent(String medplumToken, AuditEvent event) {
        call("create", medplumToken, client -> client.create().resource(event).execute());
    }

    private <T> T call(String operation, String medplumToken, Function<IGenericClient, T> action) {
        IGenericClient client = fhir.context().newRestfulGenericClient(config.medplumFhirBaseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(medplumToken));
        long started = System.nanoTime();
        try {
            T result = action.apply(client);
            AppMetrics.medplum(operation, "success", started);
            return result;
        } catch (FhirClientConnectionException e) {
            AppMetrics.medplum(operation, "unavailable", started);
            throw new UpstreamUnavailableException("Medplum did not answer", e);
        } catch (BaseServerResponseException e) {
            AppMetrics.medplum(operation, "http_" + e.getStatusCode(), started);
            throw translate(e);
        }
    }

    /** Medplum's own statuses become the app's problem categories; its messages stay in the log. */
    static RuntimeException translate(BaseServerResponseException e) {
        int status = e.getStatusCode();
        if (status >= 500 || status == 429 || status == 408) {
            return new UpstreamUnavailableException("Medplum answered " + status, e);
        }
        return switch (status) {
            case 401 -> new ProblemException(ProblemType.TOKEN, "Medplum refused your Medplum access; sign in again");
            case 403 -> new ProblemException(ProblemType.PERMISSION, "Medplum does not allow you this data");
            case 404, 410 -> new ProblemException(ProblemType.NOT_FOUND, "Not found in Medplum");
            case 409, 412 -> new ProblemException(ProblemType.CONFLICT, "Medplum has a newer version; reload and retry");
            default -> new ProblemException(ProblemType.VALIDATION, "Medplum refused the request (HTTP " + status + ")");
        };
    }
}
