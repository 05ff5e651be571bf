package dev.panels.emulator.medplum;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;

import java.util.Optional;

/**
 * Who is calling, set by {@link BearerAuthInterceptor} from a verified access token. {@code accessPolicy} is the
 * membership's {@code AccessPolicy/<id>} reference, or null.
 */
record AuthContext(String loginId, String clientId, String projectId, String profile, String accessPolicy) {

    static final String KEY = AuthContext.class.getName();

    /** The caller, if {@link BearerAuthInterceptor} admitted the request (not for {@code /metadata}). */
    static Optional<AuthContext> find(RequestDetails request) {
        return request.getUserData().get(KEY) instanceof AuthContext ctx ? Optional.of(ctx) : Optional.empty();
    }

    static AuthContext of(RequestDetails request) {
        // Only empty if the interceptor is missing: refuse rather than serve data without a project.
        return find(request).orElseThrow(() -> new AuthenticationException("Unauthorized"));
    }
}
