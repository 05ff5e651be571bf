package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.client.StytchModels.DiscoveredOrganization;
import dev.panels.keycloak.stytch.client.StytchModels.Discovery;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import jakarta.ws.rs.core.Response;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;

/**
 * Organization choice after a discovery sign-in (magic link or discovery OAuth): of the organizations Stytch found
 * for the email, only those this realm accepts are offered; one is taken at once, several are offered on a page.
 * The intermediate session is then exchanged for a member session of the chosen organization.
 */
final class OrganizationStep {

    private final SignInFlow flow;

    OrganizationStep(SignInFlow flow) {
        this.flow = flow;
    }

    Response discovered(AuthenticationSessionModel authSession, String state, Discovery discovery) {
        authSession.setAuthNote(SignInFlow.NOTE_IST, discovery.intermediateSessionToken());
        if (discovery.email() != null) {
            authSession.setAuthNote(SignInFlow.NOTE_EMAIL, discovery.email());
        }
        OrganizationPolicy policy = flow.policy();
        List<Organization> allowed = discovery.organizations().stream().map(DiscoveredOrganization::organization)
                .filter(o -> o != null && policy.accepts(o)).toList();
        if (allowed.isEmpty()) {
            boolean none = discovery.organizations().isEmpty();
            return flow.refuse(authSession, state, Kind.ORGANIZATION_NOT_ALLOWED, Kind.ORGANIZATION_NOT_ALLOWED.messageKey(),
                    none ? null : discovery.organizations().get(0).organization().organizationId(), null,
                    none ? "no_organizations" : "not_in_realm");
        }
        if (allowed.size() == 1) {
            return exchange(authSession, state, discovery.intermediateSessionToken(), allowed.get(0).organizationId());
        }
        return flow.pages(authSession, state).organizations(allowed);
    }

    /** The organization picked on the page; it must still be one Stytch discovered and this realm accepts. */
    Response chosen(AuthenticationSessionModel authSession, String state, String organizationId) {
        String ist = authSession.getAuthNote(SignInFlow.NOTE_IST);
        if (ist == null) {
            throw StytchFailure.of(Kind.SESSION_EXPIRED, "no intermediate session in this login");
        }
        Discovery discovery = flow.gateway().listDiscoveredOrganizations(ist);
        Organization chosen = discovery.organizations().stream().map(DiscoveredOrganization::organization)
                .filter(o -> o.organizationId().equals(organizationId))
                .findFirst().orElse(null);
        if (chosen == null || !flow.policy().accepts(chosen)) {
            flow.loginError(authSession, Kind.ORGANIZATION_NOT_ALLOWED, organizationId, null, null);
            return flow.pages(authSession, state).error(Kind.ORGANIZATION_NOT_ALLOWED.messageKey(), Response.Status.FORBIDDEN, true);
        }
        return exchange(authSession, state, ist, chosen.organizationId());
    }

    private Response exchange(AuthenticationSessionModel authSession, String state, String ist, String organizationId) {
        return new CompletionStep(flow).memberAuthenticated(authSession, state,
                flow.gateway().exchangeIntermediateSession(ist, organizationId, flow.config.getSessionDurationMinutes()));
    }
}
