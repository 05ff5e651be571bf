package dev.panels.emulator.medplum;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;

/** Who is calling, set by {@link BearerAuthInterceptor} from a verified access token. */
record AuthContext(String loginId, String clientId, String projectId, String profile) {

    static final String KEY = AuthContext.class.getName();

    static AuthContext of(RequestDetails request) {
        Object value = request.getUserData().get(KEY);
        if (value instanceof AuthContext ctx) {
            return ctx;
        }
        // Only reachable if the interceptor is missing: refuse rather than serve data without a project.
        throw new AuthenticationException("Unauthorized");
    }
}
