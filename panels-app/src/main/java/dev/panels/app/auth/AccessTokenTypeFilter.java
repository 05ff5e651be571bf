package dev.panels.app.auth;

import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.logging.Logger;

/**
 * Only access tokens open the API. Keycloak's ID tokens for this client are signed by the same realm and carry the
 * same audience, so the MP-JWT check alone lets them in; Keycloak marks each token's kind in {@code typ}
 * ({@code Bearer} for access tokens, {@code ID} for ID tokens), and anything but an access token is refused.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessTokenTypeFilter implements ContainerRequestFilter {

    static final String ACCESS_TOKEN_TYPE = "Bearer";
    private static final Logger LOG = Logger.getLogger(AccessTokenTypeFilter.class.getName());

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        Object type = jwt.getClaim(Claims.TOKEN_TYPE);
        if (!ACCESS_TOKEN_TYPE.equals(type)) {
            LOG.warning(() -> "Refused a token of type " + type + " (subject " + jwt.getSubject() + ") as a bearer token");
            request.abortWith(Problem.of(ProblemType.TOKEN, "Only access tokens are accepted").toResponse());
        }
    }
}
