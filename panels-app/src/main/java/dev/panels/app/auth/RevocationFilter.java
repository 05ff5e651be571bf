package dev.panels.app.auth;

import dev.panels.app.metrics.AppMetrics;
import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.time.Instant;

/** Refuses, at once, tokens of sessions ended by back-channel logout (the server verified the rest). */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class RevocationFilter implements ContainerRequestFilter {

    @Inject
    SessionRevocations revocations;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken jwt)) {
            return;
        }
        String sid = jwt.getClaim(Claims.SESSION_ID);
        Instant issuedAt = jwt.getIssuedAtTime() > 0 ? Instant.ofEpochSecond(jwt.getIssuedAtTime()) : null;
        if (revocations.isRevoked(sid, jwt.getSubject(), issuedAt)) {
            AppMetrics.refusedRevoked();
            request.abortWith(Problem.of(ProblemType.SESSION, "This session has ended; sign in again").toResponse());
        }
    }
}
