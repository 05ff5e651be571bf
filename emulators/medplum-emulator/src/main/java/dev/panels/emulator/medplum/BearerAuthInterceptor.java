package dev.panels.emulator.medplum;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * Every FHIR call but {@code /metadata} needs {@code Authorization: Bearer <Medplum access token>}; the token's
 * login decides the project the call sees. Failures are 401 with an OperationOutcome, as Medplum answers.
 */
@Interceptor
final class BearerAuthInterceptor {

    private final TokenService tokens;
    private final Directory directory;

    BearerAuthInterceptor(TokenService tokens, Directory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean authenticate(RequestDetails request, HttpServletResponse response) throws IOException {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return true;
        }
        Optional<TokenService.Login> login = tokens.verifyBearer(request.getHeader("Authorization"));
        if (login.isEmpty() || directory.project(login.get().projectId).isEmpty()) {
            // Answered here rather than thrown: HAPI logs interceptor exceptions with stack traces, and a
            // refused token is an expected outcome, not a server error.
            response.setHeader("WWW-Authenticate", "Bearer");
            JsonResponses.unauthorized(response);
            return false;
        }
        TokenService.Login l = login.get();
        request.getUserData().put(AuthContext.KEY, new AuthContext(l.id, l.clientId, l.projectId, l.profile,
                l.membership.accessPolicy));
        return true;
    }
}
