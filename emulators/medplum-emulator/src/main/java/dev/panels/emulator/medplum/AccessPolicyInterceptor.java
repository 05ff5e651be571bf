package dev.panels.emulator.medplum;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A membership's AccessPolicy, applied as Medplum applies the part of it this stand-in accepts (see
 * {@link AccessPolicies}): a resource type the policy does not list is 403 {@code Forbidden}; a write to a type it
 * lists as {@code readonly} is 403 too; resources of unlisted types are left out of search results (included ones
 * as well). A membership without a policy sees its whole project, as in Medplum.
 */
@Interceptor
final class AccessPolicyInterceptor {

    private static final Set<RestOperationTypeEnum> WRITES = Set.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.DELETE, RestOperationTypeEnum.PATCH);

    private final Directory directory;

    AccessPolicyInterceptor(Directory directory) {
        this.directory = directory;
    }

    /** Runs after {@link BearerAuthInterceptor} (same pointcut, later order), which has put the caller in the request. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = 10)
    public boolean authorize(RequestDetails request, HttpServletResponse response) throws IOException {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA || request.getResourceName() == null) {
            return true;
        }
        Optional<AccessPolicies.Rules> rules = rules(request);
        if (rules.isEmpty()) {
            return true;
        }
        String type = request.getResourceName();
        boolean allowed = WRITES.contains(request.getRestOperationType()) ? rules.get().canWrite(type) : rules.get().canRead(type);
        if (!allowed) {
            JsonResponses.write(response, 403, JsonResponses.outcome("error", "forbidden", "Forbidden"));
            return false;
        }
        return true;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean filter(RequestDetails request, ResponseDetails response) {
        IBaseResource resource = response.getResponseResource();
        if (resource instanceof Bundle bundle) {
            rules(request).ifPresent(rules -> bundle.getEntry().removeIf(entry -> entry.getResource() != null
                    && !rules.canRead(entry.getResource().fhirType())));
        }
        return true;
    }

    private Optional<AccessPolicies.Rules> rules(RequestDetails request) {
        return AuthContext.find(request)
                .map(AuthContext::accessPolicy)
                .map(reference -> directory.accessPolicy(reference.substring(reference.indexOf('/') + 1))
                        .map(policy -> AccessPolicies.rules(policy.resource()))
                        // a policy deleted since the invite: nothing is allowed rather than everything
                        .orElse(AccessPolicies.Rules.NONE));
    }
}
