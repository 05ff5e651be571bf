package dev.panels.app.medplum;

import dev.panels.app.PanelsConfig;
import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Medplum outages (including an open circuit and timeouts) become 503 + Retry-After, "upstream unavailable". */
public final class UpstreamMappers {

    private static final Logger LOG = Logger.getLogger(UpstreamMappers.class.getName());

    private UpstreamMappers() {
    }

    static Response unavailable(int retryAfterSeconds) {
        return new ProblemException(Problem.of(ProblemType.UPSTREAM_UNAVAILABLE,
                "Medplum (the clinical data service) is unavailable; try again shortly"))
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .toResponse();
    }

    @Provider
    @ApplicationScoped
    public static class Unavailable implements ExceptionMapper<UpstreamUnavailableException> {
        @Inject
        PanelsConfig config;

        @Override
        public Response toResponse(UpstreamUnavailableException e) {
            LOG.log(Level.WARNING, "Medplum unavailable: {0}", e.getMessage());
            return unavailable(config.medplumRetryAfterSeconds());
        }
    }

    @Provider
    @ApplicationScoped
    public static class FaultTolerance implements ExceptionMapper<FaultToleranceException> {
        @Inject
        PanelsConfig config;

        @Override
        public Response toResponse(FaultToleranceException e) {
            LOG.log(Level.WARNING, "Medplum call stopped by fault tolerance: {0}", e.toString());
            return unavailable(config.medplumRetryAfterSeconds());
        }
    }
}
